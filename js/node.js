// The Node entry (ESM; CommonJS is js/node.cjs): loads the
// package's module, a plain emcc module built with the package's own CMake
// config, from disk. It is linked with -sWASM_ASYNC_COMPILATION=0, so the
// runtime is up when the factory returns, and importing or requiring is all
// the setup.
import { createRequire } from 'node:module';
import { attach } from './binding/attach.js';

const createWasmFuture = createRequire(import.meta.url)('../dist/wasm-future.node.js');
const module = {};
createWasmFuture(module);

// The API's names (js/api.js), written by scripts/gen-entries.mjs.
export const {
  Future, CancelledError, InvalidStateError, TimeoutError, getLoop, Loop, Handle, TimerHandle, isFuture,
  ensureFuture, wrapPromise, gather, wait, asCompleted, waitFor, shield, sleep, FIRST_COMPLETED,
  FIRST_EXCEPTION, ALL_COMPLETED, native,
} = attach(module);
