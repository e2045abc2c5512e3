import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { asCompleted, sleep, Future, TimeoutError } from '../../js/node.js';

test('yields each input in completion order, once', async () => {
  const slow = sleep(30, 'slow');
  const fast = sleep(1, 'fast');
  const middle = sleep(10, 'middle');
  const seen = [];
  for await (const f of asCompleted([slow, fast, middle, fast])) seen.push(f);
  expect(seen).toHaveLength(3);
  expect(seen[0]).toBe(fast);
  expect(seen[1]).toBe(middle);
  expect(seen[2]).toBe(slow);
});

test('past the timeout the iteration throws TimeoutError', async () => {
  // quick completes from a microtask: a timer of its own could come due in
  // the same pass as the timeout on a loaded machine, and lose to it.
  const quick = new Future();
  queueMicrotask(() => quick.setResult('quick'));
  const never = new Future();
  const seen = [];
  const error = await (async () => {
    for await (const f of asCompleted([quick, never], { timeout: 20 })) seen.push(f.result());
  })().catch((e) => e);
  expect(seen).toEqual(['quick']);
  expect(error).toBeInstanceOf(TimeoutError);
  expect(never.cancelled()).toBe(false);
});

test('a timeout of -Infinity throws TimeoutError at once', async () => {
  const never = new Future();
  const iteration = asCompleted([never], { timeout: -Infinity });
  await expect(iteration.next()).rejects.toBeInstanceOf(TimeoutError);
  expect(never.cancelled()).toBe(false);
});

test('breaking out stops it and leaves the inputs alone', async () => {
  const a = sleep(1, 'a');
  const b = sleep(1e6, 'b');
  for await (const f of asCompleted([a, b])) {
    expect(f).toBe(a);
    break;
  }
  expect(b.cancelled()).toBe(false);
  b.cancel();
});

test('an abort stops the iteration', async () => {
  const controller = new AbortController();
  const input = sleep(1e6);
  const iteration = asCompleted([input], { signal: controller.signal });
  controller.abort(new Error('enough'));
  await expect(iteration.next()).rejects.toThrow('enough');
  expect(input.cancelled()).toBe(false);
  input.cancel();
});

test('no inputs: nothing to iterate', async () => {
  const seen = [];
  for await (const f of asCompleted([])) seen.push(f);
  expect(seen).toEqual([]);
});

test('bad input is a TypeError', () => {
  expect(() => asCompleted(7)).toThrow(TypeError);
  expect(() => asCompleted([1])).toThrow(TypeError);
  expect(() => asCompleted([], { timeout: NaN })).toThrow(/timeout/);
});

test('dropped with a future that never settles, it leaves nothing behind', () => {
  const script = fileURLToPath(new URL('./fixtures/dropped-combinators.mjs', import.meta.url));
  const left = JSON.parse(execFileSync(process.execPath, ['--expose-gc', script, 'asCompleted'], { encoding: 'utf8', timeout: 60000 }));
  expect(left.held).toBe(0);
  expect(left.heap).toBeLessThan(1);
});

test('a promise listed twice is one input, yielded once, as asyncio yields each distinct input once', async () => {
  const promise = Promise.resolve('once');
  const yielded = [];
  for await (const future of asCompleted([promise, promise])) yielded.push(future.result());
  expect(yielded).toEqual(['once']);
});
