// Types of wasm-future/attach.
import type * as WasmFuture from './index.cjs';
import type { createThreadPool, threadsAvailable, PoolFuture } from './threads.cjs';

/**
 * The whole JS API, bound to one module: what `import 'wasm-future'` gives for
 * the package's own module, and the pool of the tasks the module's C
 * registered (on threads in a module linked with -pthread, on the loop otherwise).
 */
export type WasmFutureApi = Readonly<typeof WasmFuture & {
  createThreadPool: typeof createThreadPool;
  threadsAvailable: typeof threadsAvailable;
  PoolFuture: typeof PoolFuture;
}>;

/**
 * The JS API bound to `module`, the object an Emscripten module's factory
 * resolved with, whose C links the wasm-future library. Attaching twice gives
 * the same object. A TypeError for anything else, or a module without the
 * library; an Error for a module of another ABI version.
 */
export function attach(module: object): WasmFutureApi;

/** The ABI version this package speaks (WF_ABI_VERSION of the C library). */
export const ABI_VERSION: number;
/** This package's version. */
export const PACKAGE_VERSION: string;
