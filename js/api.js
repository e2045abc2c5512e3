// The public API, shared by the browser entry (index.js) and Node's (node.js).
export { Future } from './future.js';
export { CancelledError, InvalidStateError, TimeoutError } from './errors.js';
export { getLoop, Loop, Handle, TimerHandle } from './loop.js';
export { isFuture, ensureFuture, wrapPromise } from './bridge.js';
export { native } from './native.js';
export {
  gather, wait, asCompleted, waitFor, shield, sleep, FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED,
} from './combinators.js';
