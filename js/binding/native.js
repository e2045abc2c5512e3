// For C code compiled into the module: hand futures across by pointer.
import { isFuture } from '../bridge.js';
import { describe } from '../core/errors.js';

/** `native` of one module's API; futures: what future.js gives the API. */
export function makeNative({ C, rt, cString, module }, { isOwn, markOpaque, exposedPointerOf, adopt, wrapperOf }) {

  /** Only a live wf_future* of this module may reach C: any other number would be read and written through. */
  function checkPointer(ptr, what) {
    if (!Number.isInteger(ptr) || ptr <= 0 || ptr > 0xffffffff)
      throw new TypeError(`${what}: expected a non-null wf_future pointer, got ${describe(ptr)}`);
    if (!C.futureIsLive(ptr))
      throw new TypeError(`${what}: ${ptr} is not a live wf_future of this module`);
  }

  function pointerOf(future, what) {
    if (isOwn(future)) {
      // C code of the module's own may complete it: JS no longer knows its completers.
      markOpaque(future);
      return exposedPointerOf(future);
    }
    if (isFuture(future))
      throw new TypeError(`${what}: this Future belongs to another module; C can only take Futures of its own module`);
    throw new TypeError(`${what}: expected a Future, got ${describe(future)}`);
  }

  /** Access to C code compiled into the same module. */
  return Object.freeze({
    /** The Emscripten module: exported C functions as `_name`, HEAP views. */
    get module() {
      return module;
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
      return pointerOf(future, 'native.pointer');
    },
    /** Calls an exported C function by name, passing Futures as pointers. */
    call(name, ...args) {
      const fn = typeof name === 'string' ? module[`_${name}`] : undefined;
      if (typeof fn !== 'function')
        throw new TypeError(`native.call: no exported C function named ${describe(name)}`);
      const argv = args.map((a, i) => (isFuture(a)
        ? pointerOf(a, `native.call: argument ${i + 1}`) : a));
      return fn(...argv);
    },
    /** Bytes of the wasm heap that malloc has handed out and not taken back. */
    heapInUse() {
      return C.heapInUse();
    },
    /** How many JS values C holds now (results, callbacks, handles). */
    heldValues() {
      return rt.heldCount();
    },
    /** The C library's own name for a WF_E* code. */
    errorName(code) {
      return cString(C.errName(code));
    },
  });
}
