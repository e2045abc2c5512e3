// Instantiates the wasm module and binds the runtime. The Emscripten glue is
// handed the instance through instantiateWasm, so Node can load it
// synchronously from disk and browsers asynchronously with fetch.
import createWasmFuture, { exportNames } from '../dist/wasm-future.mjs';
import { bind } from './runtime.js';
import { invoke, wrapperOf } from './future.js';
import { loopOf } from './loop.js';
import { dup, take, peek, readValue } from './values.js';
import { readCString } from './errors.js';

let instantiated = false;

function install(module) {
  // What C calls back into: the EM_JS functions read these.
  module.wfSchedule = (loop, kind) => loopOf(loop).schedule(kind);
  module.wfArm = (loop, due) => loopOf(loop).arm(due);
  module.wfRelease = (slot) => { take(slot); };
  module.wfDup = dup;
  module.wfInvoke = invoke;
  module.wfCall = (slot) => take(slot)();
  module.wfSame = (a, b) => (peek(a) === peek(b) ? 1 : 0);
  module.wfReport = (loop, message, future, exception) => {
    const context = { message: readCString(message) };
    if (exception) context.exception = readValue(exception);
    if (future) context.future = wrapperOf(future);
    loopOf(loop).callExceptionHandler(context);
  };
}

function claim() {
  if (instantiated) throw new Error('wasm-future: the module is already instantiated');
  instantiated = true;
}

/** Instantiates from the .wasm bytes, synchronously (Node). */
export function instantiateSync(bytes) {
  claim();
  let exports = null;
  // The glue uses this object as its Module; it adds no `then` to it.
  const module = {
    instantiateWasm(imports, receive) {
      const wasmModule = new WebAssembly.Module(bytes);
      const instance = new WebAssembly.Instance(wasmModule, imports);
      exports = instance.exports;
      receive(instance, wasmModule);
      return exports;
    },
  };
  install(module);
  // With the instance handed over synchronously, the runtime is up on return.
  createWasmFuture(module);
  if (exports === null || !module.calledRun) throw new Error('wasm-future: the module did not start');
  bind(module, exports, exportNames);
  return module;
}

/**
 * Instantiates from a Response (or a promise of one) or a buffer. The one
 * init promise: it rejects if fetching, compiling or starting fails, or if
 * the instance aborts while starting.
 */
export function instantiateAsync(source) {
  claim();
  return new Promise((resolve, reject) => {
    let exports = null;
    const module = {
      instantiateWasm(imports, receive) {
        compile(source, imports).then(({ instance, module: wasmModule }) => {
          exports = instance.exports;
          receive(instance, wasmModule);
        }, reject);
        return {};
      },
      onAbort: (what) => reject(new Error(`wasm-future: the wasm instance aborted: ${what}`)),
    };
    install(module);
    createWasmFuture(module).then(() => {
      bind(module, exports, exportNames);
      resolve(module);
    }, reject);
  });
}

async function compile(source, imports) {
  const response = await source;
  if (typeof Response !== 'undefined' && response instanceof Response) {
    if (!response.ok) throw new Error(`wasm-future: fetching the .wasm failed: ${response.status}`);
    if (WebAssembly.instantiateStreaming && response.headers.get('content-type') === 'application/wasm')
      return WebAssembly.instantiateStreaming(response, imports);
    return WebAssembly.instantiate(await response.arrayBuffer(), imports);
  }
  return WebAssembly.instantiate(response, imports);
}

