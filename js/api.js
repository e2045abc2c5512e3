// The public API's names: the one list. attach builds its object from it
// (binding/attach-core.js), and scripts/gen-entries.mjs writes from it the
// export statement of each entry (js/index.js, js/node.js, js/threads.js,
// js/threads.node.js, and what js/node.cjs leaves out), which must name every
// export: an ES module's named exports are static. test/js/entries.test.js
// fails when an entry is stale. (The types, js/*.d.ts and js/*.d.cts, are
// written by hand.)

/** What every entry exports. */
export const API = [
  'Future', 'CancelledError', 'InvalidStateError', 'TimeoutError', 'getLoop', 'Loop', 'Handle', 'TimerHandle',
  'isFuture', 'ensureFuture', 'wrapPromise', 'gather', 'wait', 'asCompleted', 'waitFor', 'shield', 'sleep',
  'FIRST_COMPLETED', 'FIRST_EXCEPTION', 'ALL_COMPLETED', 'native',
];

/** What attach and wasm-future/threads add: the thread pool. */
export const POOL_API = ['createThreadPool', 'threadsAvailable', 'PoolFuture'];
