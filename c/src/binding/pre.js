// wasm-future's --pre-js. Hack, for Emscripten 3.1.6 alone: its glue loads
// the .wasm with fetch() whenever fetch exists, and Node 18+ has a fetch that
// takes no file path, so the module would not start in Node. There, unless
// the user hands the bytes or an instantiateWasm of their own, read the .wasm
// (a path, a file: URL or a data: URI of -sSINGLE_FILE) and instantiate it
// synchronously: the runtime is up when the factory returns. Later releases
// (those with findWasmBinary, 3.1.5x on) read the file themselves and are left
// alone, as is a pthread worker (3.1.6's sets its own instantiateWasm first).
// docs/emscripten-internals.md lists what this reads of the glue.
if (typeof process == 'object' && typeof process.versions == 'object' &&
    typeof process.versions.node == 'string' && typeof require == 'function' &&
    typeof findWasmBinary != 'function' && !Module['wasmBinary'] && !Module['instantiateWasm']) {
  Module['instantiateWasm'] = function (imports, receive) {
    // 3.1.6's own name for the file, once locateFile located it.
    var file = typeof wasmBinaryFile == 'string' ? wasmBinaryFile : null;
    if (file === null) throw new Error('wasm-future: cannot tell where this module\'s .wasm is');
    var bytes = /^data:[^,]*;base64,/.test(file) ? Buffer.from(file.slice(file.indexOf(',') + 1), 'base64')
      : require('fs').readFileSync(/^file:/.test(file) ? new URL(file) : file);
    var wasmModule = new WebAssembly.Module(bytes);
    var instance = new WebAssembly.Instance(wasmModule, imports);
    receive(instance, wasmModule);
    return instance.exports;
  };
}
