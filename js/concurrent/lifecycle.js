// What every pool shares, whatever runs its tasks: the task table, the checks
// of a submit, the futures of tasks not yet done, and shutdown. A subclass
// runs the tasks (submit) and ends its threads (stop).
// Invariants:
// - Once shutdown() was called the pool is closed, for good: every submit
//   after it throws InvalidStateError, before anything is queued.
// - A submitted task's future is pending here from submit until it is done;
//   stop(idle) runs once, and idle resolves once none is pending.
// - Every shutdown() after the first returns the first one's promise (or, with
//   wait: false, one resolved at once); cancelFutures cancels what is pending
//   at each call.
import { InvalidStateError } from '../core/errors.js';
import { argumentTypes } from './arguments.js';
import { shutdownOptions } from './options.js';

/** A pool's lifecycle: the base class of the pool on threads and of the one on the loop. */
export class BasePool {
  #table;
  #addContinuation;
  #closed = false;
  #pending = new Set();
  #idle = [];
  #ended = null;

  /**
   * @internal table: tasks.js's, read when the pool is made; addContinuation:
   * the futures' (future.js), which runs a function once a future is done
   */
  constructor(table, addContinuation) {
    this.#table = table;
    this.#addContinuation = addContinuation;
  }

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

  /** @internal `future` is pending until done; then onDone runs */
  track(future, onDone) {
    this.#pending.add(future);
    this.#addContinuation(future, () => {
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
    const { wait, cancelFutures } = shutdownOptions(options);
    if (cancelFutures) for (const future of this.#pending) future.cancel('the pool shut down');
    if (this.#ended === null) {
      this.#closed = true;
      const idle = this.#pending.size === 0 ? Promise.resolve() : new Promise((resolve) => this.#idle.push(resolve));
      this.#ended = this.stop(idle);
    }
    return wait ? this.#ended : Promise.resolve();
  }
}
