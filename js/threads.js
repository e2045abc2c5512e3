// wasm-future/threads in browsers: the whole API bound to the package's
// threaded module (the library with threads and the demo tasks of
// examples/tasks.c) on a cross-origin isolated page; elsewhere, where there is
// no SharedArrayBuffer, to the same module built without threads, whose pool
// runs the tasks on the loop.
import { attach } from './binding/attach.js';

const dist = (file) => new URL(`../dist/${file}`, import.meta.url).href;

/**
 * The threaded glue is a classic script (its workers load it too): added to
 * the page as one, once its .wasm is here. The module is linked to compile
 * synchronously, for Node; given the bytes, a page compiles them in one step
 * (instantiateWasm cannot be used: 6.x's synchronous glue takes its result
 * for the exports). Workers get the compiled module from the glue.
 */
async function loadThreaded() {
  const response = await fetch(dist('wasm-future-threads.wasm'));
  if (!response.ok) throw new Error(`wasm-future/threads: could not load the threaded module (HTTP ${response.status})`);
  const wasmBinary = new Uint8Array(await response.arrayBuffer());
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = dist('wasm-future-threads.js');
    script.onload = () => {
      try {
        resolve(globalThis.createWasmFutureThreads({
          locateFile: (file) => dist(file),
          mainScriptUrlOrBlob: dist('wasm-future-threads.js'),
          wasmBinary,
        }));
      } catch (error) {
        reject(error);
      }
    };
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

// The API's names (js/api.js), written by scripts/gen-entries.mjs.
export const {
  Future, CancelledError, InvalidStateError, TimeoutError, getLoop, Loop, Handle, TimerHandle, isFuture,
  ensureFuture, wrapPromise, gather, wait, asCompleted, waitFor, shield, sleep, FIRST_COMPLETED,
  FIRST_EXCEPTION, ALL_COMPLETED, native, createThreadPool, threadsAvailable, PoolFuture,
} = attach(await (threaded ? loadThreaded() : loadPlain()));
