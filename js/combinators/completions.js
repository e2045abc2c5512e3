// What asCompleted returns: an async iterator over the slots of
// wf_as_completed (c/src/combinators/as_completed.c), futures C completes in
// the order their inputs complete.

export class Completions {
  #slots;
  #next = 0;
  #settled;
  #finished = () => {};

  /** settled(future): a promise that resolves, with nothing, once `future` is done. */
  constructor(slots, settled) {
    this.#slots = slots;
    this.#settled = settled;
  }

  /** @internal fn() once, when the last slot was read or the iteration stopped. */
  whenFinished(fn) {
    this.#finished = fn;
  }

  #finish() {
    const fn = this.#finished;
    this.#finished = () => {};
    fn();
  }

  [Symbol.asyncIterator]() {
    return this;
  }

  /** The next input to complete; rejects with TimeoutError past the timeout. */
  next() {
    if (this.#next >= this.#slots.length) return Promise.resolve({ value: undefined, done: true });
    const slot = this.#slots[this.#next++];
    const last = this.#next === this.#slots.length;
    // Not slot.then: a promise would adopt the future the slot holds, and
    // yield that future's result instead of the future.
    return this.#settled(slot).then(() => {
      if (last) this.#finish();
      try {
        return { value: slot.result(), done: false };
      } catch (error) {
        this.#stop();
        throw error;
      }
    });
  }

  return() {
    this.#stop();
    return Promise.resolve({ value: undefined, done: true });
  }

  /** Cancels the slots nobody will read; C stops watching the inputs. */
  #stop() {
    for (const slot of this.#slots.slice(this.#next)) {
      if (!slot.cancel() && !slot.cancelled()) slot.exception();
    }
    this.#next = this.#slots.length;
    this.#finish();
  }

  /** @internal */
  cancel(msg) {
    for (const slot of this.#slots) slot.cancel(msg);
  }
}
