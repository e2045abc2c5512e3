// Soak: every public API pattern, run in six rounds of 400 in a process of
// its own, the loop drained and everything collected between rounds
// (test/js/fixtures/soak-patterns.mjs). Once the first rounds have grown the
// pools (the allocator's, the loop's handles, a thread pool's stacks), the
// wasm heap and the JS values held for C stay exactly where they are, and the
// JS heap within noise: a leak of 128 B a call would add 300 KB over the last
// three rounds.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('../fixtures/soak-patterns.mjs', import.meta.url));

describe.each([
  'result, awaited', 'exception, caught by then', 'cancel, toPromise caught', 'done-callbacks added and removed',
  'signal aborts a future', 'abandoned await on a new Future',
  'gather completing', 'gather cancelled', 'gather abandoned',
  'wait completing', 'wait timing out', 'wait abandoned',
  'waitFor completing', 'waitFor timing out', 'waitFor abandoned',
  'shield completing and cancelled', 'shield abandoned',
  'asCompleted iterated', 'asCompleted timing out', 'asCompleted abandoned',
  'sleep cancelled', 'sleep(Infinity) abandoned', 'wrapPromise of a fetch-like function, cancelled',
  'callSoon and callLater, some cancelled',
  'pool task awaited', 'pool task cancelled before it runs', 'pool task abandoned, then awaited by gather',
])('%s, in rounds', (pattern) => {
  let rounds;
  beforeAll(() => {
    rounds = JSON.parse(execFileSync(process.execPath, ['--expose-gc', fixture, pattern], { encoding: 'utf8', timeout: 120000 }));
  }, 120000);

  test('holds as many JS values for C after the last round as after the third', () => {
    expect(rounds.at(-1).held).toBe(rounds[2].held);
  });

  test('keeps its wasm heap flat over the last rounds', () => {
    expect(rounds.at(-1).wasm - rounds[2].wasm).toBeLessThanOrEqual(1024);
  });

  test('keeps its JS heap within noise over the last rounds', () => {
    expect(rounds.at(-1).js - rounds[2].js).toBeLessThan(256 * 1024);
  });
});
