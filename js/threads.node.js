// wasm-future/threads in Node: the whole API bound to the package's threaded
// module, built like any user's module from the library with threads and the
// demo tasks of examples/tasks.c; its futures, combinators and pool share that
// one module's memory. Linked with -sWASM_ASYNC_COMPILATION=0, it is up once the factory returns, and
// no thread starts before a pool does.
import { createRequire } from 'node:module';
import { attach } from './binding/attach.js';

const createWasmFutureThreads = createRequire(import.meta.url)('../dist/wasm-future-threads.js');
const module = {};
createWasmFutureThreads(module);

// The API's names (js/api.js), written by scripts/gen-entries.mjs.
export const {
  Future, CancelledError, InvalidStateError, TimeoutError, getLoop, Loop, Handle, TimerHandle, isFuture,
  ensureFuture, wrapPromise, gather, wait, asCompleted, waitFor, shield, sleep, FIRST_COMPLETED,
  FIRST_EXCEPTION, ALL_COMPLETED, native, createThreadPool, threadsAvailable, PoolFuture,
} = attach(module);
