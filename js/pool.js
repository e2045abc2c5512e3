// createThreadPool: named C tasks (c/src/tasks.c) on a pool of threads
// (c/src/executor.c in the threaded build), or, where there is no
// SharedArrayBuffer, on the loop of the single-threaded build.
import { C, L, M, viewsOf } from './runtime.js';
import { InvalidStateError } from './errors.js';
import { Future, describe, rejectRaw } from './future.js';
import { getLoop } from './loop.js';
import { checkValues, readScalar, readValue, writeValues } from './values.js';

const RESULT = 0, EXCEPTION = 1;
const CFUTURE_RUNNING = 1;
const isNode = typeof process === 'object' && typeof process.versions?.node === 'string';

/** A pool task's Future: cancel() also keeps the task from running, and is false once it runs. */
export class PoolFuture extends Future {
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
}

/** Settles `future` from a done wf_cfuture, read with `read`. */
function settle(future, outcome, read) {
  if (future.done()) return;
  if (outcome === RESULT) future.setResult(read());
  else if (outcome === EXCEPTION) rejectRaw(future, read());
  else Future.prototype.cancel.call(future, 'the pool cancelled the task');
}

function readCStringFrom(module, ptr) {
  let text = '';
  for (let i = ptr; module.HEAPU8[i] !== 0; i++) text += String.fromCharCode(module.HEAPU8[i]);
  return text;
}

/** The task table of a module: names, signatures, and the lookup with its error. */
function taskTable(module) {
  const tasks = Array.from({ length: module._wf_task_count() }, (_, i) => ({
    name: readCStringFrom(module, module._wf__task_name(i)),
    signature: readCStringFrom(module, module._wf__task_signature(i)),
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

/** ref() or unref() every Worker of the module (Node's; browsers have no such thing). */
function nodeWorkers(module, how) {
  for (const worker of [...module.PThread.unusedWorkers, ...module.PThread.runningWorkers]) worker[how]?.();
}

/** The pool on threads. */
class ThreadPool extends BasePool {
  #module;
  #executor;
  #futures = new Map();
  #pools;

  constructor(module, workers) {
    super(taskTable(module));
    this.#module = module;
    module.wfOpenPools = (module.wfOpenPools ?? 0) + 1;
    nodeWorkers(module, 'ref');
    this.#executor = module._wf__pool_new(workers);
    if (!this.#executor) {
      if (--module.wfOpenPools === 0) nodeWorkers(module, 'unref');
      throw new RangeError('createThreadPool: could not start the threads');
    }
    this.workers = workers;
    this.threaded = true;
    // C announces each done future from the main thread; settle it in a
    // microtask, so that a cancel() under way finishes first.
    module.wfPools ??= new Map();
    module.wfTaskDone ??= (cf) => queueMicrotask(() => module.wfPools.get(cf)?.settle(cf));
    this.#pools = module.wfPools;
  }

  /** @internal */
  settle(cf) {
    const module = this.#module;
    const future = this.#futures.get(cf);
    this.#futures.delete(cf);
    this.#pools.delete(cf);
    settle(future, module._wf__task_outcome(cf), () => readScalar(module.wfViews, module.wfLayout, module._wf__task_value(cf)));
    module._wf_cfuture_release(cf);
  }

  /** Runs C task `name` on a worker thread; numbers, strings and Uint8Arrays in and out. */
  submit(name, ...args) {
    const index = this.begin(name);
    const module = this.#module;
    const block = writeValues(module, module.wfLayout, args, 'submit');
    const cf = module._wf__pool_submit(this.#executor, index, block, args.length);
    module._free(block);
    if (!cf) throw new RangeError('submit: wasm memory is exhausted');
    const future = new PoolFuture(() => module._wf__pool_cancel(cf) === 1,
      () => module._wf_cfuture_state_of(cf) === CFUTURE_RUNNING);
    this.#futures.set(cf, future);
    this.#pools.set(cf, this);
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
      if (--module.wfOpenPools === 0) nodeWorkers(module, 'unref');
    });
    return wait ? ended : Promise.resolve();
  }
}

/** The pool without threads: each task runs on the loop, one per callback. */
class LoopPool extends BasePool {
  constructor(workers) {
    super(taskTable(M));
    this.workers = workers;
    this.threaded = false;
  }

  submit(name, ...args) {
    const index = this.begin(name);
    checkValues(args, 'submit');
    let started = false;
    // The loop runs a task from start to end in one callback: never seen running.
    const future = new PoolFuture(() => !started, () => false);
    this.track(future);
    getLoop().callSoon(() => {
      if (future.done()) return;
      started = true;
      const block = writeValues(M, L, args, 'submit');
      const cf = C.wf__task_run_here(index, block, args.length);
      C.free(block);
      if (!cf) {
        rejectRaw(future, new RangeError('submit: wasm memory is exhausted'));
        return;
      }
      settle(future, C.wf__task_outcome(cf), () => readValue(C.wf__task_value(cf)));
      C.wf_cfuture_release(cf);
    });
    return future;
  }

  shutdown({ wait = true, cancelFutures = false } = {}) {
    const ended = this.close(cancelFutures);
    return wait ? ended : Promise.resolve();
  }
}

let threadedModule = null;

async function loadThreaded() {
  if (isNode) {
    const [{ createRequire }, { readFileSync }] = await Promise.all([import('node:module'), import('node:fs')]);
    const factory = createRequire(import.meta.url)('../dist/wasm-future-threads.js');
    return factory({ wasmBinary: readFileSync(new URL('../dist/wasm-future-threads.wasm', import.meta.url)) });
  }
  const { default: factory } = await import('../dist/wasm-future-threads.mjs');
  return factory({
    locateFile: (file) => new URL(`../dist/${file}`, import.meta.url).href,
    mainScriptUrlOrBlob: new URL('../dist/wasm-future-threads.js', import.meta.url).href,
  });
}

async function threadedRuntime() {
  threadedModule ??= loadThreaded().then((module) => {
    const table = module.HEAPU32;
    const at = module._wf__task_layout() >> 2;
    module.wfViews = viewsOf(module);
    module.wfLayout = {
      valueSizeof: table[at], valueType: table[at + 1], valueSize: table[at + 2],
      valueAs: table[at + 3], valueErrorMessage: table[at + 4],
    };
    return module;
  });
  return threadedModule;
}

/** Whether this host can run the threaded build. */
export function threadsAvailable() {
  return typeof SharedArrayBuffer === 'function' && (isNode || globalThis.crossOriginIsolated === true);
}

function defaultWorkers() {
  return globalThis.navigator?.hardwareConcurrency || 2;
}

/**
 * A pool of C workers for the named tasks. `threaded` says whether it runs on
 * threads (false where there is no SharedArrayBuffer: the page is not
 * cross-origin isolated; then tasks run on the loop, one at a time).
 * @param {{ workers?: number }} [options]
 */
export async function createThreadPool(options = undefined) {
  // options.threads === false asks for the pool without threads even where threads work.
  if (options !== undefined && (options === null || typeof options !== 'object'))
    throw new TypeError('createThreadPool: options must be an object');
  const workers = options?.workers ?? defaultWorkers();
  if (!Number.isInteger(workers) || workers < 1 || workers > 256)
    throw new TypeError(`createThreadPool: workers must be an integer from 1 to 256, got ${describe(workers)}`);
  if (options?.threads === false || !threadsAvailable()) return new LoopPool(workers);
  return new ThreadPool(await threadedRuntime(), workers);
}
