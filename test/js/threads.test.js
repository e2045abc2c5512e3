// wasm-future/threads in Node: C tasks on worker_threads through the
// threaded build, and the same pool without threads.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  createThreadPool, gather, asCompleted, shield, waitFor, Future, PoolFuture, CancelledError, InvalidStateError, TimeoutError, isFuture,
} from '../../js/threads.node.js';
import { WF_EINVAL, WF_ENOMEM } from '../../js/core/abi.js';

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

test('a pool future is a Future of the same module as the rest of wasm-future/threads', async () => {
  const f = pool.submit('noop');
  expect(isFuture(f)).toBe(true);
  expect(f).toBeInstanceOf(Future);
  expect(f).toBeInstanceOf(PoolFuture);
  expect(await shield(f)).toBeUndefined();
});

test('asCompleted yields pool futures as their tasks end', async () => {
  const futures = Array.from({ length: 6 }, (_, i) => pool.submit(...tile(i)));
  const seen = [];
  for await (const f of asCompleted(futures)) seen.push(f);
  expect(new Set(seen)).toEqual(new Set(futures));
});

test('the same call twice gives the same pixels: arguments cross to the worker intact', async () => {
  const [a, b] = await gather([pool.submit(...tile(7)), pool.submit(...tile(7))]);
  expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
});

test('a task cancelled before it runs never runs; cancelling a running one cancels its Future and the task runs on', async () => {
  const one = await createThreadPool({ workers: 1 });
  const busy = one.submit('mandelbrot', -2, -1, 1, 1, 600, 600, 3000);
  const queued = one.submit('mandelbrot', -2, -1, 1, 1, 8, 8, 10);
  for (let i = 0; i < 2000 && !busy.running(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(busy.running()).toBe(true);
  expect(busy.cancel('too late')).toBe(true);
  expect([busy.state, busy.running(), busy.cancelled()]).toEqual(['CANCELLED', false, true]);
  expect(queued.cancel('not needed')).toBe(true);
  await expect(queued).rejects.toBeInstanceOf(CancelledError);
  await expect(busy).rejects.toThrow('too late');
  // The running task ran on: shutdown waits for it, the queued one never ran.
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

test('an argument larger than wasm memory can hold is a RangeError, and the pool goes on', async () => {
  const huge = new Uint8Array(1100 * 1024 * 1024);
  expect(() => pool.submit('noop', huge)).toThrow(RangeError);
  expect(await pool.submit('noop')).toBeUndefined();
});

test('tasks whose results exhaust wasm memory fail with the out-of-memory code; the pool goes on', async () => {
  // Each result is 64 MB, copied once more into its loop future: 24 of them
  // at once cannot fit in the module's 1 GB.
  const futures = Array.from({ length: 24 }, () => pool.submit('mandelbrot', -2, -1, 1, 1, 4096, 4096, 1));
  // Each one awaited on its own: gather would copy every result once more.
  const outcomes = [];
  for (const f of futures) outcomes.push(await f.catch((error) => error));
  const failed = outcomes.filter((o) => o instanceof Error);
  expect(failed.length).toBeGreaterThan(0);
  for (const error of failed) expect(error.code).toBe(WF_ENOMEM);
  outcomes.filter((o) => !(o instanceof Error)).forEach((bytes) => expect(bytes.length).toBe(4096 * 4096 * 4));
  outcomes.length = 0;
  expect((await pool.submit(...tile(3))).length).toBe(64);
}, 60000);

test('32 workers start, run tasks and shut down', async () => {
  const wide = await createThreadPool({ workers: 32 });
  const results = await gather(Array.from({ length: 64 }, (_, i) => wide.submit(...tile(i))));
  expect(results.every((bytes) => bytes.length === 64)).toBe(true);
  await wide.shutdown();
});

test('more workers than a pool may run is a RangeError', async () => {
  await expect(createThreadPool({ workers: 65 })).rejects.toThrow(RangeError);
  await expect(createThreadPool({ workers: 65 })).rejects.toThrow(/at most 64/);
});

test('a second shutdown({ wait: true }) waits like the first', async () => {
  const one = await createThreadPool({ workers: 1 });
  const busy = one.submit('mandelbrot', -2, -1, 1, 1, 300, 300, 1000);
  const first = one.shutdown();
  const second = one.shutdown({ wait: true });
  await second;
  expect(busy.done()).toBe(true);
  await first;
  expect(one.closed).toBe(true);
});

test('shutdown({ wait: false }) resolves at once and the tasks still end', async () => {
  const one = await createThreadPool({ workers: 1 });
  const busy = one.submit('mandelbrot', -2, -1, 1, 1, 100, 100, 500);
  await one.shutdown({ wait: false });
  expect((await busy).length).toBe(100 * 100 * 4);
});

test('bad options of shutdown are TypeErrors', () => {
  expect(() => pool.shutdown(5)).toThrow(TypeError);
  expect(() => pool.shutdown({ wait: 'yes' })).toThrow(/wait must be a boolean/);
  expect(() => pool.shutdown({ cancelFutures: 1 })).toThrow(/cancelFutures must be a boolean/);
  expect(pool.closed).toBe(false);
});

test('a task given the wrong number of arguments fails with the task\'s own error', async () => {
  const error = await pool.submit('mandelbrot', 1, 2).catch((e) => e);
  expect(error.code).toBe(WF_EINVAL);
});

test('bad input is a clear error', async () => {
  await expect(createThreadPool({ threads: 'yes' })).rejects.toThrow(/threads must be a boolean/);
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

test('a script whose pool is idle and never shut down exits by itself', () => {
  const script = fileURLToPath(new URL('./fixtures/pool-idle-exit.mjs', import.meta.url));
  expect(execFileSync(process.execPath, [script], { encoding: 'utf8', timeout: 30000 }).trim()).toBe('64 bytes, idle');
});

test('require(\'wasm-future/threads\') gives the same pool from CommonJS', () => {
  const code = "const wf = require('./js/threads.cjs'); wf.createThreadPool({ workers: 2 })" +
    ".then((p) => p.submit('noop').then(() => console.log(p.threaded, typeof wf.gather, wf.isFuture(p.submit('noop')))))";
  const out = execFileSync(process.execPath, ['-e', code], { cwd: fileURLToPath(new URL('../..', import.meta.url)),
    encoding: 'utf8', timeout: 30000 });
  expect(out.trim()).toBe('true function true');
});

test('a task that runs out of wasm memory fails with WF_ENOMEM and a message that says what ran out', () => {
  const script = fileURLToPath(new URL('./fixtures/pool-out-of-memory.mjs', import.meta.url));
  const failure = JSON.parse(execFileSync(process.execPath, [script], { encoding: 'utf8', timeout: 120000 }));
  // Where it runs out depends on the allocator's layout (the task's own copy, or the copy of its outcome to the loop).
  expect(failure).toEqual({ name: 'Error', code: WF_ENOMEM, message: expect.stringMatching(/^(mandelbrot: )?out of memory for \S/) });
}, 120000);

test('a pool that shut down leaves no idle Workers behind, and a later pool starts new ones', async () => {
  const { attach } = await import('../../js/binding/attach.js');
  const { createRequire } = await import('node:module');
  const module = {};
  createRequire(import.meta.url)('../../dist/wasm-future-threads.js')(module);
  const api = attach(module);
  const idleWorkers = module.wasmFuture.internals.idleWorkers;
  for (let round = 0; round < 2; round++) {
    const pool = await api.createThreadPool({ workers: 16 });
    await pool.submit('noop');
    await pool.shutdown();
    // Emscripten takes a Worker back when its thread's exit message arrives.
    for (let i = 0; i < 200 && idleWorkers() > 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(idleWorkers()).toBe(0);
  }
  const again = await api.createThreadPool({ workers: 2 });
  expect(await again.submit('noop')).toBeUndefined();
  await again.shutdown();
}, 60000);

describe('a running task\'s Future cancelled by a combinator follows the same rule as its cancel()', () => {
  let one;
  beforeEach(async () => {
    one = await createThreadPool({ workers: 1 });
  });
  afterEach(() => one.shutdown());

  /** A task that runs now, in a box: an async function returning the Future itself would await it. */
  async function runningTask() {
    const busy = one.submit('mandelbrot', -2, -1, 1, 1, 600, 600, 3000);
    for (let i = 0; i < 2000 && !busy.running(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
    expect(busy.running()).toBe(true);
    return { busy };
  }

  test('waitFor\'s timeout cancels it: CANCELLED, not running, TimeoutError for the waiter', async () => {
    const { busy } = await runningTask();
    await expect(waitFor(busy, 10)).rejects.toBeInstanceOf(TimeoutError);
    expect([busy.state, busy.running(), busy.cancelled()]).toEqual(['CANCELLED', false, true]);
  });

  test('a cancelled gather cancels it the same way', async () => {
    const { busy } = await runningTask();
    const gathered = gather([busy]);
    expect(gathered.cancel()).toBe(true);
    await expect(gathered).rejects.toBeInstanceOf(CancelledError);
    expect([busy.state, busy.running(), busy.cancelled()]).toEqual(['CANCELLED', false, true]);
  });

  test('an aborted signal cancels it the same way', async () => {
    const controller = new AbortController();
    const busy = one.submit('mandelbrot', -2, -1, 1, 1, 600, 600, 3000);
    for (let i = 0; i < 2000 && !busy.running(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
    const watched = waitFor(busy, null, { signal: controller.signal });
    controller.abort();
    await expect(watched).rejects.toBeInstanceOf(CancelledError);
    expect([busy.state, busy.running(), busy.cancelled()]).toEqual(['CANCELLED', false, true]);
  });
});
