// wasm-future/threads in Node: the whole API, and createThreadPool.
export * from './node.js';
export { createThreadPool, threadsAvailable, PoolFuture } from './pool.js';
