// Handles: what callSoon, callLater and callAt return. A handle holds no C
// reference: the C handle lives while its callback is queued, and the JS
// handle forgets it once the callback ran or was cancelled, so a handle
// costs no finalizer.

/** Attaches a handle to its C handle (Loop, as it schedules the callback). */
export const ATTACH = Symbol('the C handle');
/** Tells a handle C is about to run its callback and retire the C handle. */
export const RAN = Symbol('the callback ran');

/** Handle and TimerHandle for one module (C: its entry points). */
export function makeHandles(C) {
  /** A callback scheduled with callSoon. */
  class Handle {
    #ptr = 0;
    #cancelled = false;

    /** @internal */
    [ATTACH](ptr) {
      this.#ptr = ptr;
      return this;
    }

    /** Cancels the callback if it has not run (asyncio: cancelled() is true from then on). */
    cancel() {
      this.#cancelled = true;
      if (this.#ptr === 0) return;
      C.handleCancel(this.#ptr);
      this.#ptr = 0;
    }

    /** @returns {boolean} */
    cancelled() {
      return this.#cancelled;
    }

    /** @internal */
    [RAN]() {
      this.#ptr = 0;
    }
  }

  /** A callback scheduled with callLater or callAt. */
  class TimerHandle extends Handle {
    #when;

    /** @internal */
    constructor(when) {
      super();
      this.#when = when;
    }

    /** @returns {number} the loop time it is due at, in ms */
    when() {
      return this.#when;
    }
  }

  return { Handle, TimerHandle };
}
