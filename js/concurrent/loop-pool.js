// The pool without threads, for a module linked without them or a pool made
// with threads: false: each task runs on the loop, in one loop callback, in
// the order submitted (C's wf_task_run_into, into the PoolFuture's own C
// future).
// Invariants:
// - A task runs from start to end in one callback, so its future is never
//   seen running; cancelling it before its callback means it never runs.
// - Its arguments are checked at submit and laid out only when it runs: an
//   error then (wasm memory exhausted) or C's return code completes the
//   future, as a task's own error would.
import { WF_CFUTURE_RUNNING } from '../core/abi.js';
import { writeArguments } from './arguments.js';
import { BasePool } from './lifecycle.js';
import { taskTable } from './tasks.js';

/**
 * The LoopPool class of one module (binding: binding.js; futures:
 * future.js's; loops: loop.js's; PoolFuture: pool-future.js's).
 */
export function makeLoopPool({ binding, futures, loops, PoolFuture }) {
  const { C, rt, throwCode } = binding;
  const { addContinuation, pointerOf, rejectRaw } = futures;
  const { getLoop } = loops;

  function run(future, index, args) {
    let block;
    try {
      block = writeArguments(rt, args);
    } catch (error) {
      rejectRaw(future, error);
      return;
    }
    const rc = C.taskRunInto(pointerOf(future), index, block, args.length);
    C.free(block);
    if (rc === 0) return;
    try {
      throwCode(rc, 'submit');
    } catch (error) {
      rejectRaw(future, error);
    }
  }

  /** The pool without threads: each task runs on the loop, one per callback. */
  return class LoopPool extends BasePool {
    constructor(workers) {
      super(taskTable(binding), addContinuation);
      this.workers = workers;
      this.threaded = false;
    }

    /** Runs C task `name` on the loop, in a callback of its own. */
    submit(name, ...args) {
      const index = this.begin(name, args);
      let started = false;
      const future = new PoolFuture(undefined, undefined, () => (started ? WF_CFUTURE_RUNNING : 0), () => !started);
      this.track(future);
      getLoop().callSoon(() => {
        if (future.done()) return;
        started = true;
        run(future, index, args);
      });
      return future;
    }

    /** @internal no threads to end: done once every task is */
    stop(idle) {
      return idle;
    }
  };
}
