// A user's app bundled by Vite: the tarball `npm pack` makes is installed into
// a project outside the repo, test/fixtures/vite-app (index.html and main.js,
// no vite.config) is built with `vite build` (the repo's own Vite, run as its
// CLI from the app's directory, as `npx vite build` would), the output is
// served by a plain static server and opened in Chromium. Bundlers must find
// the .wasm the browser entry loads with new URL(..., import.meta.url) with no
// configuration. Slow: it packs, installs and builds.
import { chromium } from 'playwright-core';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const fixture = join(root, 'test', 'fixtures', 'vite-app');
const viteBin = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const SLOW = 180000;

let project;
let app;
let out;
let build;
let buildMs;

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'wasm-future-vite-'));
  // dist/ is built already; --ignore-scripts skips the prepack rebuild.
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', project],
    { cwd: root, encoding: 'utf8' }));
  app = join(project, 'app');
  cpSync(fixture, app, { recursive: true });
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'vite-user', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(project, info.filename)],
    { cwd: app, stdio: 'ignore' });
  out = join(app, 'dist');
  const started = Date.now();
  build = spawnSync(process.execPath, [viteBin, 'build'], {
    cwd: app, encoding: 'utf8', timeout: SLOW, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', CI: '1' },
  });
  buildMs = Date.now() - started;
}, SLOW);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

/** The build output's files, relative to dist/. */
const emitted = () => readdirSync(out, { recursive: true }).map(String);

describe('vite build, with no configuration', () => {
  test('the fixture has no Vite configuration', () => {
    expect(readdirSync(fixture).filter((f) => /^vite\.config\./.test(f))).toEqual([]);
  });

  test('builds an app that imports wasm-future', () => {
    // On failure the diff shows Vite's own report of what it could not do.
    expect({ status: build.status, error: build.error?.message, stderr: build.stderr })
      .toMatchObject({ status: 0, error: undefined });
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    if (process.env.VITE_TEST_LOG) process.stdout.write(`vite build: ${buildMs} ms\n${build.stdout}${build.stderr}`);
  });

  test('emits the package\'s .wasm, byte for byte, as an asset of its own', () => {
    const wasm = emitted().filter((f) => f.endsWith('.wasm'));
    expect(wasm).toHaveLength(1);
    expect(wasm[0]).toMatch(/^assets\/wasm-future\.web-[\w-]+\.wasm$/);
    const original = readFileSync(join(app, 'node_modules', 'wasm-future', 'dist', 'wasm-future.web.wasm'));
    expect(readFileSync(join(out, wasm[0])).equals(original)).toBe(true);
  });

  test('the bundled JS refers to the emitted .wasm by its hashed name', () => {
    const [wasm] = emitted().filter((f) => f.endsWith('.wasm'));
    const js = emitted().filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    const name = wasm.split('/').pop();
    expect(js.filter((f) => readFileSync(join(out, f), 'utf8').includes(name))).not.toEqual([]);
  });
});

describe('the built app in Chromium', () => {
  let server;
  let browser;
  let text;
  let problems;
  let wasmResponses;

  beforeAll(async () => {
    // A host that knows nothing of the package: no COOP/COEP headers.
    server = await serve({ root: out, port: 0, home: '/index.html', isolate: false });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    const page = await browser.newPage();
    problems = [];
    wasmResponses = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
    page.on('response', (r) => {
      if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`);
      if (new URL(r.url()).pathname.endsWith('.wasm')) {
        wasmResponses.push([new URL(r.url()).pathname, r.status(), r.headers()['content-type']]);
      }
    });
    await page.goto(`http://127.0.0.1:${server.address().port}/index.html`);
    await page.waitForFunction(() => document.getElementById('out').textContent !== 'running', null, { timeout: 30000 });
    text = await page.textContent('#out');
    await page.close();
  }, 60000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
  });

  test('awaits a future a timer resolves', () => {
    expect(text.split('\n').slice(0, 2)).toEqual(['await: 42', 'repr: <Future finished result=42>']);
  });

  test('gathers a sleep, a Future and a Promise, in order', () => {
    expect(text.split('\n')[2]).toBe('gather: ["a","b","c"]');
  });

  test('a cancelled sleep rejects with the package\'s CancelledError', () => {
    expect(text.split('\n')[3]).toBe('cancel: true stop');
  });

  test('writes nothing else', () => {
    expect(text.split('\n')).toHaveLength(4);
  });

  test('fetches the emitted .wasm once, as application/wasm', () => {
    const [wasm] = emitted().filter((f) => f.endsWith('.wasm'));
    expect(wasmResponses).toEqual([[`/${wasm}`, 200, 'application/wasm']]);
  });

  test('logs no console error, page error or failed request', () => {
    expect(problems).toEqual([]);
  });
});
