// Types of wasm-future/threads: everything of wasm-future, and the pool.
export * from './index.cjs';
import type { CValue } from './index.cjs';
import { Future } from './index.cjs';

/**
 * A pool task's Future, with asyncio's wrap_future rule: cancelling it (by cancel(), C, a
 * combinator or a signal) cancels it; a task not started never runs, a running one runs on.
 */
export class PoolFuture<T = any> extends Future<T> {
  /** true while a worker runs the task and the Future is not done. */
  running(): boolean;
}

/** A task's argument as C gets it: a number as a double, a bigint (64-bit) as an integer. */
export type TaskArgument = number | bigint | boolean | string | Uint8Array | undefined;

export interface ThreadPool {
  /** false where there is no SharedArrayBuffer: tasks then run on the loop, one at a time. */
  readonly threaded: boolean;
  readonly workers: number;
  readonly closed: boolean;
  /** Runs C task `name`; its result is a {@link CValue} (a C integer is a bigint). */
  submit<T = any>(name: string, ...args: TaskArgument[]): PoolFuture<T>;
  /** The names of the tasks C registered ("mandelbrot", "noop", ...). */
  tasks(): string[];
  taskSignatures(): { name: string; signature: string }[];
  /** Stops taking tasks; cancelFutures cancels those not started; wait (default) resolves once all ended. */
  shutdown(options?: { wait?: boolean; cancelFutures?: boolean }): Promise<void>;
}

/**
 * A pool of C workers. mandelbrot(x0, y0, x1, y1, width, height, maxIterations)
 * resolves to width * height RGBA pixels; noop() to undefined.
 * threads: false asks for the pool without threads.
 */
export function createThreadPool(options?: { workers?: number; threads?: boolean }): Promise<ThreadPool>;
/** Whether this module runs its pool on threads (it was linked with -pthread, which needs SharedArrayBuffer to load). */
export function threadsAvailable(): boolean;
