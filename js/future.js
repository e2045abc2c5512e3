// Future: a thin JS face over a C wf_future. State, value and callbacks live
// in C; this object holds the pointer (one C reference) and converts values.
import { C, L, heap } from './runtime.js';
import { CancelledError, Code, InvalidStateError, readCString, throwCode } from './errors.js';
import { hold, readValue, take, writeCString, writeValue } from './values.js';
import { getLoop, Loop, loopOf } from './loop.js';

const STATES = ['PENDING', 'CANCELLED', 'FINISHED'];
const PENDING = 0, CANCELLED = 1, FINISHED = 2;
const THEN = 0, DONE = 1;

/** Marks futures of this package, whichever copy of the module made them. */
export const FUTURE_BRAND = Symbol.for('wasm-future.Future');
const INTERNAL = Symbol('adopt a C reference');

// One wrapper per C future while it is alive, so C can hand a pointer back to
// JS and JS sees the same object. A wrapper is entered only once its pointer
// may come back (it was given to C, or came from C): a WeakRef per future
// would cost most of what a future costs.
const wrappers = new Map();
const finalizer = new FinalizationRegistry((ptr) => {
  if (wrappers.get(ptr)?.deref() === undefined) wrappers.delete(ptr);
  C.wf_future_release(ptr);
});

/**
 * A future with asyncio's semantics; thenable and awaitable.
 */
export class Future {
  #ptr;
  #loop;
  #exposed = false;

  /**
   * @param {{ loop?: Loop, signal?: AbortSignal }} [options]
   */
  constructor(options = undefined, ptr = undefined) {
    if (options === INTERNAL) {
      this.#ptr = ptr;
      this.#loop = loopOf(C.wf_future_get_loop(ptr));
      this.#expose();
    } else {
      if (options !== undefined && (options === null || typeof options !== 'object'))
        throw new TypeError('new Future(options): options must be an object');
      const loop = options?.loop ?? getLoop();
      if (!(loop instanceof Loop)) throw new TypeError('new Future({ loop }): loop must be a Loop');
      const signal = options?.signal;
      checkSignal(signal, 'new Future');
      this.#ptr = C.wf__js_future_new(loop.pointer);
      if (!this.#ptr) throw new RangeError('new Future(): wasm memory is exhausted');
      this.#loop = loop;
      if (signal) cancelOnAbort(this, signal);
    }
    finalizer.register(this, this.#ptr);
  }

  /** Enters this wrapper in the map, for when C hands its pointer back. */
  #expose() {
    if (this.#exposed) return;
    wrappers.set(this.#ptr, new WeakRef(this));
    this.#exposed = true;
  }

  /** 'PENDING' | 'CANCELLED' | 'FINISHED', read from wasm memory. */
  get state() {
    return STATES[heap().u8[this.#ptr + L.futureState]];
  }

  /** @returns {boolean} */
  done() {
    return heap().u8[this.#ptr + L.futureState] !== PENDING;
  }

  /** @returns {boolean} */
  cancelled() {
    return heap().u8[this.#ptr + L.futureState] === CANCELLED;
  }

  /** The result; throws the exception, CancelledError, or InvalidStateError if pending. */
  result() {
    const ptr = this.#ptr;
    const mem = heap().u8;
    if (mem[ptr + L.futureState] === FINISHED && mem[ptr + L.futureHasException] === 0)
      return readValue(ptr + L.futureValue);
    const rc = C.wf__js_result(ptr);
    if (rc === Code.EEXCEPTION) throw readValue(heap().u32[L.ioOut >> 2]);
    throw this.#stateError(rc, 'Result is not ready.');
  }

  /** The exception, or null after a result; CancelledError, or InvalidStateError if pending. */
  exception() {
    const rc = C.wf__js_exception(this.#ptr);
    if (rc !== 0) throw this.#stateError(rc, 'Exception is not set.');
    const out = heap().u32[L.ioOut >> 2];
    return out === 0 ? null : readValue(out);
  }

  #stateError(rc, pendingMessage) {
    if (rc === Code.ECANCELLED) return cancelledError(this.#ptr);
    if (rc === Code.EINVALSTATE) return new InvalidStateError(pendingMessage);
    return throwCode(rc, 'Future');
  }

  /** Finishes the future with `value`, stored as it is (a thenable too). */
  setResult(value) {
    this.#set(value, 0, 'setResult');
  }

  /** Finishes the future with `reason`; an Error class is instantiated. */
  setException(reason) {
    if (typeof reason === 'function' && (reason === Error || reason.prototype instanceof Error))
      reason = new reason();
    this.#set(reason, 1, 'setException');
  }

  #set(value, isException, what) {
    const slot = writeValue(value);
    const rc = C.wf__js_set(this.#ptr, isException);
    if (rc === 0) return;
    if (slot) take(slot);
    if (rc === Code.EINVALSTATE) throw new InvalidStateError(`${what}: ${this.state}: ${this}`);
    throwCode(rc, what);
  }

  /**
   * Cancels a pending future and schedules its callbacks.
   * @param {string} [msg] the cancel message
   * @returns {boolean} false if the future was done already
   */
  cancel(msg = undefined) {
    const rc = C.wf__js_cancel(this.#ptr, msg === undefined || msg === null ? 0 : writeCString(String(msg)));
    if (rc < 0) throwCode(rc, 'cancel');
    return rc === 1;
  }

  /** Calls fn(future) through the loop once done, never synchronously. */
  addDoneCallback(fn) {
    if (typeof fn !== 'function')
      throw new TypeError(`addDoneCallback(fn): fn must be a function, got ${describe(fn)}`);
    this.#expose();
    addCallback(this.#ptr, fn, DONE);
  }

  /** Removes every pending fn; returns how many. */
  removeDoneCallback(fn) {
    if (typeof fn !== 'function')
      throw new TypeError(`removeDoneCallback(fn): fn must be a function, got ${describe(fn)}`);
    const slot = hold(fn);
    const removed = C.wf__js_remove_callback(this.#ptr, slot);
    take(slot);
    if (removed < 0) throwCode(removed, 'removeDoneCallback');
    return removed;
  }

  /** @returns {Loop} */
  getLoop() {
    return this.#loop;
  }

  /**
   * Promises/A+ then: a new Future settled by the handlers' outcome.
   * A cancelled future rejects with CancelledError.
   */
  then(onFulfilled, onRejected) {
    const target = new Future({ loop: this.#loop });
    addCallback(this.#ptr, (ptr) => {
      if (target.done()) return;
      const state = heap().u8[ptr + L.futureState];
      if (state === FINISHED && heap().u8[ptr + L.futureHasException] === 0) {
        const value = readValue(ptr + L.futureValue);
        if (typeof onFulfilled === 'function') settleWith(target, onFulfilled, value);
        else target.setResult(value);
      } else if (typeof onRejected === 'function') {
        settleWith(target, onRejected, outcomeError(ptr));
      } else if (state === CANCELLED) {
        target.cancel(cancelMessageAt(ptr));
      } else {
        rejectRaw(target, outcomeError(ptr));
      }
    }, THEN);
    return target;
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
    return new Promise((resolve, reject) => {
      addCallback(this.#ptr, (ptr) => {
        if (heap().u8[ptr + L.futureState] === FINISHED && heap().u8[ptr + L.futureHasException] === 0)
          resolve(readValue(ptr + L.futureValue));
        else reject(outcomeError(ptr));
      }, THEN);
    });
  }

  toString() {
    const ptr = this.#ptr;
    const state = heap().u8[ptr + L.futureState];
    if (state === PENDING) return '<Future pending>';
    if (state === CANCELLED) return '<Future cancelled>';
    const value = readValue(ptr + L.futureValue);
    return heap().u8[ptr + L.futureHasException]
      ? `<Future finished exception=${repr(value)}>`
      : `<Future finished result=${repr(value)}>`;
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return this.toString();
  }

  get [Symbol.toStringTag]() {
    return 'Future';
  }

  /** @internal the C pointer, borrowed, for calls that never hand it back */
  static pointerOf(future) {
    return future.#ptr;
  }

  /** @internal the C pointer, borrowed, for C that may hand it back to JS */
  static exposedPointerOf(future) {
    future.#expose();
    return future.#ptr;
  }
}

Object.defineProperty(Future.prototype, FUTURE_BRAND, { value: true });

/** The wrapper of a C future; a new one takes a reference. */
export function wrapperOf(ptr) {
  const existing = wrappers.get(ptr)?.deref();
  if (existing) return existing;
  C.wf_future_retain(ptr);
  return new Future(INTERNAL, ptr);
}

/** A Future that takes over the caller's C reference. */
export function adopt(ptr) {
  const existing = wrappers.get(ptr)?.deref();
  if (existing) {
    C.wf_future_release(ptr);
    return existing;
  }
  return new Future(INTERNAL, ptr);
}

/** Calls fn() through the loop once `future` is done (no wrapper is made for it). */
export function addContinuation(future, fn) {
  addCallback(Future.pointerOf(future), fn, THEN);
}

function addCallback(ptr, fn, kind) {
  const slot = hold(fn);
  const rc = C.wf__js_add_callback(ptr, slot, kind);
  if (rc !== 0) {
    take(slot);
    throwCode(rc, 'addDoneCallback');
  }
}

/** Runs a JS callback that C scheduled; called from the drain. */
export function invoke(kind, slot, ptr) {
  const fn = take(slot);
  const future = kind === THEN ? null : wrapperOf(ptr);
  try {
    if (kind === THEN) fn(ptr);
    else fn(future);
  } catch (exception) {
    const loop = future?.getLoop() ?? loopOf(C.wf_future_get_loop(ptr));
    loop.callExceptionHandler({
      message: `Exception in callback ${fn.name || 'anonymous'}`,
      exception,
      future: future ?? wrapperOf(ptr),
    });
  }
}

/** The cancel message of the cancelled future at `ptr` (undefined if it had none). */
export function cancelMessageAt(ptr) {
  C.wf__js_cancel_message(ptr);
  const msg = heap().u32[L.ioMessage >> 2];
  return msg ? readCString(msg) : undefined;
}

function cancelledError(ptr) {
  return new CancelledError(cancelMessageAt(ptr));
}

/** The rejection reason of a done future that has no result: its exception or a CancelledError. */
function outcomeError(ptr) {
  if (heap().u8[ptr + L.futureState] === CANCELLED) return cancelledError(ptr);
  C.wf__js_exception(ptr);
  return readValue(heap().u32[L.ioOut >> 2]);
}


/** Sets an exception as it is: no Error class is instantiated (a Promise's reject). */
export function rejectRaw(target, reason) {
  const slot = writeValue(reason);
  const rc = C.wf__js_set(Future.pointerOf(target), 1);
  if (rc !== 0 && slot) take(slot);
}

function fulfilRaw(target, value) {
  if (!target.done()) target.setResult(value);
}

function settleWith(target, handler, argument) {
  let x;
  try {
    x = handler(argument);
  } catch (error) {
    rejectRaw(target, error);
    return;
  }
  resolveWith(target, x);
}

/** The Promises/A+ resolution procedure, with `target` as the promise. */
export function resolveWith(target, x) {
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
}

/** Validates an optional `{ signal }`. */
export function checkSignal(signal, what) {
  if (signal === undefined) return;
  if (signal === null || typeof signal !== 'object' || typeof signal.aborted !== 'boolean' ||
      typeof signal.addEventListener !== 'function')
    throw new TypeError(`${what}: options.signal must be an AbortSignal`);
}

function abortMessage(signal) {
  const reason = signal.reason;
  if (reason === undefined) return undefined;
  return reason instanceof Error ? reason.message : String(reason);
}

/** Cancels `future` when `signal` aborts; stops listening once it is done. */
export function cancelOnAbort(future, signal) {
  if (signal.aborted) {
    future.cancel(abortMessage(signal));
    return;
  }
  const onAbort = () => future.cancel(abortMessage(signal));
  signal.addEventListener('abort', onAbort, { once: true });
  addCallback(Future.pointerOf(future), () => signal.removeEventListener('abort', onAbort), THEN);
}

function describe(value) {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return `${typeof value} ${String(value)}`;
}

function repr(value) {
  if (value instanceof Error) return `${value.name}(${JSON.stringify(value.message).replace(/^"|"$/g, "'")})`;
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`;
  if (typeof value === 'function') return `[Function ${value.name || 'anonymous'}]`;
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }
  return String(value);
}

export { describe };
