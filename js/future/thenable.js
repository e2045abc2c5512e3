// Thenable: then and toPromise, which make a Future awaitable and pass the
// Promises/A+ suite; the resolution procedure with which a Future settles
// from a thenable (wrapPromise); and a done future's outcome, read by pointer
// from wasm memory: its result, or what a Promise would be rejected with.
//
// Invariants:
// - What C holds while the future is pending (thenOf's continuation) reaches
//   neither the Future nor its wrapper's scope: it must not keep the future
//   alive.
// - A handler runs from a job of its own, never synchronously: a done
//   future's as a settled Promise's would, without a trip through the loop.
// - A thenable is read in a job of its own, as a Promise reads one
//   (NewPromiseResolveThenableJob).
import {
  AT_FUTURE_HAS_EXCEPTION, AT_FUTURE_STATE, AT_FUTURE_VALUE, WF_FUTURE_CANCELLED, WF_FUTURE_FINISHED, WF_FUTURE_PENDING,
  WF_JS_THEN,
} from '../core/abi.js';

const resolved = Promise.resolve();

/**
 * Promises/A+ 2.2.7: what the promise then returns settles with. A handler
 * that is not a function passes the outcome on; throwing rejects.
 */
function handled(fulfilled, outcome, onFulfilled, onRejected) {
  const handler = fulfilled ? onFulfilled : onRejected;
  if (typeof handler === 'function') return handler(outcome);
  if (fulfilled) return outcome;
  throw outcome;
}

/**
 * then, the resolution procedure and outcomes for one module's futures.
 * @param ptrOf the accessor of a wrapper's pointer
 * @param readValue values.js's
 * @param cancelledError (ptr) => the CancelledError of a cancelled future (cancel-messages.js)
 * @param addCallback keep-alive.js's
 * @param rejectRaw (future, reason) => completes it with the exception `reason` (future.js)
 */
export function makeThenable({ C, at, heap }, ptrOf, readValue, cancelledError, addCallback, rejectRaw) {
  /** Whether the done future at `ptr` finished with a result (not an exception, not cancelled). */
  function fulfilledAt(ptr) {
    const mem = heap().u8;
    return mem[ptr + AT_FUTURE_STATE] === WF_FUTURE_FINISHED && mem[ptr + AT_FUTURE_HAS_EXCEPTION] === 0;
  }

  /** The result of the done future at `ptr`, or its rejection reason: its exception or a CancelledError. */
  function outcomeAt(ptr, fulfilled) {
    if (fulfilled) return readValue(ptr + AT_FUTURE_VALUE);
    if (heap().u8[ptr + AT_FUTURE_STATE] === WF_FUTURE_CANCELLED) return cancelledError(ptr);
    C.futureException(ptr);
    return readValue(heap().u32[at.ioOut >> 2]);
  }

  /** The continuation of then and toPromise, which C holds while the future is pending. */
  function thenOf(resolve, reject, onFulfilled, onRejected) {
    return (ptr) => {
      const fulfilled = fulfilledAt(ptr);
      try {
        resolve(handled(fulfilled, outcomeAt(ptr, fulfilled), onFulfilled, onRejected));
      } catch (error) {
        reject(error);
      }
    };
  }

  /** Promises/A+ then: a native Promise of the handlers' outcome. A cancelled future rejects with CancelledError. */
  function then(future, onFulfilled, onRejected) {
    const ptr = ptrOf(future);
    if (heap().u8[ptr + AT_FUTURE_STATE] !== WF_FUTURE_PENDING) {
      const fulfilled = fulfilledAt(ptr);
      const value = outcomeAt(ptr, fulfilled);
      return resolved.then(() => handled(fulfilled, value, onFulfilled, onRejected));
    }
    let settle;
    const promise = new Promise((resolve, reject) => { settle = thenOf(resolve, reject, onFulfilled, onRejected); });
    addCallback(future, settle, WF_JS_THEN);
    return promise;
  }

  /** A native Promise that settles with `future`. */
  function toPromise(future) {
    let settle;
    const promise = new Promise((resolve, reject) => { settle = thenOf(resolve, reject); });
    addCallback(future, settle, WF_JS_THEN);
    return promise;
  }

  /** Sets a result; a value wasm memory cannot take fails the future instead. */
  function fulfilRaw(target, value) {
    if (target.done()) return;
    try {
      target.setResult(value);
    } catch (error) {
      rejectRaw(target, error);
    }
  }

  /** The Promises/A+ resolution procedure, with `target` as the promise. */
  function resolveWith(target, x) {
    if (target.done()) return;
    if (x === target) {
      rejectRaw(target, new TypeError('A future cannot be resolved with itself'));
      return;
    }
    if (x === null || (typeof x !== 'object' && typeof x !== 'function')) {
      fulfilRaw(target, x);
      return;
    }
    let then;
    try {
      then = x.then;
    } catch (error) {
      rejectRaw(target, error);
      return;
    }
    if (typeof then !== 'function') {
      fulfilRaw(target, x);
      return;
    }
    // A chain of thenables that call back at once would otherwise nest one
    // stack frame per link, and overflow.
    queueMicrotask(() => {
      let called = false;
      try {
        then.call(x,
          (y) => { if (!called) { called = true; resolveWith(target, y); } },
          (r) => { if (!called) { called = true; rejectRaw(target, r); } });
      } catch (error) {
        if (!called) {
          called = true;
          rejectRaw(target, error);
        }
      }
    });
  }

  return { fulfilledAt, then, toPromise, resolveWith };
}
