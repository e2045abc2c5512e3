// The task table of a module: the C tasks it registered (wf_task_register),
// by index, with their signatures.
// Invariant: read once, when a pool is made; C may register tasks until then
// (main(), or later calls of its own), and a pool sees no later ones.
import { describe } from '../core/errors.js';

/**
 * The task table of the module behind `binding`: names, signatures, and the
 * lookup of a name, with its error.
 * @param {{ C: object, cString: (ptr: number) => string }} binding
 */
export function taskTable({ C, cString }) {
  const tasks = Array.from({ length: C.taskCount() }, (_, i) => ({
    name: cString(C.taskName(i)),
    signature: cString(C.taskSignature(i)),
  }));
  return {
    tasks,
    /** The index of task `name`; a TypeError lists the tasks there are. */
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
