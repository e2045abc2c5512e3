// The published browser bundle, dist/wasm-future.browser.mjs, run in Node
// (test/js/fixtures/browser-bundle.mjs serves its .wasm): minified, with the
// properties only its own code reads renamed (scripts/internal-names.mjs), it
// has the API of the Node entry, name for name, and behaves as it does; it
// refuses a .wasm whose table is not the one it reads by position; and
// another copy of the package still tells that this one attached its module.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const fixture = fileURLToPath(new URL('./fixtures/browser-bundle.mjs', import.meta.url));
const run = (...args) => JSON.parse(execFileSync(process.execPath, [fixture, ...args], { encoding: 'utf8', timeout: 60000 }));

test('the bundle has the names of the Node entry: its exports, their prototypes and what they hand out', () => {
  const bundle = run('shape', 'bundle');
  expect(bundle.error).toBeUndefined();
  expect(Object.keys(bundle.exports).length).toBeGreaterThan(15);
  expect(bundle).toEqual(run('shape', 'node'));
});

test('a run through every part of the API gives what it gives with the Node entry', () => {
  const bundle = run('behaviour', 'bundle');
  expect(bundle.error).toBeUndefined();
  expect(bundle.gather).toEqual(['a', 'b', 'c']);
  expect(bundle).toEqual(run('behaviour', 'node'));
});

test('a .wasm whose table has another size (another release, cached) is refused with a clear error', () => {
  expect(run('stale')).toEqual({ error: 'Error: wasm-future: the .wasm is of another release' });
});

test('wasm-future/attach of another copy refuses the bundle\'s module, which this copy attached', () => {
  expect(run('attach').error).toMatch(/^Error: attach\(Module\): another copy of the wasm-future package \(\d+\.\d+\.\d+\) attached to this module already/);
});
