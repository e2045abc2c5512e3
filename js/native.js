// For C code compiled into the module: hand futures across by pointer.
import { C, M } from './runtime.js';
import { Future, adopt, describe, wrapperOf } from './future.js';
import { readCString } from './errors.js';
import { heldCount } from './values.js';

function checkPointer(ptr, what) {
  if (!Number.isInteger(ptr) || ptr <= 0 || ptr > 0xffffffff)
    throw new TypeError(`${what}: expected a non-null wf_future pointer, got ${describe(ptr)}`);
}

/** Access to C code compiled into the same module. */
export const native = Object.freeze({
  /** The Emscripten module: exported C functions as `_name`, HEAP views. */
  get module() {
    return M;
  },
  /** A Future for a wf_future* whose reference the caller hands over. */
  adopt(ptr) {
    checkPointer(ptr, 'native.adopt');
    return adopt(ptr);
  },
  /** A Future for a wf_future* the caller keeps its reference to. */
  wrap(ptr) {
    checkPointer(ptr, 'native.wrap');
    return wrapperOf(ptr);
  },
  /** The wf_future* of a Future, borrowed: valid while the Future is reachable. */
  pointer(future) {
    if (!(future instanceof Future)) throw new TypeError(`native.pointer: expected a Future, got ${describe(future)}`);
    return Future.exposedPointerOf(future);
  },
  /** Calls an exported C function by name, passing Futures as pointers. */
  call(name, ...args) {
    const fn = M[`_${name}`];
    if (typeof name !== 'string' || typeof fn !== 'function')
      throw new TypeError(`native.call: no exported C function named ${describe(name)}`);
    return fn(...args.map((a) => (a instanceof Future ? Future.exposedPointerOf(a) : a)));
  },
  /** Bytes of the wasm heap that malloc has handed out and not taken back. */
  heapInUse() {
    return C.wf__js_heap_in_use();
  },
  /** How many JS values C holds now (results, callbacks, handles). */
  heldValues() {
    return heldCount();
  },
  /** The C library's own name for a WF_E* code. */
  errorName(code) {
    return readCString(C.wf_err_name(code));
  },
});
