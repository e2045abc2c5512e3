// The browser entry (and any ESM host with fetch): loads the package's module
// (its ES module build, dist/) and its .wasm, so `import` is all the setup.
// Published minified as dist/wasm-future.browser.mjs (scripts/build.mjs),
// where the .wasm sits next to it; bundlers find the .wasm through the
// `new URL(..., import.meta.url)` below and copy it, without configuration.
import createWasmFuture from '../dist/wasm-future.web.mjs';
import { attachOwn } from './binding/attach-core.js';

const wasmUrl = new URL('../dist/wasm-future.web.wasm', import.meta.url);

/** The .wasm's bytes (the minimal runtime instantiates them). */
async function wasmBytes() {
  const response = await fetch(wasmUrl);
  if (!response.ok) throw new Error(`wasm-future: could not load ${wasmUrl}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

// The API's names (js/api.js), written by scripts/gen-entries.mjs.
export const {
  Future, CancelledError, InvalidStateError, TimeoutError, getLoop, Loop, Handle, TimerHandle, isFuture,
  ensureFuture, wrapPromise, gather, wait, asCompleted, waitFor, shield, sleep, FIRST_COMPLETED,
  FIRST_EXCEPTION, ALL_COMPLETED, native,
} = attachOwn(await createWasmFuture({ wasm: await wasmBytes() }));
