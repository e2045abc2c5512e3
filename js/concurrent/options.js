// The options of createThreadPool and of a pool's shutdown, read once each
// (readOption: a getter that throws is a TypeError naming the option).
// Invariant: what these return is checked; a wrong option throws before the
// pool starts or changes state.
import { describe, readOption } from '../core/errors.js';

/**
 * At most this many threads in one pool: each is a Web Worker (a worker_thread
 * in Node) with a JavaScript engine of its own and a wasm stack, and browsers
 * refuse workers well before wasm memory runs out.
 */
const MAX_WORKERS = 64;

function checkObject(options, what) {
  if (options !== undefined && (options === null || typeof options !== 'object'))
    throw new TypeError(`${what}(options): options must be an object, got ${describe(options)}`);
}

function checkBoolean(value, key, what) {
  if (typeof value !== 'boolean') throw new TypeError(`${what}: options.${key} must be a boolean, got ${describe(value)}`);
  return value;
}

/**
 * createThreadPool's options: whether to run on threads where there are any,
 * and how many workers (as many as the machine has cores, by default).
 * @param {{ workers?: number, threads?: boolean } | undefined} options
 * @returns {{ threads: boolean, workers: number }}
 */
export function poolOptions(options) {
  checkObject(options, 'createThreadPool');
  const threads = readOption(options, 'threads', 'createThreadPool') ?? true;
  checkBoolean(threads, 'threads', 'createThreadPool');
  const workers = readOption(options, 'workers', 'createThreadPool') ?? Math.min(globalThis.navigator?.hardwareConcurrency || 2, MAX_WORKERS);
  if (!Number.isInteger(workers) || workers < 1)
    throw new TypeError(`createThreadPool: options.workers must be a positive integer, got ${describe(workers)}`);
  if (workers > MAX_WORKERS)
    throw new RangeError(`createThreadPool: options.workers is ${workers}; a pool runs at most ${MAX_WORKERS} threads`);
  return { threads, workers };
}

/**
 * shutdown's options: whether its promise waits for the tasks and threads to
 * end, and whether the tasks not started are cancelled.
 * @param {{ wait?: boolean, cancelFutures?: boolean } | undefined} options
 * @returns {{ wait: boolean, cancelFutures: boolean }}
 */
export function shutdownOptions(options) {
  checkObject(options, 'shutdown');
  const wait = readOption(options, 'wait', 'shutdown') ?? true;
  const cancelFutures = readOption(options, 'cancelFutures', 'shutdown') ?? false;
  return { wait: checkBoolean(wait, 'wait', 'shutdown'), cancelFutures: checkBoolean(cancelFutures, 'cancelFutures', 'shutdown') };
}
