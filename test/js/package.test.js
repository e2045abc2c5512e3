// The tarball `npm pack` makes, installed into a project outside the repo and
// used from ESM and from CommonJS, as a user would.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
let project;
let tarball;
let packed;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'wasm-future-user-'));
  // dist/ was built by npm test; --ignore-scripts skips the prepack rebuild.
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', project],
    { cwd: root, encoding: 'utf8' }));
  tarball = join(project, info.filename);
  packed = info.files.map((f) => f.path);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball], { cwd: project, stdio: 'ignore' });
}, 120000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

test('the tarball holds the built .wasm, the glue, both entries and the types', () => {
  expect(packed).toEqual(expect.arrayContaining([
    'dist/wasm-future.wasm', 'dist/wasm-future.mjs', 'dist/index.cjs', 'js/node.js', 'js/index.js', 'js/index.d.ts',
    'dist/wasm-future-threads.wasm', 'dist/wasm-future-threads.js', 'dist/wasm-future-threads.worker.js',
    'dist/package.json', 'js/threads.js', 'js/threads.d.ts',
    'package.json', 'c/include/wf/wf.h',
  ]));
  expect(packed.some((p) => p.startsWith('test/') || p.startsWith('node_modules/'))).toBe(false);
});

const script = (name, text) => {
  writeFileSync(join(project, name), text);
  return execFileSync(process.execPath, [name], { cwd: project, encoding: 'utf8', timeout: 30000 }).trim();
};

test('works from ESM with no init call', () => {
  expect(script('esm.mjs', `
    import { Future, isFuture } from 'wasm-future';
    const f = new Future();
    setTimeout(() => f.setResult(42));
    console.log(await f, isFuture(f));
  `)).toBe('42 true');
});

test('wasm-future/threads runs C tasks on threads from the installed package', () => {
  expect(script('threads.mjs', `
    import { createThreadPool } from 'wasm-future/threads';
    const pool = await createThreadPool({ workers: 2 });
    const tile = await pool.submit('mandelbrot', -2, -1, 1, 1, 4, 4, 20);
    await pool.shutdown();
    console.log(pool.threaded, tile.length);
  `)).toBe('true 64');
});

test('works from CommonJS with no init call', () => {
  expect(script('cjs.cjs', `
    const { Future, getLoop } = require('wasm-future');
    const f = new Future();
    getLoop().callLater(1, () => f.setResult('from require'));
    f.then((v) => console.log(v));
  `)).toBe('from require');
});
