// The demo page in Debian's Chromium: every section clicked through, what it
// shows asserted, no console or page error, a screenshot of each section
// saved under test-output/screenshots/.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const shots = `${root}/test-output/screenshots`;
const launchArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
let server;
let browser;
let page;
const problems = [];

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await serve({ root, port: 0 });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: launchArgs });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForSelector('body[data-ready]');
}, 60000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

const logLines = (selector) => page.$$eval(`${selector} li`, (items) => items.map((li) => li.textContent));

test('the playground shows states, callbacks with their drain, and InvalidStateError', async () => {
  await page.click('#new-future');
  await page.click('#new-future');
  const one = '[data-testid=future-1]';
  const two = '[data-testid=future-2]';
  expect(await page.textContent(`${one} .badge`)).toBe('PENDING');
  await page.click(`${one} [data-action=callback]`);
  await page.click(`${one} [data-action=await]`);
  await page.click(`${one} [data-action=result]`);
  await page.waitForFunction(() => document.querySelector('#log').textContent.includes('await → 42'));
  expect(await page.textContent(`${one} .badge`)).toBe('FINISHED');
  expect(await page.textContent(`${one} code`)).toBe('<Future finished result=42>');
  await page.click(`${one} [data-action=result]`);
  await page.click(`${two} [data-action=callback]`);
  await page.click(`${two} [data-action=cancel]`);
  await page.waitForFunction(() => document.querySelector('#log').textContent.includes('#2 done-callback'));
  expect(await page.textContent(`${two} .badge`)).toBe('CANCELLED');
  const lines = await logLines('#log');
  const callback = lines.findIndex((l) => /^drain \d+ · #1 done-callback 1: <Future finished result=42>$/.test(l));
  const awaited = lines.findIndex((l) => /^drain \d+ · #1 await → 42$/.test(l));
  expect(callback).toBeGreaterThan(-1);
  expect(awaited).toBeGreaterThan(callback);
  expect(lines).toContain('#1.setResult: InvalidStateError: setResult: FINISHED: <Future finished result=42>');
  expect(lines).toContain('#2.cancel() → true');
  await page.locator('#playground').screenshot({ path: `${shots}/playground.png` });
}, 30000);

test('C and JS: C squares what JS fetched, and a cancel reaches the fetch through C', async () => {
  await page.click('#c-run');
  await page.waitForFunction(() => document.querySelector('#c-log').textContent.includes('C resolved'), null, { timeout: 10000 });
  expect(await logLines('#c-log')).toContain('C resolved the future JS awaits: 9223369000000000000 (bigint, past 2^53)');
  await page.locator('#c-and-js').screenshot({ path: `${shots}/c-and-js-resolved.png` });
  await page.click('#c-run');
  await page.waitForFunction(() => document.querySelector('#c-log').textContent.includes('C: awaiting'));
  await page.click('#c-cancel');
  await page.waitForFunction(() => document.querySelector('#c-log').textContent.includes('JS caught'), null, { timeout: 10000 });
  const lines = await logLines('#c-log');
  expect(lines).toContain('JS: output.cancel() → C cancels its input');
  expect(lines).toContain("JS: the input's AbortSignal aborted (cancelled from the page): no fetch");
  expect(lines).toContain('JS caught CancelledError: cancelled from the page; input is CANCELLED');
  await page.locator('#c-and-js').screenshot({ path: `${shots}/c-and-js-cancelled.png` });
}, 30000);

test('combinators: the race ends as asyncio says', async () => {
  await page.click('#race');
  await page.waitForSelector('#timeline[data-done]', { timeout: 10000 });
  const lanes = await page.$$eval('.lane', (rows) => rows.map((row) => [
    row.firstChild.textContent, row.dataset.outcome, row.querySelector('.outcome').textContent.replace(/ @ \d+ ms$/, ''),
  ]));
  expect(lanes).toEqual([
    ['sleep(300)', 'finished', '"a"'],
    ['sleep(600)', 'finished', '"b"'],
    ['sleep(900)', 'finished', '"c"'],
    ['gather([a, b, c])', 'finished', '["a","b","c"]'],
    ['wait(FIRST_COMPLETED)', 'finished', '"1 done"'],
    ['inner of waitFor', 'cancelled', 'cancelled'],
    ['waitFor(inner, 500)', 'failed', 'TimeoutError'],
    ['inner of shield', 'finished', '"guarded"'],
    ['shield(inner)', 'cancelled', 'cancelled'],
  ]);
  await page.locator('#combinators').screenshot({ path: `${shots}/combinators.png` });
}, 30000);

test('C and JS: C fetches the seed itself with wf_js_fetch and squares the bytes', async () => {
  await page.click('#c-fetch');
  await page.waitForFunction(() => document.querySelector('#c-log').textContent.includes('squared it'), null, { timeout: 10000 });
  expect(await logLines('#c-log')).toContain('C fetched the seed itself and squared it: 9223369000000000000 (bigint, past 2^53)');
});

test('C and JS: cancelling the future of a fetch C started rejects it with CancelledError', async () => {
  // Both clicks in one task, so the cancel lands before the response.
  await page.evaluate(() => {
    document.getElementById('c-fetch').click();
    document.getElementById('c-cancel').click();
  });
  await page.waitForFunction(() => document.querySelector('#c-log').textContent.includes('JS caught'), null, { timeout: 10000 });
  const lines = await logLines('#c-log');
  expect(lines).toContain('JS: output.cancel() → C cancels its input');
  expect(lines).toContain('JS caught CancelledError: cancelled from the page');
});

test('threads: the picture is painted by C tasks on threads, tile by tile', async () => {
  expect(await page.textContent('#pool-note')).toBe('This page is cross-origin isolated: the tasks run on threads.');
  await page.fill('#workers', '2');
  await page.click('#paint');
  await page.waitForSelector('#threads[data-painted]', { timeout: 20000 });
  expect(await page.textContent('#paint-status')).toMatch(/^64\/64 tiles in \d+ ms on 2 threads$/);
  const lit = await page.$eval('#picture', (canvas) => {
    const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let bright = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i] > 100) bright++;
    return bright;
  });
  expect(lit).toBeGreaterThan(1000);
  await page.locator('#threads').screenshot({ path: `${shots}/threads.png` });
}, 30000);

test('threads: Cancel keeps the tiles not started from running', async () => {
  await page.evaluate(() => { delete document.getElementById('threads').dataset.painted; });
  await page.fill('#workers', '1');
  // Both clicks in one task: on 1 thread the 64 tiles can be painted (and
  // Cancel disabled again) before a second click of Playwright's lands.
  await page.evaluate(() => {
    document.getElementById('paint').click();
    document.getElementById('paint-cancel').click();
  });
  await page.waitForSelector('#threads[data-painted]', { timeout: 20000 });
  const status = await page.textContent('#paint-status');
  const [, painted, never] = /^cancelled: (\d+) tiles painted, (\d+) never ran/.exec(status) ?? [];
  expect(Number(painted) + Number(never)).toBe(64);
  expect(Number(never)).toBeGreaterThan(0);
  await page.locator('#threads').screenshot({ path: `${shots}/threads-cancelled.png` });
}, 30000);

test('threads: without cross-origin isolation the pool falls back to the loop and says so', async () => {
  const plainServer = await serve({ root, port: 0, isolate: false });
  const plain = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  plain.on('pageerror', (e) => problems.push(e.message));
  try {
    await plain.goto(`http://127.0.0.1:${plainServer.address().port}/`);
    await plain.waitForSelector('body[data-ready]');
    expect(await plain.textContent('#pool-note')).toMatch(/^No SharedArrayBuffer here .* fell back to one thread/);
    await plain.click('#paint');
    await plain.waitForSelector('#threads[data-painted]', { timeout: 30000 });
    expect(await plain.textContent('#paint-status')).toMatch(/^64\/64 tiles in \d+ ms on the loop \(no threads\)$/);
    await plain.locator('#threads').screenshot({ path: `${shots}/threads-fallback.png` });
  } finally {
    await plain.close();
    await new Promise((resolve) => plainServer.close(resolve));
  }
}, 60000);

test('the page fits a phone and logged no errors', async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${shots}/phone.png`, fullPage: true });
  expect(problems).toEqual([]);
});
