// The runtime in a real Chromium: a module script imports js/index.js, which
// fetches the .wasm, with no init call and no bundler.
import { chromium } from 'playwright-core';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
let server;
let browser;
let base;

beforeAll(async () => {
  server = await serve({ root, port: 0 });
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}, 60000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

test('a module script imports the package and awaits futures', async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${base}/test/browser/runtime.html`);
  await page.waitForFunction(() => document.getElementById('out').textContent !== 'running');
  expect((await page.textContent('#out')).split('\n')).toEqual([
    'await: 42',
    'repr: <Future finished result=42>',
    'order: a,b,microtask',
    'macrotask during chain: true',
    'cancel: true bye',
  ]);
  expect(problems).toEqual([]);
  await page.close();
}, 60000);

test('the browser module\'s malloc returns every size whole, and reuses what dropped futures freed', async () => {
  const gcBrowser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--js-flags=--expose-gc'],
  });
  const page = await gcBrowser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`${base}/test/browser/allocator.html`);
  // The page's module script sets it after the import's top-level await, which may end after 'load'.
  await page.waitForFunction(() => window.allocatorReport !== undefined);
  const report = await page.evaluate(() => window.allocatorReport);
  await gcBrowser.close();
  expect(problems).toEqual([]);
  expect(report.failures).toEqual([]);
  // What stays after a burst is the loop's and the binding's own (scratch
  // buffer, handle pool), not the burst's 20 000 values.
  expect(report.afterFirst.heap - report.baseline).toBeLessThan(64 * 1024);
  expect(report.afterSecond.heap - report.baseline).toBeLessThan(64 * 1024);
  expect(report.afterSecond.memory).toBe(report.afterFirst.memory);
}, 60000);

test('the server refuses paths outside its root and serves .wasm as application/wasm', async () => {
  // fetch() would resolve the dots itself: send the raw path.
  for (const path of ['/../../etc/passwd', '/web/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc/passwd']) {
    const status = await new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: server.address().port, path }, (res) => {
        res.resume();
        resolve(res.statusCode);
      }).on('error', reject);
    });
    expect([path, status]).toEqual([path, 403]);
  }
  const wasm = await fetch(`${base}/dist/wasm-future.web.wasm`);
  expect(wasm.headers.get('content-type')).toBe('application/wasm');
  expect(wasm.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  expect((await fetch(`${base}/no/such/file`)).status).toBe(404);
});
