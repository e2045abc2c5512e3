// The public API, shared by the browser entry (index.js) and Node's (node.js).
export { Future } from './future.js';
export { CancelledError, InvalidStateError, TimeoutError } from './errors.js';
export { getLoop, Loop, Handle, TimerHandle } from './loop.js';
export { isFuture, ensureFuture, wrapPromise } from './bridge.js';
export { native } from './native.js';

/** asyncio's wait() conditions. */
export const FIRST_COMPLETED = 'FIRST_COMPLETED';
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
export const ALL_COMPLETED = 'ALL_COMPLETED';
