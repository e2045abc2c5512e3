// wasm-future/threads in Node: the whole API, and createThreadPool over the
// threaded build of the demo tasks module (worker_threads).
import { createRequire } from 'node:module';
import { makePool } from './concurrent/pool.js';
import { attach } from './binding/attach.js';
import { native } from './node.js';

export * from './node.js';

const require = createRequire(import.meta.url);
let threaded = null;
const loadThreaded = () => {
  threaded ??= require('../dist/wasm-future-threads.js')();
  return threaded;
};

export const { createThreadPool, threadsAvailable, PoolFuture } = makePool(attach(native.module), {
  threaded: loadThreaded,
  // Node always has SharedArrayBuffer: the pool without threads runs the
  // tasks on the main thread of the same module.
  plain: loadThreaded,
  available: () => typeof SharedArrayBuffer === 'function',
});
