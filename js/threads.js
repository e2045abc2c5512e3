// wasm-future/threads in browsers: the whole API, and createThreadPool.
export * from './index.js';
export { createThreadPool, threadsAvailable, PoolFuture } from './pool.js';
