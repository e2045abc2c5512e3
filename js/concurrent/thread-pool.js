// The pool on threads (c/src/binding/pool.c over wf_executor): a submit hands
// the task to C's executor, which runs it on a worker thread into a
// wf_cfuture; C follows that cfuture with a future of the loop
// (wf_wrap_cfuture), whose wrapper is the task's PoolFuture.
// Invariants:
// - JS holds one reference to the task's cfuture, from submit until the
//   PoolFuture is done; only then is it released.
// - Node stays alive while a task is pending and not while the pool is idle:
//   C counts each task as pending work from submit to its end
//   (platform/wasm.c), whatever submitted it.
// - The executor is freed only once every thread ended, and the main thread
//   never blocks in pthread_join: it is the thread that starts workers and
//   takes their messages.
import { writeArguments } from './arguments.js';
import { BasePool } from './lifecycle.js';
import { taskTable } from './tasks.js';

/** How long the main thread looks out for a task's end after handing it out (js/runtime/threads.js, expectPost). */
const EXPECT_POST_MS = 0.1;

/** How long a pool waits for its Workers to load and its threads to start. */
const THREAD_START_MS = 60000;

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

/** true once done() is, looking every millisecond; false if `ms` went by first. */
async function poll(done, ms = Infinity) {
  const deadline = performance.now() + ms;
  while (!done()) {
    if (performance.now() > deadline) return false;
    await tick();
  }
  return true;
}

/**
 * The ThreadPool class of one module (binding: binding.js; futures:
 * future.js's; loops: loop.js's; PoolFuture: pool-future.js's).
 */
export function makeThreadPool({ binding, futures, loops, PoolFuture }) {
  const { C, at, rt, throwCode } = binding;
  const { ADOPT, addContinuation } = futures;
  const { getLoop, pointerOf: loopPointer } = loops;

  /** The pool on threads. */
  return class ThreadPool extends BasePool {
    #executor;
    #busy = 0;

    constructor(workers) {
      super(taskTable(binding), addContinuation);
      this.#executor = C.poolNew(workers);
      if (!this.#executor) throw new RangeError(`createThreadPool: could not start ${workers} threads (wasm memory or workers exhausted)`);
      this.workers = workers;
      this.threaded = true;
    }

    /** Runs C task `name` on a worker thread; numbers, bigints, booleans, strings and Uint8Arrays in and out. */
    submit(name, ...args) {
      const index = this.begin(name, args);
      const block = writeArguments(rt, args);
      const loop = loopPointer(getLoop());
      // The out slot of the exchange area takes the task's wf_cfuture, or the error code.
      const ptr = C.poolSubmit(this.#executor, loop, index, block, args.length, at.ioOut);
      C.free(block);
      const task = rt.heap().i32[at.ioOut >> 2];
      if (!ptr) throwCode(task, 'submit');
      const future = new PoolFuture(ADOPT, ptr, () => C.cfutureStateOf(task), () => C.poolCancel(task) === 1);
      if (this.#busy++ === 0) {
        // A lone task: its end is what the program waits for. With more,
        // the threads have work and the main thread's CPU is theirs.
        rt.expectPost(loop, EXPECT_POST_MS);
      }
      this.track(future, () => {
        C.cfutureRelease(task);
        this.#busy--;
      });
      return future;
    }

    /**
     * @internal resolves once every thread runs: a thread starts only when its
     * Worker has loaded, and a pool whose threads still load runs its first
     * tasks on fewer of them.
     */
    async started() {
      if (await poll(() => C.poolStartedWorkers(this.#executor) >= this.workers, THREAD_START_MS)) return this;
      await this.shutdown();
      throw new RangeError(`createThreadPool: ${this.workers} threads did not start within ${THREAD_START_MS / 1000} s`);
    }

    /** @internal the threads end once every task is done; only then is the executor freed */
    async stop(idle) {
      C.poolShutdown(this.#executor, 0, 0);
      await idle;
      await poll(() => C.poolLiveWorkers(this.#executor) === 0);
      C.poolFree(this.#executor);
      // Its Workers go too, rather than wait idle for ever in Emscripten's pool.
      rt.retireWorkers(this.workers);
    }
  };
}
