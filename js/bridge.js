// Futures and Promises, both ways.
import { FUTURE_BRAND } from './core/brand.js';
import { checkSignal } from './future/signal.js';
import { CancelledError, describe, readOption } from './core/errors.js';

/** @returns {boolean} true for a Future of this package, whichever copy made it */
export function isFuture(x) {
  if (x === null || typeof x !== 'object') return false;
  try {
    return x[FUTURE_BRAND] === true;
  } catch {
    // A Proxy whose trap throws is no Future; isFuture never throws.
    return false;
  }
}

/** Whether x has a then method; an object whose `then` getter throws has none. */
function isThenable(x) {
  if (x === null || (typeof x !== 'object' && typeof x !== 'function')) return false;
  try {
    return typeof x.then === 'function';
  } catch {
    return false;
  }
}

/** The options' signal, checked; a getter or Proxy trap that throws is a TypeError. */
function readSignal(options, what) {
  if (options !== undefined && (options === null || typeof options !== 'object'))
    throw new TypeError(`${what}: options must be an object`);
  const signal = readOption(options, 'signal', what);
  checkSignal(signal, what);
  return signal;
}

/** wrapPromise and ensureFuture for one module's futures (what future.js gives the API). */
export function makeBridge({ Future, isOwn, cancelOnAbort, rejectRaw, resolveWith }) {

  /**
   * A Future that settles with a thenable, or with the thenable returned by
   * fn(signal), whose AbortSignal aborts when the Future is cancelled.
   * @param {PromiseLike<any> | ((signal: AbortSignal) => any)} source
   * @param {{ signal?: AbortSignal }} [options]
   */
  function wrapPromise(source, options = undefined) {
    const signal = readSignal(options, 'wrapPromise');
    if (typeof source === 'function') return wrapFunction(source, signal);
    if (!isThenable(source))
      throw new TypeError(`wrapPromise(thenable): expected a thenable or a function, got ${describe(source)}`);
    const future = new Future();
    if (signal) cancelOnAbort(future, signal, 'wrapPromise');
    resolveWith(future, source);
    return future;
  }

  function wrapFunction(fn, signal) {
    const future = new Future();
    const controller = new AbortController();
    future.addDoneCallback((done) => {
      if (done.cancelled()) controller.abort(cancelReason(done));
    });
    if (signal) cancelOnAbort(future, signal);
    if (future.done()) return future;
    let started;
    try {
      started = fn(controller.signal);
    } catch (error) {
      rejectRaw(future, error);
      return future;
    }
    resolveWith(future, started);
    return future;
  }

  function cancelReason(future) {
    try {
      future.result();
    } catch (error) {
      return error;
    }
    return new CancelledError();
  }

  /**
   * A Future as it is; a thenable wrapped; anything else is a TypeError.
   */
  function ensureFuture(x) {
    if (isOwn(x)) return x;
    if (isThenable(x)) return wrapPromise(x);
    throw new TypeError(`ensureFuture: expected a Future or a thenable, got ${describe(x)}`);
  }

  return { wrapPromise, ensureFuture };
}
