// The binding: what the JS API of one module reaches of that module, and
// nothing else. Every concept module gets it, or the fields of it it uses,
// from attach-core.js, and each gets the rest of what it needs (the Future
// class, the loops, ...) by name as an argument; no module adds to it.
import { WF_JS_THEN } from '../core/abi.js';
import { makeThrowCode } from '../core/errors.js';
import { makeExchange } from './exchange.js';

/**
 * @param {object} module the Emscripten module
 * @param {object} rt its runtime (Module.wasmFuture, js/runtime/)
 */
export function makeBinding(module, rt) {
  const { fn: C, at } = rt.bind();
  const { heap, hold, take } = rt;
  const throwCode = makeThrowCode(C, rt.cString);
  return Object.freeze({
    module,
    /** The runtime, for what only one module uses (its hooks: hooks.js; the pool's threads; held values). */
    rt,
    /** C's entry points by name (c/src/binding/js-table.def). */
    C,
    /** C's addresses by name: where C answers (ioOut, ioMessage, ioBudgetCount, ioBudgetMs) and more. */
    at,
    /** The current views of wasm memory: { u8, u32, i32, f64, i64 }. */
    heap,
    /** The JS values C holds, by slot: hold(value) -> slot, take(slot) -> value, own(slot, future). */
    hold,
    take,
    own: rt.own,
    peek: rt.peek,
    /** fn() in a later macrotask. */
    later: rt.later,
    /** run(kind, fn, ptr, owner): a callback of the future at ptr, as C runs it; what it throws is reported. */
    run: rt.run,
    cString: rt.cString,
    /** What JS writes for a C call and C answers (exchange.js). */
    exchange: makeExchange(rt, at),
    /** Throws the error for a C return code the caller did not expect. */
    throwCode,
    /** fn(ptr) through the loop once the future at `ptr` is done; C holds fn. */
    continueAt(ptr, fn) {
      const slot = hold(fn);
      const rc = C.futureAddCallback(ptr, slot, WF_JS_THEN);
      if (rc !== 0) {
        take(slot);
        throwCode(rc, 'then');
      }
    },
  });
}
