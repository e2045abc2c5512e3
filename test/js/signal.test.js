// AbortSignals given as { signal }: an abort cancels what is still alive, and
// a listener never keeps a Future alive (js/future/signal.js).
import { execFileSync } from 'node:child_process';
import { getEventListeners } from 'node:events';
import { fileURLToPath } from 'node:url';
import { Future, CancelledError, asCompleted, gather, sleep } from '../../js/node.js';

const fixture = fileURLToPath(new URL('./fixtures/long-lived-signal.mjs', import.meta.url));
const soak = (kind) => JSON.parse(execFileSync(process.execPath, ['--expose-gc', fixture, kind],
  { encoding: 'utf8', timeout: 120000 }));

test('a signal given to many futures has one abort listener, and its abort cancels each of them in order', async () => {
  const controller = new AbortController();
  const futures = Array.from({ length: 100 }, () => new Future({ signal: controller.signal }));
  const order = [];
  futures.forEach((f, i) => f.addDoneCallback(() => order.push(i)));
  expect(getEventListeners(controller.signal, 'abort')).toHaveLength(1);
  controller.abort(new Error('shutting down'));
  expect(futures.every((f) => f.cancelled())).toBe(true);
  await sleep(0);
  expect(order).toEqual(futures.map((_, i) => i));
  const error = await futures[0].then(() => null, (e) => e);
  expect(error).toBeInstanceOf(CancelledError);
  expect(error.message).toBe('shutting down');
});

test('the listener leaves the signal once the last future given it is done', async () => {
  const { signal } = new AbortController();
  const futures = [new Future({ signal }), gather([new Future()], { signal }), sleep(1, 'x', { signal })];
  futures[0].setResult(1);
  futures[1].cancel();
  await futures[2];
  await sleep(0);
  expect(getEventListeners(signal, 'abort')).toHaveLength(0);
});

test('asCompleted leaves the signal when its iteration ends', async () => {
  const { signal } = new AbortController();
  const futures = [new Future(), new Future()];
  futures.forEach((f, i) => f.setResult(i));
  const seen = [];
  for await (const f of asCompleted(futures, { signal })) seen.push(f.result());
  expect(seen.sort()).toEqual([0, 1]);
  expect(getEventListeners(signal, 'abort')).toHaveLength(0);
});

test('an abort during asCompleted ends the iteration with CancelledError and leaves its inputs alone', async () => {
  const controller = new AbortController();
  const futures = [new Future(), new Future()];
  const iteration = asCompleted(futures, { signal: controller.signal });
  futures[0].setResult('first');
  expect((await iteration.next()).value.result()).toBe('first');
  controller.abort('enough');
  const rest = await iteration.next().then(() => null, (e) => e);
  expect(rest).toBeInstanceOf(CancelledError);
  expect(futures[1].done()).toBe(false);
});

describe.each([
  'new Future', 'gather', 'sleep(Infinity)', 'wrapPromise', 'asCompleted, iterated to its end', 'asCompleted, left by break',
])('one long-lived signal given to 2000 of %s, abandoned', (kind) => {
  let result;
  beforeAll(() => {
    result = soak(kind);
  }, 120000);

  test('keeps no listener and no held JS value once they are collected', () => {
    expect(result.listeners).toBe(0);
    expect(result.held).toBe(0);
  });

  test('keeps no wasm memory and hardly any JS heap of theirs (it was 500-1000 B JS, 66-258 B wasm each)', () => {
    expect(result.wasmPerCall).toBeLessThan(8);
    expect(result.jsPerCall).toBeLessThan(250);
  });
});

test('futures given a long-lived signal and completed, still referenced, leave no listener on it', () => {
  const result = soak('new Future, done');
  expect(result.kept).toBe(2000);
  expect(result.listeners).toBe(0);
}, 120000);
