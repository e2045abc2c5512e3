// The one instance of the wasm module, shared by every other module here.
// The entry points (index.js, node.js) fill it before exporting the API.

/** @type {any} The Emscripten module object. */
export let M = null;
/** The C entry points by their C names, without Emscripten's lazy wrappers. */
export const C = Object.create(null);
/** Offsets and addresses published by wf__js_layout. */
export const L = Object.create(null);

const LAYOUT_NAMES = [
  'futureState', 'futureHasException', 'futureValue',
  'valueType', 'valueSize', 'valueAs', 'valueErrorMessage',
  'ioValue', 'ioOut', 'ioMessage', 'ioWhen', 'ioBudgetCount', 'ioBudgetMs', 'valueSizeof', 'listItems',
];

/**
 * Binds the C entry points of an initialised module.
 * @param {any} module the Emscripten module, after its runtime initialised
 * @param {WebAssembly.Exports} exports the raw exports of the instance
 * @param {Record<string, string>} exportNames C name -> export name in the .wasm
 */
export function bind(module, exports, exportNames) {
  M = module;
  for (const [cName, wasmName] of Object.entries(exportNames)) C[cName] = exports[wasmName];
  const table = C.wf__js_layout() >>> 2;
  const u32 = M.HEAPU32;
  LAYOUT_NAMES.forEach((name, i) => { L[name] = u32[table + i]; });
}

/** @returns {Uint8Array} the current view of wasm memory (it changes when memory grows) */
export const u8 = () => M.HEAPU8;
export const u32 = () => M.HEAPU32;
export const f64 = () => M.HEAPF64;
export const i64 = () => M.HEAP64;
