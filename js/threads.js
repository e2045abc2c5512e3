// wasm-future/threads in browsers: the whole API, and createThreadPool over
// the demo tasks module: its threaded build on a cross-origin isolated page
// (Web Workers), its build without threads elsewhere.
import { makePool } from './concurrent/pool.js';
import { attach } from './binding/attach.js';
import { native } from './index.js';

export * from './index.js';

const dist = (file) => new URL(`../dist/${file}`, import.meta.url).href;

/** The threaded build is a classic script (its workers load it too): added to the page as one. */
function loadThreaded() {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = dist('wasm-future-threads.js');
    script.onload = () => resolve(globalThis.createWasmFutureThreads({
      locateFile: (file) => dist(file),
      mainScriptUrlOrBlob: dist('wasm-future-threads.js'),
    }));
    script.onerror = () => reject(new Error('wasm-future/threads: could not load the threaded module'));
    document.head.append(script);
  });
}

async function loadPlain() {
  const { default: factory } = await import('../dist/wasm-future-tasks.web.mjs');
  return factory();
}

export const { createThreadPool, threadsAvailable, PoolFuture } = makePool(attach(native.module), {
  threaded: loadThreaded,
  plain: loadPlain,
  available: () => typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated === true,
});
