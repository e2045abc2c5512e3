// Future: asyncio's Future, a thin JS face over a C wf_future. State, value
// and callbacks live in C; a wrapper holds the pointer (one C reference) and
// converts values. makeFuture builds the class for one module (attach calls
// it once per module), so a Future always talks to the memory its pointer
// lives in; and it builds, for that class, the concepts beside this file:
//   flags.js            the wrapper's flags, in the C future's binding byte
//   lifetime.js         one wrapper per C future; finalizer groups
//   weak-callbacks.js   callbacks whose functions the wrapper holds; pinning
//   keep-alive.js       what keeps a wrapper alive while something waits on
//                       it; adding a callback
//   cancel-messages.js  cancel messages a C string cannot carry
//   thenable.js         then and toPromise; the resolution procedure; a done
//                       future's outcome
//   signal.js           AbortSignals that cancel futures
//   repr.js             the bounded repr toString shows
// Invariant: the class's fields stay private; those modules reach them
// through the accessors its static block makes, which leave this file only
// as their arguments.
import {
  AT_FUTURE_HAS_EXCEPTION, AT_FUTURE_STATE, AT_FUTURE_VALUE, AT_VALUE_SIZE, WF_EEXCEPTION, WF_ECANCELLED, WF_EINVALSTATE,
  WF_FUTURE_CANCELLED, WF_FUTURE_PENDING, WF_JS_DONE,
} from '../core/abi.js';
import { FUTURE_BRAND } from '../core/brand.js';
import { InvalidStateError, describe, reasonOf, readOption } from '../core/errors.js';
import { makeReadValue } from '../core/values.js';
import { makeCancelMessages } from './cancel-messages.js';
import { FLAGS, JS_ONLY } from './flags.js';
import { makeKeepAlive } from './keep-alive.js';
import { GROUP_VALUE_BYTES, makeLifetime } from './lifetime.js';
import { repr } from './repr.js';
import { checkSignal, makeCancelOnAbort } from './signal.js';
import { makeThenable } from './thenable.js';
import { makeWeakCallbacks } from './weak-callbacks.js';

const STATES = ['PENDING', 'CANCELLED', 'FINISHED'];

/**
 * The Future class of one module (binding: binding.js; the loops: loop.js)
 * and what the rest of its API needs of futures.
 */
export function makeFuture(binding, { getLoop, isLoop, loopOf, pointerOf: loopPointer }) {
  const { C, at, heap, hold, take, exchange, throwCode, continueAt } = binding;
  const INTERNAL = Symbol('adopt a C reference');
  let access;

  /**
   * A future with asyncio's semantics; thenable and awaitable. Its methods
   * use the modules made below the class, before any Future exists.
   */
  class Future {
    #ptr;
    // The finalizer group whose token this wrapper holds (lifetime.js).
    #group = null;
    // The functions of its weak callbacks (weak-callbacks.js).
    #weak = null;

    // A wrapper with no C future, as long-lived as the class: once every
    // other Future is collected, V8 would drop their hidden class, and with it
    // the optimized code of everything that read their fields (bench c: a
    // burst of futures after a full collection ran twice as slow until all of
    // it was optimized again).
    static #shape;

    static {
      Future.#shape = new Future(INTERNAL, 0);
      access = {
        ptrOf: (future) => future.#ptr,
        groupOf: (future) => future.#group,
        setGroup: (future, group) => { future.#group = group; },
        weakOf: (future) => future.#weak,
        setWeak: (future, weak) => { future.#weak = weak; },
        // No getter or Proxy trap runs.
        isOwn: (x) => x !== null && typeof x === 'object' && #ptr in x,
      };
    }

    /**
     * @param {{ loop?: Loop, signal?: AbortSignal }} [options]
     */
    constructor(options = undefined, ptr = undefined) {
      if (options === INTERNAL) {
        this.#ptr = ptr;
        if (ptr !== 0) adopted(this, ptr);
        return;
      }
      let loop, signal;
      if (options !== undefined) {
        if (options === null || typeof options !== 'object')
          throw new TypeError('new Future(options): options must be an object');
        loop = readOption(options, 'loop', 'new Future');
        signal = readOption(options, 'signal', 'new Future');
      }
      if (loop === undefined || loop === null) loop = getLoop();
      else if (!isLoop(loop)) throw new TypeError('new Future({ loop }): loop must be a Loop');
      checkSignal(signal, 'new Future');
      const made = C.futureNew(loopPointer(loop));
      if (!made) throw new RangeError('new Future(): wasm memory is exhausted');
      this.#ptr = made;
      heap().u8[made + FLAGS] = JS_ONLY;
      // Before anything that may throw: a future nobody gets is freed.
      this.#group = groupFor(made);
      if (signal) cancelOnAbort(this, signal, 'new Future');
    }

    /** 'PENDING' | 'CANCELLED' | 'FINISHED', read from wasm memory. */
    get state() {
      return STATES[heap().u8[this.#ptr + AT_FUTURE_STATE]];
    }

    /** @returns {boolean} */
    done() {
      return heap().u8[this.#ptr + AT_FUTURE_STATE] !== WF_FUTURE_PENDING;
    }

    /** @returns {boolean} */
    cancelled() {
      return heap().u8[this.#ptr + AT_FUTURE_STATE] === WF_FUTURE_CANCELLED;
    }

    /** The result; throws the exception, CancelledError, or InvalidStateError if pending. */
    result() {
      const ptr = this.#ptr;
      if (fulfilledAt(ptr)) return readValue(ptr + AT_FUTURE_VALUE);
      const rc = C.futureResult(ptr);
      if (rc === WF_EEXCEPTION) throw readValue(heap().u32[at.ioOut >> 2]);
      throw stateError(ptr, rc, 'Result is not ready.');
    }

    /** The exception, or null after a result; CancelledError, or InvalidStateError if pending. */
    exception() {
      const rc = C.futureException(this.#ptr);
      if (rc !== 0) throw stateError(this.#ptr, rc, 'Exception is not set.');
      const out = heap().u32[at.ioOut >> 2];
      return out === 0 ? null : readValue(out);
    }

    /** Finishes the future with `value`, stored as it is (a thenable too). */
    setResult(value) {
      Future.#set(this, value, 0, 'setResult');
    }

    /** Finishes the future with `reason`; an Error class is instantiated. */
    setException(reason) {
      if (typeof reason === 'function' && (reason === Error || reason.prototype instanceof Error))
        reason = new reason();
      Future.#set(this, reason, 1, 'setException');
    }

    static #set(self, value, isException, what) {
      const rc = settle(self, value, isException);
      if (rc === 0) return;
      if (rc === WF_EINVALSTATE) throw new InvalidStateError(`${what}: ${self.state}: ${self}`);
      throwCode(rc, what);
    }

    /**
     * Cancels a pending future and schedules its callbacks.
     * @param {string} [msg] the cancel message
     * @returns {boolean} false if the future was done already
     */
    cancel(msg = undefined) {
      let text = null;
      if (msg !== undefined && msg !== null) {
        try {
          text = String(msg);
        } catch (error) {
          throw new TypeError(`cancel(msg): converting msg to a string threw: ${reasonOf(error)}`);
        }
      }
      pin(this);
      // UTF-8 takes at most 3 bytes a UTF-16 unit.
      if (text !== null && text.length * 3 > GROUP_VALUE_BYTES) leaveGroup(this);
      const ptr = this.#ptr;
      let rc;
      exchange.begin();
      try {
        rc = C.futureCancel(ptr, text === null ? 0 : exchange.writeCString(text));
      } finally {
        exchange.end();
      }
      if (rc < 0) throwCode(rc, 'cancel');
      if (rc === 1) {
        if (text !== null) keepCancelMessage(ptr, text);
        completed(this);
      }
      return rc === 1;
    }

    /** Calls fn(future) through the loop once done, never synchronously. */
    addDoneCallback(fn) {
      if (typeof fn !== 'function')
        throw new TypeError(`addDoneCallback(fn): fn must be a function, got ${describe(fn)}`);
      addCallback(this, fn, WF_JS_DONE);
    }

    /** Removes every pending fn; returns how many. */
    removeDoneCallback(fn) {
      if (typeof fn !== 'function')
        throw new TypeError(`removeDoneCallback(fn): fn must be a function, got ${describe(fn)}`);
      // Weak callbacks that are fn get handles, which C can compare.
      bindWeak(this, fn);
      const slot = hold(fn);
      const removed = C.futureRemoveCallback(this.#ptr, slot);
      take(slot);
      if (removed < 0) throwCode(removed, 'removeDoneCallback');
      return removed;
    }

    /** @returns {Loop} */
    getLoop() {
      return loopOf(C.futureGetLoop(this.#ptr));
    }

    /**
     * Promises/A+ then: a native Promise of the handlers' outcome, as JS
     * expects of a chain. A cancelled future rejects with CancelledError.
     */
    then(onFulfilled, onRejected) {
      return then(this, onFulfilled, onRejected);
    }

    catch(onRejected) {
      return this.then(undefined, onRejected);
    }

    finally(onFinally) {
      if (typeof onFinally !== 'function') return this.then(onFinally, onFinally);
      return this.then(
        (value) => Promise.resolve(onFinally()).then(() => value),
        (reason) => Promise.resolve(onFinally()).then(() => { throw reason; }));
    }

    /** A native Promise that settles with this future. */
    toPromise() {
      return toPromise(this);
    }

    toString() {
      const ptr = this.#ptr;
      const state = heap().u8[ptr + AT_FUTURE_STATE];
      if (state === WF_FUTURE_PENDING) return '<Future pending>';
      if (state === WF_FUTURE_CANCELLED) return '<Future cancelled>';
      const value = readValue(ptr + AT_FUTURE_VALUE);
      return heap().u8[ptr + AT_FUTURE_HAS_EXCEPTION]
        ? `<Future finished exception=${repr(value)}>`
        : `<Future finished result=${repr(value)}>`;
    }

    [Symbol.for('nodejs.util.inspect.custom')]() {
      return this.toString();
    }

    get [Symbol.toStringTag]() {
      return 'Future';
    }
  }

  Object.defineProperty(Future.prototype, FUTURE_BRAND, { value: true });

  const { ptrOf, isOwn } = access;
  const { keep: keepCancelMessage, messageAt: cancelMessageAt, forget, cancelledError } = makeCancelMessages(binding);
  const { groupFor, leaveGroup, expose, adopted, find, wrapperOf, adopt } = makeLifetime(binding,
    ptrOf, access.groupOf, access.setGroup, (ptr) => new Future(INTERNAL, ptr), forget);
  const readValue = makeReadValue(binding, wrapperOf);
  const weak = makeWeakCallbacks(binding, ptrOf, access.weakOf, access.setWeak, find);
  const { pin, bind: bindWeak, detachable, detached } = weak;
  const {
    addCallback, whenDone, completedBy, inputPointerOf, exposedInputPointerOf, markOpaque, completed,
  } = makeKeepAlive(binding, ptrOf, expose, leaveGroup, weak, loopOf);
  const cancelOnAbort = makeCancelOnAbort(whenDone);

  function stateError(ptr, rc, pendingMessage) {
    if (rc === WF_ECANCELLED) return cancelledError(ptr);
    if (rc === WF_EINVALSTATE) return new InvalidStateError(pendingMessage);
    return throwCode(rc, 'Future');
  }

  /**
   * Completes `future` with `value`, stored as it is (as its exception if
   * isException): C's return code, 0 once done. Every completion by JS comes
   * this way, then to keep-alive's completed.
   */
  function settle(future, value, isException) {
    // Its callbacks pinned, or dropped by C for weak-callbacks.js to run.
    const detach = detachable(future) ? 1 : 0;
    if (!detach) pin(future);
    const ptr = ptrOf(future);
    let slot = 0, rc;
    if (typeof value === 'number' && !isException) {
      rc = C.futureSetNumber(ptr, value, detach);
    } else {
      exchange.begin();
      try {
        slot = exchange.writeValue(value);
        if (slot || heap().u32[(exchange.slot() + AT_VALUE_SIZE) >> 2] > GROUP_VALUE_BYTES) leaveGroup(future);
        rc = C.futureSet(ptr, isException, detach);
      } finally {
        exchange.end();
      }
    }
    if (rc < 0) {
      if (slot) take(slot);
      return rc;
    }
    if (rc > 0) detached(future, rc);
    completed(future);
    return 0;
  }

  /** Sets an exception as it is: no Error class is instantiated (a Promise's reject); nothing if done. */
  const rejectRaw = (future, reason) => {
    settle(future, reason, 1);
  };

  /** The C pointer, borrowed, for calls that never hand it back; taken before the exchange area is written. */
  function pointerOf(future) {
    leaveGroup(future);
    pin(future);
    return ptrOf(future);
  }

  const { fulfilledAt, then, toPromise, resolveWith } = makeThenable(binding,
    ptrOf, readValue, cancelledError, addCallback, rejectRaw);

  return {
    Future,
    // A subclass built on a C reference passes this as its constructor's first argument.
    ADOPT: INTERNAL,
    /** Whether x is a Future of this module (or of a subclass). */
    isOwn,
    readValue,
    wrapperOf,
    adopt,
    pointerOf,
    /** The C pointer, borrowed, for C that may hand it back to JS. */
    exposedPointerOf(future) {
      const ptr = pointerOf(future);
      expose(future);
      return ptr;
    },
    inputPointerOf,
    exposedInputPointerOf,
    completedBy,
    markOpaque,
    whenDone,
    /** fn() through the loop once `future` is done (no wrapper is made for it). */
    addContinuation: (future, fn) => continueAt(pointerOf(future), fn),
    takeWeak: weak.takeWeak,
    cancelMessageAt,
    rejectRaw,
    resolveWith,
    cancelOnAbort,
  };
}
