import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { wait, sleep, Future, FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED } from '../../js/node.js';

test('ALL_COMPLETED gives every future in done', async () => {
  const a = sleep(5, 'a');
  const b = sleep(1, 'b');
  const { done, pending } = await wait([a, b]);
  expect(done.size).toBe(2);
  expect(done.has(a) && done.has(b)).toBe(true);
  expect(pending.size).toBe(0);
});

test('FIRST_COMPLETED returns after the first', async () => {
  const fast = sleep(1, 'fast');
  const slow = sleep(1e6, 'slow');
  const { done, pending } = await wait([slow, fast], { returnWhen: FIRST_COMPLETED });
  expect([...done]).toHaveLength(1);
  expect([...done][0]).toBe(fast);
  expect([...pending][0]).toBe(slow);
  expect(slow.cancelled()).toBe(false);
  slow.cancel();
});

test('FIRST_EXCEPTION returns on the first exception', async () => {
  const failing = new Future();
  const slow = sleep(1e6);
  setTimeout(() => failing.setException(new Error('x')), 1);
  const { done, pending } = await wait([failing, slow], { returnWhen: FIRST_EXCEPTION });
  expect([...done][0]).toBe(failing);
  expect([...pending][0]).toBe(slow);
  slow.cancel();
});

test('FIRST_EXCEPTION without exceptions waits for all', async () => {
  const { done, pending } = await wait([sleep(1), sleep(3)], { returnWhen: FIRST_EXCEPTION });
  expect(done.size).toBe(2);
  expect(pending.size).toBe(0);
});

test('a timeout cancels nothing and does not throw', async () => {
  const slow = sleep(1e6, 'slow');
  const { done, pending } = await wait([slow, sleep(1)], { timeout: 15, returnWhen: ALL_COMPLETED });
  expect(done.size).toBe(1);
  expect(pending.has(slow)).toBe(true);
  expect(slow.cancelled()).toBe(false);
  slow.cancel();
});

test('a timeout of -Infinity returns at once with what is done', async () => {
  const ready = new Future();
  ready.setResult('ready');
  const slow = sleep(1e6, 'slow');
  const { done, pending } = await wait([ready, slow], { timeout: -Infinity });
  expect([...done]).toEqual([ready]);
  expect([...pending]).toEqual([slow]);
  slow.cancel();
});

test('thenables are wrapped into futures', async () => {
  const { done } = await wait([Promise.resolve(1)]);
  const [only] = done;
  expect(only).toBeInstanceOf(Future);
  expect(only.result()).toBe(1);
});

test('an empty iterable rejects with TypeError', async () => {
  await expect(wait([])).rejects.toBeInstanceOf(TypeError);
});

test('cancelling the wait, or its signal, cancels no input', async () => {
  const input = sleep(1e6);
  const waiting = wait([input]);
  waiting.cancel();
  const controller = new AbortController();
  const other = wait([input], { signal: controller.signal });
  controller.abort();
  await new Promise((resolve) => setTimeout(resolve, 5));
  expect(waiting.cancelled()).toBe(true);
  expect(other.cancelled()).toBe(true);
  expect(input.cancelled()).toBe(false);
  input.cancel();
});

test('bad input is a TypeError', () => {
  expect(() => wait(3)).toThrow(TypeError);
  expect(() => wait([sleep(1)], { returnWhen: 'SOMETIMES' })).toThrow(/returnWhen/);
  expect(() => wait([sleep(1)], { timeout: NaN })).toThrow(/timeout/);
  expect(() => wait([sleep(1)], { timeout: '5' })).toThrow(TypeError);
  expect(() => wait([{}])).toThrow(TypeError);
});

test('dropped with a future that never settles, it leaves nothing behind', () => {
  const script = fileURLToPath(new URL('./fixtures/dropped-combinators.mjs', import.meta.url));
  const left = JSON.parse(execFileSync(process.execPath, ['--expose-gc', script, 'wait'], { encoding: 'utf8', timeout: 60000 }));
  expect(left.held).toBe(0);
  expect(left.heap).toBeLessThan(1);
});
