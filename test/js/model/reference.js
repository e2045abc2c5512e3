// A reference model of asyncio's rules for futures, the loop and the
// combinators, in plain JavaScript with no wasm in it. The model tests run the
// same operations on it and on the real runtime and compare what they see.
//
// It follows asyncio (Lib/asyncio/futures.py, base_events.py's _run_once,
// tasks.py) and the SPEC where the SPEC deliberately differs:
// - a gather's cancel() cancels the gather at once (a Future's cancel, as the
//   SPEC states it) and its children from its done callback;
// - a shield whose inner is cancelled passes the cancel message on;
// - waitFor is callbacks on the inner and the outer plus one timer, not a Task;
//   sleep is a future and a timer, not a coroutine.
// Where the model needs to know where an internal callback sits in a future's
// callback list, it puts it where asyncio's code adds it: when the combinator
// is made.

/** Marks an expected value that is described, not held (an error made by the runtime). */
export const DESCRIBED = Symbol('described value');

/** The CancelledError a cancelled future raises (its message the cancel message, '' without one). */
export const cancelledError = (message) => ({ [DESCRIBED]: 'CancelledError', message: message ?? '' });
/** The TimeoutError of a waitFor whose deadline passed. */
export const timeoutError = () => ({ [DESCRIBED]: 'TimeoutError' });
/** InvalidStateError; `mentions` is the state its message must name (null: no requirement). */
export const invalidStateError = (mentions) => ({ [DESCRIBED]: 'InvalidStateError', mentions });
/** What setException(SomeErrorClass) stores: a new instance of exactly that class. */
export const instanceOf = (cls) => ({ [DESCRIBED]: 'instance', cls });
/** A gather's list of results. */
export const resultList = (items) => ({ [DESCRIBED]: 'list', items });
/** Anything: a comparison the test leaves out on purpose (each use says why). */
export const anything = (why) => ({ [DESCRIBED]: 'anything', why });
/** A future's toString() must start with `prefix`. */
export const startsWith = (prefix) => ({ [DESCRIBED]: 'startsWith', prefix });

/** The cancel message asyncio's wait_for gives the inner future it cancels on timeout (the C core's text). */
export const WAIT_FOR_TIMEOUT_MESSAGE = 'wait_for timed out';

export const isErrorClass = (x) => typeof x === 'function' && (x === Error || x.prototype instanceof Error);

/**
 * The loop: a FIFO ready queue drained as asyncio's _run_once drains it
 * (exactly what was queued when the drain began; due timers are moved to the
 * end of the queue first), and a timer list ordered by due time, then by
 * scheduling order. `scheduled` mirrors the one microtask the real loop asks
 * for when its queue becomes non-empty, so the model counts drains as the
 * real loop does.
 */
export class ModelLoop {
  constructor(now) {
    this.now = now;
    this.ready = [];
    this.timers = [];
    this.timerSeq = 0;
    this.drains = 0;
    this.running = false;
    this.scheduled = false;
  }

  /** Appends `item` to the ready queue (call_soon). */
  enqueue(item) {
    item.cancelled ??= false;
    this.ready.push(item);
    if (!this.running) this.scheduled = true;
    return item;
  }

  /** call_at: the item runs once `now` reaches `when`. */
  callAt(when, item) {
    item.cancelled = false;
    item.when = when;
    item.seq = this.timerSeq++;
    this.timers.push(item);
    return item;
  }

  /** Handle.cancel(): an item that has not run never will. */
  cancel(item) {
    item.cancelled = true;
    const at = this.ready.indexOf(item);
    if (at >= 0) this.ready.splice(at, 1);
    const t = this.timers.indexOf(item);
    if (t >= 0) this.timers.splice(t, 1);
  }

  hasDueTimers() {
    return this.timers.some((t) => t.when <= this.now);
  }

  #moveDueTimers() {
    const due = this.timers.filter((t) => t.when <= this.now)
      .sort((a, b) => a.when - b.when || a.seq - b.seq);
    this.timers = this.timers.filter((t) => t.when > this.now);
    for (const t of due) this.ready.push(t);
  }

  /** Drains until idle; run(item, drain) runs one item. */
  runUntilIdle(run) {
    while (this.scheduled) {
      this.scheduled = false;
      this.running = true;
      this.drains++;
      this.#moveDueTimers();
      const batch = this.ready.splice(0);
      for (const item of batch) {
        // An item cancelled while its batch runs is skipped (the real loop unlinks it).
        if (item.cancelled) continue;
        item.ran = true;
        run(item, this.drains);
      }
      this.running = false;
      if (this.ready.length > 0) this.scheduled = true;
    }
  }
}

/** asyncio.Future's state machine. Callbacks are { user } (a callback definition) or { internal } (a function). */
export class ModelFuture {
  constructor(loop) {
    this.loop = loop;
    this.state = 'PENDING';
    this.value = undefined;
    this.isException = false;
    this.cancelMessage = undefined;
    this.callbacks = [];
  }

  done() {
    return this.state !== 'PENDING';
  }

  #complete(value, isException) {
    if (this.done()) throw invalidStateError(this.state);
    this.state = 'FINISHED';
    this.value = value;
    this.isException = isException;
    this.#scheduleCallbacks();
  }

  setResult(value) {
    // Bytes are copied in: later changes to the caller's array do not reach the future.
    this.#complete(value instanceof Uint8Array ? Uint8Array.from(value) : value, false);
  }

  setException(reason) {
    this.#complete(isErrorClass(reason) ? instanceOf(reason) : reason, true);
  }

  /** @returns {boolean} false if done */
  cancel(message) {
    if (this.done()) return false;
    this.state = 'CANCELLED';
    this.cancelMessage = message === undefined || message === null ? undefined : String(message);
    this.#scheduleCallbacks();
    return true;
  }

  /** Every callback goes through call_soon, in the order they were added. */
  #scheduleCallbacks() {
    const callbacks = this.callbacks;
    this.callbacks = [];
    for (const callback of callbacks) this.loop.enqueue({ future: this, callback });
  }

  /** On a done future the callback is scheduled at once (never run synchronously). */
  addCallback(callback) {
    if (this.done()) this.loop.enqueue({ future: this, callback });
    else this.callbacks.push(callback);
  }

  /** Removes every pending copy of a user callback; @returns how many. */
  removeUser(definition) {
    const kept = this.callbacks.filter((c) => c.user !== definition);
    const removed = this.callbacks.length - kept.length;
    this.callbacks = kept;
    return removed;
  }

  removeInternal(fn) {
    this.callbacks = this.callbacks.filter((c) => c.internal !== fn);
  }

  result() {
    if (this.state === 'PENDING') throw invalidStateError(null);
    if (this.state === 'CANCELLED') throw cancelledError(this.cancelMessage);
    if (this.isException) throw this.value;
    return this.value;
  }

  exception() {
    if (this.state === 'PENDING') throw invalidStateError(null);
    if (this.state === 'CANCELLED') throw cancelledError(this.cancelMessage);
    return this.isException ? this.value : null;
  }

  /** The error a cancelled or failed future rejects a then() with. */
  rejection() {
    return this.state === 'CANCELLED' ? cancelledError(this.cancelMessage) : this.value;
  }

  toStringPattern() {
    if (this.state === 'PENDING') return '<Future pending>';
    if (this.state === 'CANCELLED') return '<Future cancelled>';
    return startsWith(this.isException ? '<Future finished exception=' : '<Future finished result=');
  }
}

/** Copies a done future's outcome to a pending one (a cancellation keeps its message). */
function copyOutcome(target, source) {
  if (source.state === 'CANCELLED') target.cancel(source.cancelMessage);
  else if (source.isException) target.setException(source.value);
  else target.setResult(source.value);
}

/** asyncio.gather: results in input order; a repeated child is watched once. */
export function gather(loop, children, returnExceptions) {
  const outer = new ModelFuture(loop);
  let pending = 0;
  const finish = () => {
    outer.setResult(resultList(children.map((c) => (c.state === 'CANCELLED' ? cancelledError(c.cancelMessage) : c.value))));
  };
  const onChild = (child) => {
    pending--;
    if (outer.done()) return;
    if (!returnExceptions && child.state === 'CANCELLED') outer.setException(cancelledError(child.cancelMessage));
    else if (!returnExceptions && child.isException) outer.setException(child.value);
    else if (pending === 0) finish();
  };
  for (const child of new Set(children)) {
    child.addCallback({ internal: onChild });
    pending++;
  }
  outer.addCallback({
    internal: () => {
      if (outer.state === 'CANCELLED') for (const child of children) child.cancel(outer.cancelMessage);
    },
  });
  if (children.length === 0) finish();
  return outer;
}

/** asyncio.shield: a done future is returned as it is. */
export function shield(loop, inner) {
  if (inner.done()) return inner;
  const outer = new ModelFuture(loop);
  const onInner = () => {
    if (!outer.done()) copyOutcome(outer, inner);
  };
  inner.addCallback({ internal: onInner });
  outer.addCallback({
    internal: () => {
      if (!inner.done()) inner.removeInternal(onInner);
    },
  });
  return outer;
}

/**
 * asyncio.wait_for: the inner's outcome; past `timeout` the inner is
 * cancelled and the outer fails with TimeoutError; cancelling the outer
 * cancels the inner. A done inner, or a timeout <= 0, settles it at once.
 */
export function waitFor(loop, inner, timeout) {
  const outer = new ModelFuture(loop);
  if (inner.done() || (timeout !== null && timeout <= 0)) {
    if (inner.done()) {
      copyOutcome(outer, inner);
    } else {
      inner.cancel(WAIT_FOR_TIMEOUT_MESSAGE);
      outer.setException(timeoutError());
    }
    return outer;
  }
  let timer = null;
  inner.addCallback({
    internal: () => {
      if (timer !== null) loop.cancel(timer);
      if (!outer.done()) copyOutcome(outer, inner);
    },
  });
  outer.addCallback({
    internal: () => {
      if (timer !== null) loop.cancel(timer);
      if (outer.state === 'CANCELLED') inner.cancel(outer.cancelMessage);
    },
  });
  if (timeout !== null && timeout !== Infinity) {
    timer = loop.callAt(loop.now + timeout, {
      internal: () => {
        if (!inner.done()) {
          inner.cancel(WAIT_FOR_TIMEOUT_MESSAGE);
          // The outer may have been cancelled earlier in this same drain, before its own callback ran.
          if (!outer.done()) outer.setException(timeoutError());
        }
      },
    });
  }
  return outer;
}

/** asyncio.sleep as a future: `value` after `delay`; once the future is done its timer goes. */
export function sleep(loop, delay, value) {
  const outer = new ModelFuture(loop);
  let timer = null;
  if (delay !== Infinity) {
    timer = loop.callAt(loop.now + delay, {
      internal: () => {
        if (!outer.done()) outer.setResult(value);
      },
    });
  }
  outer.addCallback({
    internal: () => {
      if (timer !== null) loop.cancel(timer);
    },
  });
  return outer;
}
