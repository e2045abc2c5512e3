// wasm-future/attach: the whole API bound to your own Emscripten module. It
// loads no .wasm of the package.
export { attach, ABI_VERSION, PACKAGE_VERSION } from './binding/attach.js';
