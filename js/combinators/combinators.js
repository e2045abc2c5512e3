// asyncio's combinators: thin wrappers over the C ones (c/src/combinators/:
// gather.c, wait.c, as_completed.c, wait_for.c, shield.c, sleep.c). JS reads
// the options (options.js) and converts the inputs; C does the waiting, with
// its timer heap.
//
// Invariants:
// - A combinator's output is completed only by JS and its inputs
//   (keep-alive.js's KNOWN), unless a timeout's timer can complete it:
//   then an await of it that can never settle is collected.
// - The inputs' pointers are taken (which may write the exchange area)
//   before the exchange begins for C's call.
import { AT_FUTURE_STATE, AT_LIST_ITEMS, WF_ALL_COMPLETED, WF_FIRST_COMPLETED, WF_FIRST_EXCEPTION, WF_FUTURE_CANCELLED } from '../core/abi.js';
import { describe, reasonOf } from '../core/errors.js';
import { listenForAbort } from '../future/signal.js';
import { Completions } from './completions.js';
import { readOptions, readTimeout } from './options.js';

export const FIRST_COMPLETED = 'FIRST_COMPLETED';
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
export const ALL_COMPLETED = 'ALL_COMPLETED';
const RETURN_WHEN = {
  [FIRST_COMPLETED]: WF_FIRST_COMPLETED, [FIRST_EXCEPTION]: WF_FIRST_EXCEPTION, [ALL_COMPLETED]: WF_ALL_COMPLETED,
};

/**
 * asyncio's combinators over one module's C ones. futures: what future.js
 * gives the API; ensureFuture: bridge.js; loop(): the C pointer of the
 * default loop.
 */
export function makeCombinators({ C, heap, take, exchange }, { futures, ensureFuture, loop }) {
  const {
    Future, addContinuation, adopt, cancelMessageAt, cancelOnAbort, completedBy, exposedInputPointerOf, inputPointerOf,
    pointerOf, rejectRaw, whenDone, wrapperOf,
  } = futures;
  // Weakly where the future holds its callbacks weakly: an abandoned next() is collected.
  const settled = (future) => new Promise((resolve) => whenDone(future, resolve));

  function toFuture(aw, what) {
    try {
      return ensureFuture(aw);
    } catch {
      throw new TypeError(`${what}: expected a Future or a thenable, got ${describe(aw)}`);
    }
  }

  function toFutures(aws, what) {
    let items = null;
    try {
      if (aws !== null && aws !== undefined && typeof aws !== 'string' && typeof aws[Symbol.iterator] === 'function')
        items = Array.from(aws);
    } catch (error) {
      throw new TypeError(`${what}: iterating the futures threw: ${reasonOf(error)}`);
    }
    if (items === null) throw new TypeError(`${what}: expected an iterable of Futures or thenables, got ${describe(aws)}`);
    // One input listed twice is one awaitable, as in asyncio (a thenable is
    // wrapped once): asCompleted and wait see it once, gather repeats its result.
    const seen = new Map();
    return items.map((aw) => {
      let future = seen.get(aw);
      if (future === undefined) seen.set(aw, future = toFuture(aw, what));
      return future;
    });
  }

  /**
   * call(at, n): C's combinator over the pointers of `futures`, written at
   * `at`. `exposed`: C hands them back (wait, asCompleted), so their
   * wrappers must be found by pointer.
   */
  function withPointers(futures, exposed, call) {
    const pointers = futures.map(exposed ? exposedInputPointerOf : inputPointerOf);
    exchange.begin();
    try {
      const at = exchange.reserve(pointers.length * 4);
      heap().u32.set(pointers, at >> 2);
      return call(at, pointers.length);
    } finally {
      exchange.end();
    }
  }

  function adoptNew(ptr, what) {
    if (!ptr) throw new RangeError(`${what}: wasm memory is exhausted`);
    return adopt(ptr);
  }

  /** `future`, a new output, as completed only by JS and its `inputs`; not with a timeout, which C's timer completes. */
  function fromInputs(future, inputs, timeout = Infinity) {
    if (timeout === Infinity && !future.done() && !inputs.includes(future)) completedBy(future, inputs);
    return future;
  }

  function withSignal(future, options) {
    if (options.signal) cancelOnAbort(future, options.signal);
    return future;
  }

  // derive's continuations. C holds them, and so what they hold, while their
  // futures are pending; each is made by a function of its own, as closures
  // made in one scope share what any of them holds.

  /** On `source`: settles the target, held weakly, from the done source. */
  function settleFrom(weakTarget, transform) {
    return (ptr) => {
      const target = weakTarget.deref();
      if (target === undefined || target.done()) return;
      const source = wrapperOf(ptr);
      if (source.cancelled()) target.cancel(cancelMessageAt(pointerOf(source)));
      else if (source.exception() !== null) rejectRaw(target, source.exception());
      else target.setResult(transform(source.result()));
    };
  }

  /** On the target: a cancellation goes on to `source`. */
  function cancelling(source) {
    return (ptr) => {
      if (heap().u8[ptr + AT_FUTURE_STATE] === WF_FUTURE_CANCELLED) source.cancel(cancelMessageAt(ptr));
    };
  }

  /**
   * A Future of transform(source's result) whose cancellation cancels `source`.
   * Only the target holds `source`: a target nobody holds is collected, then
   * `source`, and C's combinator stops.
   */
  function derive(source, transform) {
    const target = new Future();
    completedBy(target, [source]);
    addContinuation(source, settleFrom(new WeakRef(target), transform));
    whenDone(target, cancelling(source));
    return target;
  }

  /**
   * The results of `aws` in order. The first exception (or cancellation)
   * rejects it unless returnExceptions; cancelling it cancels the children.
   * @param {Iterable<any>} aws
   * @param {{ returnExceptions?: boolean, signal?: AbortSignal }} [options]
   */
  function gather(aws, options = undefined) {
    const opts = readOptions(options, 'gather');
    const futures = toFutures(aws, 'gather');
    const ptr = withPointers(futures, false, (at, n) => C.gather(loop(), at, n, opts.returnExceptions ? 1 : 0));
    return withSignal(fromInputs(adoptNew(ptr, 'gather'), futures), opts);
  }

  /**
   * `{ done, pending }` (Sets) once `returnWhen` holds or the timeout passes.
   * Never cancels an input; an empty iterable rejects with TypeError.
   */
  function wait(aws, options = undefined) {
    const opts = readOptions(options, 'wait');
    const returnWhen = opts.returnWhen ?? ALL_COMPLETED;
    if (typeof returnWhen !== 'string' || !Object.hasOwn(RETURN_WHEN, returnWhen))
      throw new TypeError(`wait: returnWhen must be FIRST_COMPLETED, FIRST_EXCEPTION or ALL_COMPLETED, got ${describe(returnWhen)}`);
    const timeout = readTimeout(opts.timeout, 'wait', 'timeout');
    const futures = toFutures(aws, 'wait');
    if (futures.length === 0) {
      const empty = new Future();
      rejectRaw(empty, new TypeError('wait: the iterable of futures is empty'));
      return empty;
    }
    const ptr = withPointers(futures, true, (at, n) => C.wait(loop(), at, n, timeout, RETURN_WHEN[returnWhen]));
    const result = derive(fromInputs(adoptNew(ptr, 'wait'), futures, timeout),
      ([done, pending]) => ({ done: new Set(done), pending: new Set(pending) }));
    return withSignal(result, opts);
  }

  /**
   * Yields each input future as it completes; past the timeout the iteration
   * throws TimeoutError.
   * @returns {AsyncIterableIterator<Future>}
   */
  function asCompleted(aws, options = undefined) {
    const opts = readOptions(options, 'asCompleted');
    const timeout = readTimeout(opts.timeout, 'asCompleted', 'timeout');
    const futures = toFutures(aws, 'asCompleted');
    const list = withPointers(futures, true, (at, n) => C.asCompleted(loop(), at, n, timeout));
    if (!list) throw new RangeError('asCompleted: wasm memory is exhausted');
    const mem = heap().u32;
    const slots = Array.from({ length: mem[list >> 2] },
      (_, i) => fromInputs(wrapperOf(mem[((list + AT_LIST_ITEMS) >> 2) + i]), futures, timeout));
    C.futureListFree(list);
    const completions = new Completions(slots, settled);
    if (opts.signal) completions.whenFinished(listenForAbort(completions, opts.signal, 'asCompleted'));
    return completions;
  }

  /**
   * The result of `aw`; past `ms` cancels it and rejects with TimeoutError.
   * Cancelling the returned future cancels `aw`. null: no timeout.
   */
  function waitFor(aw, ms, options = undefined) {
    const opts = readOptions(options, 'waitFor');
    const timeout = readTimeout(ms, 'waitFor', 'ms');
    const future = toFuture(aw, 'waitFor');
    const ptr = C.waitFor(exposedInputPointerOf(future), timeout);
    return withSignal(fromInputs(adoptNew(ptr, 'waitFor'), [future], timeout), opts);
  }

  /** A future that can be cancelled without cancelling `aw`. */
  function shield(aw, options = undefined) {
    const opts = readOptions(options, 'shield');
    const future = toFuture(aw, 'shield');
    return withSignal(fromInputs(adoptNew(C.shield(exposedInputPointerOf(future)), 'shield'), [future]), opts);
  }

  /** A future resolving to `value` after `ms`; cancelling it clears its timer. */
  function sleep(ms, value = undefined, options = undefined) {
    const opts = readOptions(options, 'sleep');
    if (typeof ms !== 'number' || Number.isNaN(ms))
      throw new TypeError(`sleep: ms must be a number of milliseconds, got ${describe(ms)}`);
    const at = loop();
    let slot, ptr;
    exchange.begin();
    try {
      slot = exchange.writeValue(value);
      ptr = C.sleep(at, ms);
    } finally {
      exchange.end();
    }
    // C kept a copy of its own.
    if (slot) take(slot);
    // Only its timer completes a sleep: sleep(Infinity) has none.
    const future = adoptNew(ptr, 'sleep');
    if (ms === Infinity) fromInputs(future, []);
    return withSignal(future, opts);
  }

  return { gather, wait, asCompleted, waitFor, shield, sleep };
}
