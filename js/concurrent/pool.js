// createThreadPool: the named C tasks of a module (wf_task_register) on a
// pool of threads (c/src/binding/pool.c over wf_executor), in a module linked
// with threads; or, in a module without threads, on the loop. A pool future
// is an ordinary Future of the same module: C follows the task's wf_cfuture
// with wf_wrap_cfuture, and JS keeps the cfuture only to tell a queued task
// from a running one.
import * as K from '../core/abi.js';
import { InvalidStateError, describe, readOption } from '../core/errors.js';
import { argumentTypes, writeArguments } from './arguments.js';

/**
 * At most this many threads in one pool: each is a Web Worker (a worker_thread
 * in Node) with a JavaScript engine of its own and a wasm stack, and browsers
 * refuse workers well before wasm memory runs out.
 */
export const MAX_WORKERS = 64;

/** How long the main thread looks out for a task's end after handing it out (js/runtime/threads.js, expectPost). */
const EXPECT_POST_MS = 0.1;

/** How long a pool waits for its Workers to load and its threads to start. */
const THREAD_START_MS = 60000;

/** The task table of a module: names, signatures, and the lookup with its error. */
function taskTable({ C, cString }) {
  const tasks = Array.from({ length: C.taskCount() }, (_, i) => ({
    name: cString(C.taskName(i)),
    signature: cString(C.taskSignature(i)),
  }));
  return {
    tasks,
    index(name) {
      const i = typeof name === 'string' ? tasks.findIndex((t) => t.name === name) : -1;
      if (i >= 0) return i;
      const known = tasks.length === 0 ? 'this module registered none (wf_task_register)'
        : `the tasks are ${tasks.map((t) => t.name).join(', ')}`;
      if (typeof name !== 'string') throw new TypeError(`submit: the task name must be a string, got ${describe(name)}; ${known}`);
      throw new TypeError(`submit: unknown task '${name}'; ${known}`);
    },
  };
}

/**
 * The pools of one module: attach calls it once per module. futures: what
 * future.js gives the API; loops: loop.js's.
 */
export function makePool({ binding, futures, loops }) {
  const { C, at, rt, throwCode } = binding;
  const { Future, ADOPT, addContinuation, pointerOf, rejectRaw } = futures;
  const { getLoop, pointerOf: loopPointer } = loops;
  const threadsHere = typeof C.poolNew === 'function';

  /**
   * A pool task's Future, with asyncio's wrap_future rule on every path (its
   * cancel(), C's wf_future_cancel, combinators, signals): cancelling the
   * Future cancels it; a task not started then never runs, a running one
   * runs on to its end and its outcome is dropped. state, running() and
   * cancelled() all read the one loop future.
   */
  class PoolFuture extends Future {
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
      return !this.done() && this.#task() === K.WF_CFUTURE_RUNNING;
    }

    /** false if done; otherwise cancels the Future: a task not started never runs, a running one runs on. */
    cancel(msg = undefined) {
      if (this.done()) return false;
      // The task first, at once: a worker may take it any moment (C's own
      // path, through the loop future's callback, comes a turn later).
      this.#cancelTask();
      return super.cancel(msg);
    }
  }

  /** What both pools share: the tasks, the open flag, the pending futures, shutdown. */
  class BasePool {
    // Read when the pool is made: C may register tasks until then (main(),
    // or later calls of its own).
    #table = taskTable(binding);
    #closed = false;
    #pending = new Set();
    #idle = [];
    #ended = null;

    /** @returns {string[]} the names of the tasks C registered */
    tasks() {
      return this.#table.tasks.map((t) => t.name);
    }

    /** @returns {{ name: string, signature: string }[]} */
    taskSignatures() {
      return this.#table.tasks.map((t) => ({ ...t }));
    }

    /** true once shutdown() was called. */
    get closed() {
      return this.#closed;
    }

    /** @internal the task's index, or why it cannot be submitted */
    begin(name, args) {
      if (this.#closed) throw new InvalidStateError('submit: the pool is shut down');
      const index = this.#table.index(name);
      argumentTypes(args);
      return index;
    }

    /** @internal */
    track(future, onDone) {
      this.#pending.add(future);
      addContinuation(future, () => {
        this.#pending.delete(future);
        onDone?.();
        if (this.#pending.size === 0) this.#idle.splice(0).forEach((resolve) => resolve());
      });
    }

    /**
     * Stops taking tasks; cancelFutures cancels those that have not started.
     * The promise resolves once every task is done and the threads ended; a
     * second call returns the same promise.
     * @param {{ wait?: boolean, cancelFutures?: boolean }} [options]
     */
    shutdown(options = undefined) {
      if (options !== undefined && (options === null || typeof options !== 'object'))
        throw new TypeError(`shutdown(options): options must be an object, got ${describe(options)}`);
      const wait = readOption(options, 'wait', 'shutdown') ?? true;
      const cancelFutures = readOption(options, 'cancelFutures', 'shutdown') ?? false;
      if (typeof wait !== 'boolean') throw new TypeError(`shutdown: options.wait must be a boolean, got ${describe(wait)}`);
      if (typeof cancelFutures !== 'boolean')
        throw new TypeError(`shutdown: options.cancelFutures must be a boolean, got ${describe(cancelFutures)}`);
      if (cancelFutures) for (const future of this.#pending) future.cancel('the pool shut down');
      if (this.#ended === null) {
        this.#closed = true;
        const idle = this.#pending.size === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
        this.#ended = this.stop(idle);
      }
      return wait ? this.#ended : Promise.resolve();
    }
  }

  /** The pool on threads. */
  class ThreadPool extends BasePool {
    #executor;
    #busy = 0;

    // Node stays alive while a task is pending and not while the pool is
    // idle: C counts each task as pending work from submit to its end
    // (platform/wasm.c), whatever submitted it.
    constructor(workers) {
      super();
      this.#executor = C.poolNew(workers);
      if (!this.#executor) throw new RangeError(`createThreadPool: could not start ${workers} threads (wasm memory or workers exhausted)`);
      /** @type {number} */
      this.workers = workers;
      /** @type {boolean} */
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
      const deadline = performance.now() + THREAD_START_MS;
      while (C.poolStartedWorkers(this.#executor) < this.workers) {
        if (performance.now() > deadline) {
          await this.shutdown();
          throw new RangeError(`createThreadPool: ${this.workers} threads did not start within ${THREAD_START_MS / 1000} s`);
        }
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return this;
    }

    /** @internal the threads end once every task is done; only then is the executor freed */
    async stop(idle) {
      C.poolShutdown(this.#executor, 0, 0);
      await idle;
      // The main thread must not block in pthread_join: it is the thread that
      // starts workers and takes their messages.
      while (C.poolLiveWorkers(this.#executor) > 0) await new Promise((resolve) => setTimeout(resolve, 1));
      C.poolFree(this.#executor);
      // Its Workers go too, rather than wait idle for ever in Emscripten's pool.
      rt.retireWorkers(this.workers);
    }
  }

  /** The pool without threads: each task runs on the loop, one per callback. */
  class LoopPool extends BasePool {
    constructor(workers) {
      super();
      this.workers = workers;
      this.threaded = false;
    }

    submit(name, ...args) {
      const index = this.begin(name, args);
      let started = false;
      // The loop runs a task from start to end in one callback: never seen running.
      const future = new PoolFuture(undefined, undefined, () => (started ? K.WF_CFUTURE_RUNNING : 0), () => !started);
      this.track(future);
      getLoop().callSoon(() => {
        if (future.done()) return;
        started = true;
        let block;
        try {
          block = writeArguments(rt, args);
        } catch (error) {
          rejectRaw(future, error);
          return;
        }
        const rc = C.taskRunInto(pointerOf(future), index, block, args.length);
        C.free(block);
        if (rc !== 0) {
          try {
            throwCode(rc, 'submit');
          } catch (error) {
            rejectRaw(future, error);
          }
        }
      });
      return future;
    }

    /** @internal */
    stop(idle) {
      return idle;
    }
  }

  /** Threads work here: the module was linked with them (which needs SharedArrayBuffer to load). */
  function threadsAvailable() {
    return threadsHere;
  }

  /**
   * A pool of C workers for the module's named tasks. `threaded` says whether
   * it runs on threads; in a module without threads the tasks run on the loop.
   * @param {{ workers?: number, threads?: boolean }} [options]
   */
  async function createThreadPool(options = undefined) {
    if (options !== undefined && (options === null || typeof options !== 'object'))
      throw new TypeError(`createThreadPool(options): options must be an object, got ${describe(options)}`);
    const threads = readOption(options, 'threads', 'createThreadPool') ?? true;
    if (typeof threads !== 'boolean') throw new TypeError(`createThreadPool: options.threads must be a boolean, got ${describe(threads)}`);
    const workers = readOption(options, 'workers', 'createThreadPool') ?? Math.min(globalThis.navigator?.hardwareConcurrency || 2, MAX_WORKERS);
    if (!Number.isInteger(workers) || workers < 1)
      throw new TypeError(`createThreadPool: options.workers must be a positive integer, got ${describe(workers)}`);
    if (workers > MAX_WORKERS)
      throw new RangeError(`createThreadPool: options.workers is ${workers}; a pool runs at most ${MAX_WORKERS} threads`);
    return threads && threadsHere ? new ThreadPool(workers).started() : new LoopPool(workers);
  }

  return { createThreadPool, threadsAvailable, PoolFuture };
}
