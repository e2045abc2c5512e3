// wasm-future/threads in browsers: the whole API bound to the package's
// threaded module (the library with threads and the demo tasks of
// examples/tasks.c) on a cross-origin isolated page; elsewhere, where there is
// no SharedArrayBuffer, to the same module built without threads, whose pool
// runs the tasks on the loop.
import { attach } from './binding/attach.js';

const dist = (file) => new URL(`../dist/${file}`, import.meta.url).href;

/** The threaded glue is a classic script (its workers load it too): added to the page as one. */
function loadThreaded() {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = dist('wasm-future-threads.js');
    script.onload = () => resolve(globalThis.createWasmFutureThreads({
      locateFile: (file) => dist(file),
      mainScriptUrlOrBlob: dist('wasm-future-threads.js'),
      // The module is linked to compile synchronously, for Node; a page
      // compiles it in the background. Workers get the compiled module.
      instantiateWasm(imports, receive) {
        WebAssembly.instantiateStreaming(fetch(dist('wasm-future-threads.wasm')), imports)
          .then(({ instance, module }) => receive(instance, module), reject);
        return {};
      },
    }));
    script.onerror = () => reject(new Error('wasm-future/threads: could not load the threaded module'));
    document.head.append(script);
  });
}

async function loadPlain() {
  const { default: factory } = await import('../dist/wasm-future-tasks.web.mjs');
  return factory();
}

const threaded = typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated === true &&
  typeof document === 'object';

export const {
  Future, CancelledError, InvalidStateError, TimeoutError, getLoop, Loop, Handle, TimerHandle, isFuture,
  ensureFuture, wrapPromise, gather, wait, asCompleted, waitFor, shield, sleep, FIRST_COMPLETED,
  FIRST_EXCEPTION, ALL_COMPLETED, native, createThreadPool, threadsAvailable, PoolFuture,
} = attach(await (threaded ? loadThreaded() : loadPlain()));
