import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sleep, getLoop, CancelledError } from '../../js/node.js';

test('resolves to its value after the delay', async () => {
  const start = getLoop().time();
  expect(await sleep(20, 'rested')).toBe('rested');
  expect(getLoop().time() - start).toBeGreaterThanOrEqual(19);
});

test('keeps an object value as it is', async () => {
  const value = { same: true };
  expect(await sleep(1, value)).toBe(value);
});

test('cancelling it rejects with CancelledError', async () => {
  const f = sleep(1e6);
  f.cancel('woken');
  await expect(f).rejects.toBeInstanceOf(CancelledError);
});

test('a signal cancels it', async () => {
  const f = sleep(1e6, 'x', { signal: AbortSignal.abort() });
  expect(f.cancelled()).toBe(true);
});

test('a negative delay is due at once', async () => {
  expect(await sleep(-10, 'now')).toBe('now');
});

test('sleep(-Infinity) is due at once', async () => {
  expect(await sleep(-Infinity, 'now')).toBe('now');
});

test('a cancelled sleep(1e9) lets Node exit at once', () => {
  const script = fileURLToPath(new URL('./fixtures/exit-after-sleep-cancel.mjs', import.meta.url));
  // A timer left armed would keep the child alive until the kill at 10 s.
  expect(execFileSync(process.execPath, [script], { encoding: 'utf8', timeout: 10000 }).trim()).toBe('cancelled');
});

test('bad input is a TypeError', () => {
  expect(() => sleep('5')).toThrow(TypeError);
  expect(() => sleep(NaN)).toThrow(/ms/);
  expect(() => sleep()).toThrow(TypeError);
  expect(() => sleep(1, 1, 3)).toThrow(/options/);
});

test('an endless sleep nobody holds leaves nothing behind', () => {
  const script = fileURLToPath(new URL('./fixtures/dropped-combinators.mjs', import.meta.url));
  const left = JSON.parse(execFileSync(process.execPath, ['--expose-gc', script, 'sleep'], { encoding: 'utf8', timeout: 60000 }));
  expect(left.held).toBe(0);
  expect(left.heap).toBeLessThan(1);
});
