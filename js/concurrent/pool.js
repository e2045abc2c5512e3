// createThreadPool: the named C tasks of a module (wf_task_register) on a
// pool of threads, in a module linked with threads; or, in a module without
// threads, on the loop. It puts the concepts beside this file together, once
// per module:
//   options.js      createThreadPool's and shutdown's options
//   tasks.js        the task table: names, signatures, the lookup
//   arguments.js    a task's arguments laid out as wf_values
//   pool-future.js  PoolFuture: cancelling it cancels the task
//   lifecycle.js    what every pool shares: submit's checks, pending
//                   futures, shutdown
//   thread-pool.js  the pool on threads
//   loop-pool.js    the pool on the loop
// Invariant: a pool future is an ordinary Future of the same module, whichever
// pool made it.
import { poolOptions } from './options.js';
import { makeLoopPool } from './loop-pool.js';
import { makePoolFuture } from './pool-future.js';
import { makeThreadPool } from './thread-pool.js';

/**
 * The pools of one module: attach calls it once per module. futures: what
 * future.js gives the API; loops: loop.js's.
 */
export function makePool({ binding, futures, loops }) {
  const threadsHere = typeof binding.C.poolNew === 'function';
  const PoolFuture = makePoolFuture(futures.Future);
  const LoopPool = makeLoopPool({ binding, futures, loops, PoolFuture });
  const ThreadPool = makeThreadPool({ binding, futures, loops, PoolFuture });

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
    const { threads, workers } = poolOptions(options);
    return threads && threadsHere ? new ThreadPool(workers).started() : new LoopPool(workers);
  }

  return { createThreadPool, threadsAvailable, PoolFuture };
}
