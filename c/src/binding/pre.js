// wasm-future's --pre-js: Emscripten 3.1.6 loads the .wasm with fetch()
// whenever fetch exists, and Node 18+ has a fetch that takes no file path, so
// the module would not start in Node. In Node, unless the user hands the
// bytes or an instantiateWasm of their own, read the .wasm from disk and
// instantiate it synchronously: the runtime is up when the factory returns.
// Later Emscripten releases read the file themselves; this does the same.
// (A pthread worker sets its own instantiateWasm first, so it is left alone.)
if (typeof process == 'object' && typeof process.versions == 'object' &&
    typeof process.versions.node == 'string' && typeof require == 'function' &&
    !Module['wasmBinary'] && !Module['instantiateWasm']) {
  Module['instantiateWasm'] = function (imports, receive) {
    // The glue's own name for the file, as located by locateFile: a variable
    // in older releases, a function in newer ones.
    var file = typeof wasmBinaryFile == 'string' ? wasmBinaryFile
      : typeof findWasmBinary == 'function' ? findWasmBinary() : null;
    if (typeof file != 'string') throw new Error('wasm-future: cannot tell where this module\'s .wasm is');
    var wasmModule = new WebAssembly.Module(require('fs').readFileSync(file));
    var instance = new WebAssembly.Instance(wasmModule, imports);
    receive(instance, wasmModule);
    return instance.exports;
  };
}
