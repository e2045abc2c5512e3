// What the binding takes from Emscripten's private glue
// (docs/emscripten-internals.md), checked on the package's own modules as
// built with the emcc on PATH: a release that renames one fails here, not in
// a user's program that silently exits early.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

test('the threaded module hooks PThread.getNewWorker and returnWorkerToPool, which count running threads', () => {
  const module = {};
  require('../../dist/wasm-future-threads.js')(module);
  expect(module.wasmFuture.internals.threadHooks).toBe(true);
});

test('a module without threads has no thread hooks to install', () => {
  const module = {};
  require('../../dist/wasm-future.node.js')(module);
  expect(module.wasmFuture.internals.threadHooks).toBe(false);
});

test('the Node modules are up when their factory returns (-sWASM_ASYNC_COMPILATION=0)', () => {
  for (const file of ['wasm-future.node.js', 'wasm-future-threads.js']) {
    const module = {};
    require(`../../dist/${file}`)(module);
    expect(module.wasmFuture.ready()).toBe(true);
  }
});

describe('a pool task\'s result posted to a main thread that does not watch the inbox yet', () => {
  // The post is a proxied call (a postMessage from an unref'd Worker): had it
  // not counted as pending work, the task's end would bring the count to 0
  // with the result undelivered, and Node could exit before it arrived.
  test('keeps counting as pending work until the main thread took it, and then stops', async () => {
    const { attach } = await import('../../js/binding/attach.js');
    const module = {};
    require('../../dist/wasm-future-threads.js')(module);
    const wf = attach(module);
    const pendingWork = module.wasmFuture.internals.pendingWork;
    const pool = await wf.createThreadPool({ workers: 1 });
    // Long enough (some milliseconds) that the task is still running when
    // C follows its cfuture: its end is then posted from the worker.
    const future = pool.submit('mandelbrot', -2, -1.5, 1, 1.5, 256, 256, 256);
    // The main thread does not yield: the worker runs the task, posts and
    // ends it, and the post cannot have been taken in yet.
    const until = Date.now() + 500;
    while (Date.now() < until && pendingWork() !== 0);
    expect(pendingWork()).toBe(1);
    await future;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(pendingWork()).toBe(0);
  });
});
