import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitFor, sleep, Future, TimeoutError, CancelledError } from '../../js/node.js';

test('resolves with the result when it comes in time', async () => {
  expect(await waitFor(sleep(1, 'in time'), 1000)).toBe('in time');
});

test('on timeout cancels the inner future and rejects with TimeoutError', async () => {
  const inner = sleep(1e6);
  await expect(waitFor(inner, 10)).rejects.toBeInstanceOf(TimeoutError);
  expect(inner.cancelled()).toBe(true);
});

test('cancelling the outer cancels the inner', async () => {
  const inner = new Future();
  const outer = waitFor(inner, 1000);
  outer.cancel('outer cancelled');
  await expect(outer).rejects.toBeInstanceOf(CancelledError);
  expect(inner.cancelled()).toBe(true);
  expect(() => inner.result()).toThrow('outer cancelled');
});

test('null means no timeout', async () => {
  expect(await waitFor(sleep(20, 'no deadline'), null)).toBe('no deadline');
});

test('a future already done resolves at once', () => {
  const done = new Future();
  done.setResult('ready');
  const outer = waitFor(done, 0);
  expect(outer.done()).toBe(true);
  expect(outer.result()).toBe('ready');
});

test('a negative timeout is due at once', async () => {
  const inner = new Future();
  await expect(waitFor(inner, -1)).rejects.toBeInstanceOf(TimeoutError);
  expect(inner.cancelled()).toBe(true);
});

test('a timeout of -Infinity times out at once', async () => {
  const inner = new Future();
  await expect(waitFor(inner, -Infinity)).rejects.toBeInstanceOf(TimeoutError);
  expect(inner.cancelled()).toBe(true);
});

test('an exception passes through', async () => {
  const error = new Error('inner failed');
  await expect(waitFor(Promise.reject(error), 100)).rejects.toBe(error);
});

test('bad input is a TypeError', () => {
  expect(() => waitFor(5, 10)).toThrow(TypeError);
  expect(() => waitFor(sleep(1), NaN)).toThrow(/ms/);
  expect(() => waitFor(sleep(1), 'soon')).toThrow(TypeError);
});

test('dropped with a future that never settles, it leaves nothing behind', () => {
  const script = fileURLToPath(new URL('./fixtures/dropped-combinators.mjs', import.meta.url));
  const left = JSON.parse(execFileSync(process.execPath, ['--expose-gc', script, 'waitFor'], { encoding: 'utf8', timeout: 60000 }));
  expect(left.held).toBe(0);
  expect(left.heap).toBeLessThan(1);
});
