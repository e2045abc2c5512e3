// Soak: an await that can never settle, abandoned, on a Future C may
// complete (a combinator's, a sleep's, an input of a combinator), is
// collected with everything it reached, as a native Promise's is (the
// mechanism: KNOWN futures, js/future/keep-alive.js).
// Each pattern runs 2000 times after a first round of 2000, in a process of
// its own, the loop drained before measuring. Before: 260-1460 B of JS heap,
// 130-366 B of wasm heap and 1-4 held JS values per call, for ever.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('../fixtures/abandoned-awaits.mjs', import.meta.url));

describe.each([
  'sleep(Infinity).then', 'await sleep(Infinity)', 'sleep(Infinity).toPromise', 'sleep(Infinity).addDoneCallback',
  'gather([pending]).then', 'await gather([pending])', 'shield(pending).then', 'wait([pending]).then',
  'waitFor(pending, null).then', 'asCompleted([pending]).next', 'Promise.race([gather([pending]), other])',
  'await pending given to gather',
])('%s, abandoned 2000 times', (pattern) => {
  let left;
  beforeAll(() => {
    left = JSON.parse(execFileSync(process.execPath, ['--expose-gc', fixture, pattern], { encoding: 'utf8', timeout: 120000 }));
  }, 120000);

  test('holds no JS value for C and no wasm memory afterwards', () => {
    expect(left.held).toBe(0);
    expect(left.wasmPerCall).toBeLessThan(4);
  });

  test('leaves no JS heap of its own (under 250 B a call, which is noise)', () => {
    expect(left.jsPerCall).toBeLessThan(250);
  });
});
