// PoolFuture: the Future of a pool task. It is an ordinary Future of the
// module: on threads, C follows the task's wf_cfuture with wf_wrap_cfuture
// (asyncio's wrap_future), and JS keeps the cfuture only to tell a queued
// task from a running one; on the loop, JS runs the task into it.
// Invariants:
// - Cancelling the Future cancels the task, on every path (its cancel(),
//   C's wf_future_cancel, combinators, signals): a task not started then
//   never runs; a running one runs on to its end and its outcome is dropped.
// - state, running() and cancelled() all read the one loop future; the task's
//   own state only tells running() from queued.
import { WF_CFUTURE_RUNNING } from '../core/abi.js';

/** The PoolFuture class of one module, over its `Future` class. */
export function makePoolFuture(Future) {
  /**
   * A pool task's Future, with asyncio's wrap_future rule on every path:
   * cancelling it cancels the task.
   */
  return class PoolFuture extends Future {
    #task;
    #cancelTask;

    /** @internal task(): the task's cfuture state; cancelTask(): true if the task will never run */
    constructor(key, ptr, task, cancelTask) {
      super(key, ptr);
      this.#task = task;
      this.#cancelTask = cancelTask;
    }

    /** true while a worker runs the task (concurrent.futures' running()). */
    running() {
      return !this.done() && this.#task() === WF_CFUTURE_RUNNING;
    }

    /** false if done; otherwise cancels the Future: a task not started never runs, a running one runs on. */
    cancel(msg = undefined) {
      if (this.done()) return false;
      // The task first, at once: a worker may take it any moment (C's own
      // path, through the loop future's callback, comes a turn later).
      this.#cancelTask();
      return super.cancel(msg);
    }
  };
}
