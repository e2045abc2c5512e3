// Types of the public API of wasm-future, as CommonJS declarations (for
// `require`; index.d.ts re-exports them for `import`). Kept in step with js/*.js.

export type FutureState = 'PENDING' | 'CANCELLED' | 'FINISHED';

export interface FutureOptions {
  /** The loop (default: getLoop()). */
  loop?: Loop;
  /** Cancels the future when it aborts; the abort reason's message is the cancel message. */
  signal?: AbortSignal;
}

/** A future with asyncio's semantics, thenable and awaitable; its state lives in C. */
export class Future<T = any> implements PromiseLike<T> {
  constructor(options?: FutureOptions);
  readonly state: FutureState;
  done(): boolean;
  cancelled(): boolean;
  /** The result; throws the exception, CancelledError, or InvalidStateError while pending. */
  result(): T;
  /** The exception, or null after a result; throws CancelledError, or InvalidStateError while pending. */
  exception(): unknown;
  /** InvalidStateError if done. A thenable is stored as it is. */
  setResult(value: T): void;
  /** InvalidStateError if done. An Error class is instantiated. */
  setException(reason: unknown): void;
  /** False if done; otherwise cancels and schedules the callbacks. */
  cancel(msg?: string): boolean;
  /** fn(future) is called through the loop once done, never synchronously. */
  addDoneCallback(fn: (future: this) => void): void;
  /** Removes every copy of fn; returns how many. */
  removeDoneCallback(fn: (future: this) => void): number;
  getLoop(): Loop;
  /** Promises/A+; a native Promise, as of any chain. A cancelled future rejects with CancelledError. */
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: any) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2>;
  catch<R = never>(onRejected?: ((reason: any) => R | PromiseLike<R>) | null): Promise<T | R>;
  finally(onFinally?: (() => void) | null): Promise<T>;
  toPromise(): Promise<T>;
  toString(): string;
}

export class CancelledError extends Error {
  constructor(message?: string);
}
export class InvalidStateError extends Error {
  constructor(message?: string);
}
export class TimeoutError extends Error {
  constructor(message?: string);
}

/** An Error from C: `code` is the code C set it with. */
export interface CError extends Error {
  code: number;
}

export class Handle {
  protected constructor();
  cancel(): void;
  cancelled(): boolean;
}

export class TimerHandle extends Handle {
  /** The loop time it is due at, in ms. */
  when(): number;
}

export interface ExceptionContext {
  message: string;
  exception?: unknown;
  future?: Future;
  [key: string]: unknown;
}

export type ExceptionHandler = (loop: Loop, context: ExceptionContext) => void;

export class Loop {
  private constructor();
  callSoon<A extends unknown[]>(fn: (...args: A) => void, ...args: A): Handle;
  callLater<A extends unknown[]>(delay: number, fn: (...args: A) => void, ...args: A): TimerHandle;
  callAt<A extends unknown[]>(when: number, fn: (...args: A) => void, ...args: A): TimerHandle;
  /** The loop's clock in ms (performance.now()). */
  time(): number;
  /** How many drains of the ready queue have run; callbacks seeing the same number ran in one microtask. */
  drainCount(): number;
  createFuture<T = any>(): Future<T>;
  /** After `count` callbacks or `ms` of back-to-back drains, the rest runs in a macrotask. */
  setBudget(budget: { count: number; ms: number }): void;
  getBudget(): { count: number; ms: number };
  setExceptionHandler(handler: ExceptionHandler | null): void;
  getExceptionHandler(): ExceptionHandler | null;
  callExceptionHandler(context: ExceptionContext): void;
  defaultExceptionHandler(context: ExceptionContext): void;
}

export function getLoop(): Loop;
/** True for futures of this package, whichever copy of the module made them. */
export function isFuture(x: unknown): x is Future;
export function ensureFuture<T>(x: Future<T> | PromiseLike<T>): Future<T>;
export function wrapPromise<T>(
  source: PromiseLike<T> | ((signal: AbortSignal) => T | PromiseLike<T>),
  options?: { signal?: AbortSignal },
): Future<T>;

export const FIRST_COMPLETED: 'FIRST_COMPLETED';
export const FIRST_EXCEPTION: 'FIRST_EXCEPTION';
export const ALL_COMPLETED: 'ALL_COMPLETED';
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

/** A Future or any thenable; thenables are wrapped with ensureFuture. */
export type Awaitable<T> = Future<T> | PromiseLike<T>;

export interface SignalOption {
  /** Cancels the returned Future when it aborts. */
  signal?: AbortSignal;
}

/** The results in input order; cancelling it cancels the children. */
export function gather<T = any>(
  aws: Iterable<Awaitable<T>>,
  options?: SignalOption & { returnExceptions?: boolean },
): Future<T[]>;
/** `{ done, pending }` once returnWhen holds or the timeout (ms) passes; cancels nothing. */
export function wait<T = any>(
  aws: Iterable<Awaitable<T>>,
  options?: SignalOption & { timeout?: number | null; returnWhen?: ReturnWhen },
): Future<{ done: Set<Future<T>>; pending: Set<Future<T>> }>;
/**
 * Each input future as it completes; past the timeout the iteration throws
 * TimeoutError. TypeScript types the variable of `for await` as the awaited value (T); at
 * run time it is the Future itself, as next() gives.
 */
export function asCompleted<T = any>(
  aws: Iterable<Awaitable<T>>,
  options?: SignalOption & { timeout?: number | null },
): AsyncIterableIterator<Future<T>>;
/** The result of aw; past `ms` cancels it and rejects with TimeoutError. null: no timeout. */
export function waitFor<T>(aw: Awaitable<T>, ms: number | null, options?: SignalOption): Future<T>;
/** A Future that can be cancelled without cancelling aw. */
export function shield<T>(aw: Awaitable<T>, options?: SignalOption): Future<T>;
/** Resolves to value after ms; cancelling it clears its timer. */
export function sleep<T = undefined>(ms: number, value?: T, options?: SignalOption): Future<T>;

/**
 * What a C value (wf_value) is in JS. The type follows the C type, never the
 * value: WF_VALUE_INT is always a bigint (even 0n), WF_VALUE_DOUBLE a number;
 * strings, bytes (Uint8Array), errors (Error with `code`), arrays and futures
 * as themselves. A JS value C holds comes back as it was.
 */
export type CValue = undefined | boolean | bigint | number | string | Uint8Array | Error | CValue[] | Future<CValue>;

/** For C code compiled into the same module. */
export const native: {
  /** The Emscripten module: exported C functions as `_name`, HEAP views. */
  readonly module: any;
  /** A Future for a wf_future* whose reference the caller hands over. */
  adopt<T = any>(ptr: number): Future<T>;
  /** A Future for a wf_future* the caller keeps its reference to. */
  wrap<T = any>(ptr: number): Future<T>;
  /** The wf_future* of a Future, borrowed. */
  pointer(future: Future): number;
  /** Calls an exported C function by name, passing Futures as pointers. */
  call(name: string, ...args: Array<number | bigint | Future>): any;
  heapInUse(): number;
  heldValues(): number;
  errorName(code: number): string;
};
