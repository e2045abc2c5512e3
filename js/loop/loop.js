// Loop: the JS face of a C wf_loop. The ready queue and the timer heap are
// in C, and the module's runtime (js/runtime/) wakes them from
// the host's microtasks, macrotasks and timers; this keeps the loop's
// exception handler and schedules JS callbacks.
import { describe, nameOf, readOption, textOf } from '../core/errors.js';
import { ATTACH, RAN, makeHandles } from './handles.js';

function checkCallback(fn, what) {
  if (typeof fn !== 'function')
    throw new TypeError(`${what}: callback must be a function, got ${describe(fn)}`);
}

function checkTime(value, what, name) {
  if (typeof value !== 'number' || Number.isNaN(value))
    throw new TypeError(`${what}: ${name} must be a number of milliseconds, got ${describe(value)}`);
}

/**
 * Loop, Handle and TimerHandle for one module, and loopOf/getLoop.
 * createFuture(loop): a new Future on `loop` (the one late binding of attach:
 * a Loop makes Futures, and a Future gets its Loop).
 */
export function makeLoop({ C, at, heap, hold, take, throwCode }, createFuture) {
  const INTERNAL = Symbol('loop pointer');
  const loops = new Map();
  const { Handle, TimerHandle } = makeHandles(C);
  let pointerOf, isLoop;

  /**
   * The loop futures run their callbacks on (asyncio's event loop, with the
   * host's microtasks as its ready queue runner).
   */
  class Loop {
    #ptr;
    #handler = null;

    /** @internal loops come from getLoop() */
    constructor(token, ptr) {
      if (token !== INTERNAL) throw new TypeError('Loop: use getLoop()');
      this.#ptr = ptr;
    }

    static {
      pointerOf = (loop) => loop.#ptr;
      // No getter or Proxy trap runs.
      isLoop = (x) => x !== null && typeof x === 'object' && #ptr in x;
    }

    /** Calls fn(...args) soon, after what is already queued. */
    callSoon(fn, ...args) {
      checkCallback(fn, 'callSoon');
      const handle = new Handle();
      const slot = hold(this.#guarded(fn, args, handle));
      const ptr = C.callSoon(this.#ptr, slot);
      if (!ptr) {
        take(slot);
        throwCode(-2, 'callSoon');
      }
      return handle[ATTACH](ptr);
    }

    /**
     * Calls fn(...args) after `delay` ms: callAt(time() + delay), as asyncio.
     * A negative delay is a due time in the past, which still runs in order
     * of due time; Infinity never runs and keeps no host timer armed.
     */
    callLater(delay, fn, ...args) {
      checkTime(delay, 'callLater', 'delay');
      checkCallback(fn, 'callLater');
      return this.#callAt(this.time() + delay, fn, args);
    }

    /** Calls fn(...args) at loop time `when` (ms, as time()); a past `when` is due at once. */
    callAt(when, fn, ...args) {
      checkTime(when, 'callAt', 'when');
      checkCallback(fn, 'callAt');
      return this.#callAt(when, fn, args);
    }

    /** A callback that reports what it throws to the handler, so no JS error crosses C. */
    #guarded(fn, args, handle) {
      return () => {
        handle[RAN]();
        try {
          fn(...args);
        } catch (exception) {
          this.callExceptionHandler({ message: `Exception in callback ${nameOf(fn)}`, exception });
        }
      };
    }

    #callAt(when, fn, args) {
      const handle = new TimerHandle(when);
      const slot = hold(this.#guarded(fn, args, handle));
      const ptr = C.callAt(this.#ptr, when, slot);
      if (!ptr) {
        take(slot);
        throwCode(-2, 'callAt');
      }
      return handle[ATTACH](ptr);
    }

    /** How many drains of the ready queue have run: callbacks that see the same number ran in one microtask. */
    drainCount() {
      return C.loopDrainCount(this.#ptr);
    }

    /** The loop's clock in ms (performance.now()). */
    time() {
      return C.loopTime(this.#ptr);
    }

    /** @returns {Future} a pending future on this loop */
    createFuture() {
      return createFuture(this);
    }

    /**
     * The anti-starvation budget: after `count` callbacks or `ms` of back-to-back
     * microtask drains, the rest of the queue continues in a macrotask.
     */
    setBudget(budget) {
      if (budget === null || typeof budget !== 'object') throw new TypeError('setBudget: expected { count, ms }');
      const count = readOption(budget, 'count', 'setBudget'), ms = readOption(budget, 'ms', 'setBudget');
      if (!Number.isInteger(count) || count < 1 || count > 0xffffffff)
        throw new TypeError('setBudget: count must be a positive integer');
      if (typeof ms !== 'number' || !(ms > 0)) throw new TypeError('setBudget: ms must be a positive number');
      C.loopSetBudget(this.#ptr, count, ms);
    }

    /** @returns {{ count: number, ms: number }} */
    getBudget() {
      C.loopGetBudget(this.#ptr);
      return { count: heap().u32[at.ioBudgetCount >> 2], ms: heap().f64[at.ioBudgetMs >> 3] };
    }

    /** Sets handler(loop, context), or null for the default. */
    setExceptionHandler(handler) {
      if (handler !== null && typeof handler !== 'function')
        throw new TypeError(`setExceptionHandler: handler must be a function or null, got ${describe(handler)}`);
      this.#handler = handler;
    }

    getExceptionHandler() {
      return this.#handler;
    }

    /** Reports `context` ({ message, exception?, future? }) to the handler. */
    callExceptionHandler(context) {
      if (context === null || typeof context !== 'object' || typeof context.message !== 'string')
        throw new TypeError('callExceptionHandler: context must be an object with a string message');
      if (this.#handler === null) {
        this.defaultExceptionHandler(context);
        return;
      }
      try {
        this.#handler(this, context);
      } catch (exception) {
        this.defaultExceptionHandler({ message: 'Unhandled error in exception handler', exception, context });
      }
    }

    /** Logs `context` with console.error. */
    defaultExceptionHandler(context) {
      if (context === null || typeof context !== 'object')
        throw new TypeError('defaultExceptionHandler: context must be an object');
      // It runs where nothing may throw (a drain, a timer, a finalizer): a
      // value that cannot print is printed as best it can.
      const parts = [context.message];
      if (context.future !== undefined) parts.push(`future: ${textOf(context.future)}`);
      if (context.exception !== undefined) parts.push(context.exception);
      try {
        console.error(...parts);
      } catch {
        try {
          console.error(parts.map(textOf).join(' '));
        } catch {
          // Nowhere left to say it.
        }
      }
    }
  }

  /** The JS Loop of a C loop pointer. */
  function loopOf(ptr) {
    let loop = loops.get(ptr);
    if (loop === undefined) {
      loop = new Loop(INTERNAL, ptr);
      loops.set(ptr, loop);
    }
    return loop;
  }

  let defaultLoop = null;

  /** @returns {Loop} the default loop */
  function getLoop() {
    defaultLoop ??= loopOf(C.loopDefault());
    return defaultLoop;
  }

  return {
    Loop, Handle, TimerHandle, loopOf, getLoop, isLoop,
    /** The C loop of a Loop. */
    pointerOf,
  };
}
