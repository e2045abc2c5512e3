// wasm-future/threads in Node: C tasks on worker_threads through the
// threaded build, and the same pool without threads.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createThreadPool, gather, CancelledError, InvalidStateError, isFuture } from '../../js/threads.node.js';

const tile = (i) => ['mandelbrot', -2 + (i % 40) * 0.07, -1 + Math.floor(i / 40) * 0.07, -1.9 + (i % 40) * 0.07,
  -0.9 + Math.floor(i / 40) * 0.07, 4, 4, 60];

let pool;
beforeAll(async () => { pool = await createThreadPool({ workers: 2 }); });
afterAll(() => pool.shutdown());

test('the pool runs on threads and lists the C tasks', () => {
  expect(pool.threaded).toBe(true);
  expect(pool.workers).toBe(2);
  expect(pool.tasks()).toEqual(expect.arrayContaining(['mandelbrot', 'noop']));
});

test('1000 tasks through gather give exactly what the pool without threads computes', async () => {
  const threaded = await gather(Array.from({ length: 1000 }, (_, i) => pool.submit(...tile(i))));
  const plain = await createThreadPool({ threads: false });
  const expected = await gather(Array.from({ length: 1000 }, (_, i) => plain.submit(...tile(i))));
  await plain.shutdown();
  expect(plain.threaded).toBe(false);
  expect(threaded).toHaveLength(1000);
  threaded.forEach((bytes, i) => {
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes.length).toBe(64);
    expect(Buffer.from(bytes).equals(Buffer.from(expected[i]))).toBe(true);
  });
  expect(new Set(threaded.map((b) => Buffer.from(b).toString('hex'))).size).toBeGreaterThan(10);
});

test('a pool future is a Future', async () => {
  const f = pool.submit('noop');
  expect(isFuture(f)).toBe(true);
  expect(await f).toBeUndefined();
});

test('a task cancelled before it runs never runs; a running one cannot be cancelled', async () => {
  const one = await createThreadPool({ workers: 1 });
  const busy = one.submit('mandelbrot', -2, -1, 1, 1, 600, 600, 3000);
  const queued = one.submit('mandelbrot', -2, -1, 1, 1, 8, 8, 10);
  for (let i = 0; i < 2000 && !busy.running(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(busy.running()).toBe(true);
  expect(busy.cancel()).toBe(false);
  expect(queued.cancel('not needed')).toBe(true);
  await expect(queued).rejects.toBeInstanceOf(CancelledError);
  expect((await busy).length).toBe(600 * 600 * 4);
  await one.shutdown();
});

test('shutdown with cancelFutures cancels what has not started and refuses more', async () => {
  const one = await createThreadPool({ workers: 1 });
  const futures = Array.from({ length: 6 }, () => one.submit('mandelbrot', -2, -1, 1, 1, 300, 300, 2000));
  await one.shutdown({ cancelFutures: true });
  const outcomes = futures.map((f) => (f.cancelled() ? 'cancelled' : 'finished'));
  expect(outcomes.filter((o) => o === 'cancelled').length).toBeGreaterThanOrEqual(4);
  expect(outcomes.every((o, i) => o === 'cancelled' || futures[i].result().length === 300 * 300 * 4)).toBe(true);
  expect(() => one.submit('noop')).toThrow(InvalidStateError);
});

test('a task that fails in C rejects with an Error carrying its code', async () => {
  const error = await pool.submit('mandelbrot', 'not', 'numbers').catch((e) => e);
  expect(error).toBeInstanceOf(Error);
  expect(error.code).toBe(-1);
  expect(error.message).toMatch(/^mandelbrot\(/);
});

test('bad input is a clear error', async () => {
  expect(() => pool.submit('no such task')).toThrow(/unknown task 'no such task'/);
  expect(() => pool.submit(42)).toThrow(TypeError);
  expect(() => pool.submit('mandelbrot', {})).toThrow(/argument 1 must be a number, a string or a Uint8Array/);
  expect(() => pool.submit('noop', 2n ** 70n)).toThrow(/64 bits/);
  await expect(createThreadPool({ workers: 0 })).rejects.toThrow(TypeError);
  await expect(createThreadPool({ workers: 1.5 })).rejects.toThrow(/workers/);
  await expect(createThreadPool(7)).rejects.toThrow(/options/);
});

test('the pool without threads runs tasks on the loop and can cancel them before they run', async () => {
  const plain = await createThreadPool({ threads: false, workers: 3 });
  expect(plain.threaded).toBe(false);
  const first = plain.submit('mandelbrot', -2, -1, 1, 1, 2, 2, 10);
  const second = plain.submit('noop');
  expect(second.cancel()).toBe(true);
  expect((await first).length).toBe(16);
  expect(second.cancelled()).toBe(true);
  expect(first.cancel()).toBe(false);
  expect(first.running()).toBe(false);
  await plain.shutdown();
  expect(() => plain.submit('noop')).toThrow(InvalidStateError);
});

test('a script that shuts its pool down exits', () => {
  const script = fileURLToPath(new URL('./fixtures/pool-exit.mjs', import.meta.url));
  expect(execFileSync(process.execPath, [script], { encoding: 'utf8', timeout: 30000 }).trim()).toBe('64 bytes, threaded');
});
