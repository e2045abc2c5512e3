// createThreadPool: named C tasks (registered with wf_task_register; here
// the demo tasks of examples/tasks.c) on a pool of threads (c/src/concurrent/
// executor.c in the threaded build of the tasks module), or, where there is
// no SharedArrayBuffer, on the loop, in the build without threads. A pool's
// futures are Futures of `api` (the package's default module); each mirrors
// a wf_cfuture of the tasks module.
import { CONSTANTS as K } from '../core/abi.js';
import { InvalidStateError, describe } from '../core/errors.js';
import { checkValues, readScalar, writeValues } from '../core/values.js';

const RESULT = 0, EXCEPTION = 1;
const INTERNALS = Symbol.for('wasm-future.internals');
const POOL_CANCEL = Symbol('cancelled by the pool');

/** The task table of a module's runtime: names, signatures, and the lookup with its error. */
function taskTable(rt) {
  const { fn } = rt.bind();
  const tasks = Array.from({ length: fn.taskCount() }, (_, i) => ({
    name: rt.cString(fn.taskName(i)),
    signature: rt.cString(fn.taskSignature(i)),
  }));
  return {
    tasks,
    index(name) {
      const i = typeof name === 'string' ? tasks.findIndex((t) => t.name === name) : -1;
      if (i < 0) {
        const shown = typeof name === 'string' ? `'${name}'` : describe(name);
        throw new TypeError(`submit: unknown task ${shown}; the tasks are ${tasks.map((t) => t.name).join(', ')}`);
      }
      return i;
    },
  };
}

/** ref() or unref() every Worker of the module (Node's; browsers have no such thing). */
function nodeWorkers(module, how) {
  for (const worker of [...module.PThread.unusedWorkers, ...module.PThread.runningWorkers]) worker[how]?.();
}

/**
 * The pool API over `api`'s Futures.
 * @param {object} api the API attach returned, whose Futures the pool hands out
 * @param {{ threaded: () => Promise<object>, plain: () => Promise<object>, available: () => boolean }} modules
 *   loaders of the tasks module with threads and without, and whether threads work here
 */
export function makePool(api, modules) {
  const { Future, getLoop } = api;
  const { rejectRaw } = api[INTERNALS];

  /** A pool task's Future: cancel() also keeps the task from running, and is false once it runs. */
  class PoolFuture extends Future {
    #cancelTask;
    #isRunning;

    /** @internal */
    constructor(cancelTask, isRunning) {
      super();
      this.#cancelTask = cancelTask;
      this.#isRunning = isRunning;
    }

    /** true while a worker runs the task (concurrent.futures' running()). */
    running() {
      return !this.done() && this.#isRunning();
    }

    /** false if done or already running (as concurrent.futures); otherwise cancels it before it runs. */
    cancel(msg = undefined) {
      if (this.done() || !this.#cancelTask()) return false;
      return super.cancel(msg);
    }

    /** @internal the pool itself cancels: no task to stop. */
    [POOL_CANCEL](msg) {
      return super.cancel(msg);
    }
  }

  /** Settles `future` from a done wf_cfuture, read with `read`. */
  function settle(future, outcome, read) {
    if (future.done()) return;
    if (outcome === RESULT) future.setResult(read());
    else if (outcome === EXCEPTION) rejectRaw(future, read());
    else future[POOL_CANCEL]('the pool cancelled the task');
  }

  /** What both pools share: the closed flag, the pending futures, shutdown. */
  class BasePool {
    #closed = false;
    #pending = new Set();
    #idle = [];
    #table;

    constructor(table) {
      this.#table = table;
    }

    /** @returns {string[]} the names of the tasks C registered */
    tasks() {
      return this.#table.tasks.map((t) => t.name);
    }

    /** @returns {{ name: string, signature: string }[]} */
    taskSignatures() {
      return this.#table.tasks.map((t) => ({ ...t }));
    }

    get closed() {
      return this.#closed;
    }

    /** @internal */
    begin(name) {
      if (this.#closed) throw new InvalidStateError('submit: the pool is shut down');
      return this.#table.index(name);
    }

    /** @internal */
    track(future) {
      this.#pending.add(future);
      future.addDoneCallback(() => {
        this.#pending.delete(future);
        if (this.#pending.size === 0) this.#idle.splice(0).forEach((resolve) => resolve());
      });
    }

    /** @internal */
    close(cancelFutures) {
      this.#closed = true;
      if (cancelFutures) for (const future of this.#pending) future.cancel('the pool shut down');
      return this.#pending.size === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
    }
  }

  // The open pools of the threaded module, and the futures they wait for.
  let openPools = 0;
  const waiting = new Map();

  /** The pool on threads. */
  class ThreadPool extends BasePool {
    #module;
    #rt;
    #executor;

    constructor(module, workers) {
      const rt = module.wasmFuture;
      super(taskTable(rt));
      this.#module = module;
      this.#rt = rt;
      if (openPools++ === 0) nodeWorkers(module, 'ref');
      this.#executor = module._wf__pool_new(workers);
      if (!this.#executor) {
        if (--openPools === 0) nodeWorkers(module, 'unref');
        throw new RangeError('createThreadPool: could not start the threads');
      }
      this.workers = workers;
      this.threaded = true;
      // C announces each done future from the main thread; settle it in a
      // microtask, so that a cancel() under way finishes first.
      rt.hooks.taskDone = (cf) => queueMicrotask(() => waiting.get(cf)?.(cf));
    }

    /** Runs C task `name` on a worker thread; numbers, strings and Uint8Arrays in and out. */
    submit(name, ...args) {
      const index = this.begin(name);
      const module = this.#module;
      const rt = this.#rt;
      const { fn, at } = rt.bind();
      const block = writeValues(rt, args, 'submit');
      const cf = module._wf__pool_submit(this.#executor, index, block, args.length);
      fn.free(block);
      if (!cf) throw new RangeError('submit: wasm memory is exhausted');
      const future = new PoolFuture(() => module._wf__pool_cancel(cf) === 1,
        () => fn.cfutureStateOf(cf) === K.WF_CFUTURE_RUNNING);
      waiting.set(cf, () => {
        waiting.delete(cf);
        settle(future, fn.taskOutcome(cf), () => readScalar(rt.heap(), at, fn.taskValue(cf)));
        fn.cfutureRelease(cf);
      });
      this.track(future);
      return future;
    }

    /**
     * Stops taking tasks. cancelFutures cancels those not started; the threads
     * end once the rest are done. wait: the promise resolves then.
     */
    shutdown({ wait = true, cancelFutures = false } = {}) {
      if (this.closed) return Promise.resolve();
      const module = this.#module;
      module._wf_executor_shutdown(this.#executor, 0, cancelFutures ? 1 : 0);
      // The main thread must not block in pthread_join: it is what starts the
      // workers. Wait for them to end, then free and let their Workers go.
      const ended = this.close(cancelFutures).then(async () => {
        while (module._wf__pool_live_workers(this.#executor) > 0) await new Promise((resolve) => setTimeout(resolve, 1));
        module._wf_executor_free(this.#executor);
        // The Workers of ended threads stay with Emscripten for later threads
        // and would keep Node alive: once no pool is open, none may. (Ending
        // them with terminateAllThreads made later threads crash here.)
        if (--openPools === 0) nodeWorkers(module, 'unref');
      });
      return wait ? ended : Promise.resolve();
    }
  }

  /** The pool without threads: each task runs on the loop, one per callback. */
  class LoopPool extends BasePool {
    #rt;

    constructor(module, workers) {
      super(taskTable(module.wasmFuture));
      this.#rt = module.wasmFuture;
      this.workers = workers;
      this.threaded = false;
    }

    submit(name, ...args) {
      const index = this.begin(name);
      checkValues(args, 'submit');
      const rt = this.#rt;
      let started = false;
      // The loop runs a task from start to end in one callback: never seen running.
      const future = new PoolFuture(() => !started, () => false);
      this.track(future);
      getLoop().callSoon(() => {
        if (future.done()) return;
        started = true;
        const { fn, at } = rt.bind();
        const block = writeValues(rt, args, 'submit');
        const cf = fn.taskRunHere(index, block, args.length);
        fn.free(block);
        if (!cf) {
          rejectRaw(future, new RangeError('submit: wasm memory is exhausted'));
          return;
        }
        settle(future, fn.taskOutcome(cf), () => readScalar(rt.heap(), at, fn.taskValue(cf)));
        fn.cfutureRelease(cf);
      });
      return future;
    }

    shutdown({ wait = true, cancelFutures = false } = {}) {
      const ended = this.close(cancelFutures);
      return wait ? ended : Promise.resolve();
    }
  }

  let threadedModule = null;
  let plainModule = null;

  function defaultWorkers() {
    return globalThis.navigator?.hardwareConcurrency || 2;
  }

  /**
   * A pool of C workers for the named tasks. `threaded` says whether it runs on
   * threads (false where there is no SharedArrayBuffer: the page is not
   * cross-origin isolated; then tasks run on the loop, one at a time).
   * @param {{ workers?: number, threads?: boolean }} [options]
   */
  async function createThreadPool(options = undefined) {
    // options.threads === false asks for the pool without threads even where threads work.
    if (options !== undefined && (options === null || typeof options !== 'object'))
      throw new TypeError('createThreadPool: options must be an object');
    const workers = options?.workers ?? defaultWorkers();
    if (!Number.isInteger(workers) || workers < 1 || workers > 256)
      throw new TypeError(`createThreadPool: workers must be an integer from 1 to 256, got ${describe(workers)}`);
    if (options?.threads === false || !modules.available()) {
      plainModule ??= modules.plain();
      return new LoopPool(await plainModule, workers);
    }
    threadedModule ??= modules.threaded();
    return new ThreadPool(await threadedModule, workers);
  }

  return { createThreadPool, threadsAvailable: modules.available, PoolFuture };
}
