import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gather, sleep, Future, CancelledError } from '../../js/node.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

test('results come in input order, whatever order they finish in', async () => {
  expect(await gather([sleep(30, 'slow'), sleep(1, 'fast'), Promise.resolve('promise')]))
    .toEqual(['slow', 'fast', 'promise']);
});

test('values of every kind come back as they went in', async () => {
  const object = { id: 1 };
  const futures = [1.5, 'text', new Uint8Array([1, 2]), object, undefined, true, 2n ** 60n].map((v) => {
    const f = new Future();
    f.setResult(v);
    return f;
  });
  const results = await gather(futures);
  expect(results).toEqual([1.5, 'text', new Uint8Array([1, 2]), object, undefined, true, 2n ** 60n]);
  expect(results[3]).toBe(object);
});

test('the first exception rejects it and the other children are not cancelled', async () => {
  const slow = sleep(20, 'still running');
  const error = new Error('first failure');
  const outer = gather([Promise.reject(error), slow]);
  await expect(outer).rejects.toBe(error);
  expect(slow.cancelled()).toBe(false);
  expect(await slow).toBe('still running');
});

test('returnExceptions puts exceptions and cancellations in the results', async () => {
  const error = new Error('kept');
  const cancelled = new Future();
  cancelled.cancel('child cancelled');
  const results = await gather([Promise.reject(error), cancelled, Promise.resolve(3)], { returnExceptions: true });
  expect(results[0]).toBe(error);
  expect(results[1]).toBeInstanceOf(CancelledError);
  expect(results[1].message).toBe('child cancelled');
  expect(results[2]).toBe(3);
});

test('a cancelled child rejects it with CancelledError', async () => {
  const child = new Future();
  const outer = gather([child, sleep(5)]);
  child.cancel('gone');
  const error = await outer.catch((e) => e);
  expect(error).toBeInstanceOf(CancelledError);
  expect(error.message).toBe('gone');
});

test('cancelling it cancels every child not done, with the message', async () => {
  const done = new Future();
  done.setResult(1);
  const a = new Future();
  const b = sleep(1e6);
  const outer = gather([done, a, b]);
  expect(outer.cancel('stop all')).toBe(true);
  await tick();
  expect(a.cancelled()).toBe(true);
  expect(b.cancelled()).toBe(true);
  expect(() => a.result()).toThrow('stop all');
  expect(done.result()).toBe(1);
  await expect(outer).rejects.toBeInstanceOf(CancelledError);
});

test('an empty input resolves to []', async () => {
  expect(await gather([])).toEqual([]);
  expect(await gather(new Set())).toEqual([]);
});

test('the same future twice is awaited once and reported in both places', async () => {
  const f = sleep(1, 'twice');
  expect(await gather([f, f, sleep(2, 'other'), f])).toEqual(['twice', 'twice', 'other', 'twice']);
});

test('takes any iterable, and a signal that cancels it', async () => {
  function* inputs() { yield sleep(1, 1); yield sleep(2, 2); }
  expect(await gather(inputs())).toEqual([1, 2]);
  const controller = new AbortController();
  const child = new Future();
  const outer = gather([child], { signal: controller.signal });
  controller.abort(new Error('aborted by user'));
  await tick();
  expect(outer.cancelled()).toBe(true);
  expect(child.cancelled()).toBe(true);
  expect(() => child.result()).toThrow('aborted by user');
});

test('a child completing inside another child\'s callback', async () => {
  const a = new Future();
  const b = new Future();
  a.addDoneCallback(() => b.setResult('b'));
  const outer = gather([a, b]);
  a.setResult('a');
  expect(await outer).toEqual(['a', 'b']);
});

test('a gather cancelled from one of its children\'s callbacks', async () => {
  const a = new Future();
  const b = new Future();
  const outer = gather([a, b]);
  a.addDoneCallback(() => outer.cancel('from a callback'));
  a.setResult(1);
  await tick();
  expect(outer.cancelled()).toBe(true);
  expect(b.cancelled()).toBe(true);
});

test('bad input is a TypeError', () => {
  expect(() => gather(5)).toThrow(TypeError);
  expect(() => gather(null)).toThrow(/iterable/);
  expect(() => gather('ab')).toThrow(TypeError);
  expect(() => gather([1, 2])).toThrow(/Future or a thenable/);
  expect(() => gather([], 3)).toThrow(/options/);
  expect(() => gather([], { signal: 1 })).toThrow(/signal/);
});

test('dropped with a future that never settles, it leaves nothing behind', () => {
  const script = fileURLToPath(new URL('./fixtures/dropped-combinators.mjs', import.meta.url));
  const left = JSON.parse(execFileSync(process.execPath, ['--expose-gc', script, 'gather'], { encoding: 'utf8', timeout: 60000 }));
  expect(left.held).toBe(0);
  expect(left.heap).toBeLessThan(1);
});

test('cancelling a gather of children that are all done returns false and it resolves with their results', async () => {
  const children = [new Future(), new Future()];
  children.forEach((f, i) => f.setResult(i + 1));
  const gathered = gather(children);
  expect(gathered.cancel('too late')).toBe(false);
  expect(await gathered).toEqual([1, 2]);
});

test('a promise listed twice is wrapped once and its result given in both places', async () => {
  const promise = Promise.resolve('twice');
  expect(await gather([promise, promise])).toEqual(['twice', 'twice']);
});
