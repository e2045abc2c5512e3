// Behaviour that needs a process of its own: exiting, garbage collection.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const fixture = (name) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const runNode = (args) => execFileSync(process.execPath, args, { encoding: 'utf8', timeout: 60000 });

test('nothing keeps Node alive once the only timer is cancelled', () => {
  // execFileSync's timeout kills a process that hangs; a clean exit 0 is the pass.
  const out = execFileSync(process.execPath, [fixture('exit-after-cancel.mjs')], { encoding: 'utf8', timeout: 10000 });
  expect(out.trim()).toBe('scheduled and cancelled');
});

test('an exception never retrieved is reported when its future is collected, and not one that failed after the shield over it was cancelled', () => {
  const contexts = JSON.parse(runNode(['--expose-gc', fixture('unretrieved.mjs')]));
  expect(contexts).toEqual([{
    message: 'Future exception was never retrieved',
    exception: 'nobody looked',
    future: "<Future finished exception=Error('nobody looked')>",
  }]);
});

test('a combinator awaited through then and referenced by nothing else settles and runs the awaiting code, even when collections run between the callbacks its inputs set going', () => {
  const settled = JSON.parse(runNode(['--expose-gc', fixture('awaited-unreferenced.mjs')]));
  expect(settled).toEqual(['an input a cancelled gather cancels', 'an input awaited itself', 'asCompleted(...).next()', 'gather', 'gather of a gather of a sleep',
    'shield', 'sleep', 'wait', 'wait with a timeout', 'waitFor']);
});

test('a Future its thenable settles, given to a combinator and awaited by code nothing else holds, resumes that code when the thenable rejects as when it resolves, even when collections run between the callbacks its completion sets going', () => {
  const resumed = JSON.parse(runNode(['--expose-gc', fixture('awaited-rejected.mjs')]));
  expect(resumed).toEqual(['rejects: rejects', 'resolves: resolved']);
});

test.each([
  ['string', ''],
  ['bytes', []],
  ['gather', []],
])('an empty %s as the first value a fresh module takes goes through', (what, expected) => {
  expect(JSON.parse(runNode([fixture('empty-first.mjs'), what]))).toEqual({ ok: expected });
});

test('dropped futures of every kind give their wasm heap and JS values back', () => {
  const result = JSON.parse(runNode(['--expose-gc', fixture('memory.mjs'), '100000']));
  console.log(`memory: ${JSON.stringify(result)}`);
  expect(result.peak - result.baseline.heap).toBeGreaterThan(10 * 1024 * 1024);
  // What stays is the loop's pool of at most 1024 handles, not the futures.
  expect(result.after.heap - result.baseline.heap).toBeLessThan(128 * 1024);
  expect(result.after.held).toBe(result.baseline.held);
  expect(result.reports).toBe(result.N);
});

test.each(['result', 'bytes', 'cancel'])('a live future never keeps the wasm memory of a dead sibling\'s large %s (its finalizer group is bounded by size)', (kind) => {
  const { keptBytes } = JSON.parse(runNode(['--expose-gc', fixture('group-large-value.mjs'), kind]));
  expect(keptBytes).toBeLessThan(64 * 1024);
});
