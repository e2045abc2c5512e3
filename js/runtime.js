// The one instance of the wasm module, shared by every other module here.
// The entry points (index.js, node.js) fill it before exporting the API.

/** @type {any} The Emscripten module object. */
export let M = null;
/** The C entry points by their C names, without Emscripten's lazy wrappers. */
export const C = {};
/** Offsets and addresses published by wf__js_layout. */
export const L = {};

const LAYOUT_NAMES = [
  'futureState', 'futureHasException', 'futureValue',
  'valueType', 'valueSize', 'valueAs', 'valueErrorMessage',
  'ioValue', 'ioOut', 'ioMessage', 'ioBudgetCount', 'ioBudgetMs', 'valueSizeof', 'listItems',
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

let views = null;

/**
 * Views of wasm memory, kept here because the Module object is slow to read
 * from. Growing the memory detaches them (their length becomes 0); then they
 * are taken anew from the Module, which Emscripten keeps current.
 */
export function heap() {
  if (views === null || views.u8.length === 0) views = viewsOf(M);
  return views;
}

/** The views of a module's memory, by the names readScalar uses. */
export function viewsOf(module) {
  return { u8: module.HEAPU8, u32: module.HEAPU32, i32: module.HEAP32, f64: module.HEAPF64, i64: module.HEAP64 };
}
