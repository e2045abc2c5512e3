// The browser entry (and any ESM host with fetch): loads the package's module
// (its ES module build) next to this package, so `import` is all the setup.
import createWasmFuture from '../dist/wasm-future.web.mjs';
import { attach } from './binding/attach.js';

export const {
  Future, CancelledError, InvalidStateError, TimeoutError, getLoop, Loop, Handle, TimerHandle, isFuture,
  ensureFuture, wrapPromise, gather, wait, asCompleted, waitFor, shield, sleep, FIRST_COMPLETED,
  FIRST_EXCEPTION, ALL_COMPLETED, native,
} = attach(await createWasmFuture());
