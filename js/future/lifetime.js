// Lifetime: one wrapper per C future while it is alive, each owning one C
// reference, which is given back once the wrapper is collected.
//
// Invariants:
// - C hands a pointer back and JS sees the same wrapper: a wrapper is in
//   `wrappers` (EXPOSED) from the moment its pointer may come back (it was
//   given to C, or came from C), and only then: a WeakRef per future would
//   cost most of what a future costs.
// - A wrapper's reference is released once, after the wrapper is collected:
//   by a finalizer cell of its own, or by its group's.
//
// Finalizer groups. A FinalizationRegistry cell per wrapper costs more than
// a whole native Promise (~150 ns: a wrapper it watches survives minor GCs),
// so the wrappers of `new Future()` start in groups: each holds its group's
// token, whose finalizer releases the references of all of them, all dead by
// then. A group takes wrappers until it is full or the host's next macrotask.
// Beware: a group must never keep itself alive. Its token dies only when
// every member is unreachable; if releasing one member's C future were what
// frees a JS value that reaches another member, neither would ever go. So a
// wrapper is in a group only while its C future holds no lasting JS value:
// pending with weak callbacks only, or done with a plain value and its
// callbacks queued to run. Anything else (C gets its pointer, a JS value is
// stored) moves it to a cell of its own first (leaveGroup). The price of a
// group: a live member keeps the C memory of at most GROUP_SIZE - 1 dead ones,
// which is bounded by size too: a future whose C memory would hold more than
// GROUP_VALUE_BYTES of value (a string, bytes, a cancel message) leaves its
// group first, so a live sibling never keeps a dead one's 100 MB.
import { EXPOSED, FLAGS } from './flags.js';

const GROUP_SIZE = 16;
export const GROUP_VALUE_BYTES = 1024;

/**
 * The wrappers of one module's futures.
 * @param ptrOf, groupOf, setGroup the accessors of a wrapper's pointer and group
 * @param construct (ptr) => the wrapper of a C reference to ptr, new
 * @param forgetCancelMessage (ptr) => drops what cancel-messages.js keeps for a freed future
 */
export function makeLifetime({ C, heap, later }, ptrOf, groupOf, setGroup, construct, forgetCancelMessage) {
  const wrappers = new Map();
  const finalizer = new FinalizationRegistry((ptr) => release(ptr));
  // The members' pointers, GROUP_SIZE by group, at the group's number; 0
  // where none (left, or never filled). One array for every group: an array
  // of a group's own, its token's held value, survived every minor GC its
  // token survives (bench a2: 3.00x -> 2.71x a native Promise, a and d 5 %
  // faster; 1.3 bytes less a future).
  const members = [];
  const freeNumbers = [];
  const groups = new FinalizationRegistry((number) => {
    for (let at = number * GROUP_SIZE, end = at + GROUP_SIZE; at < end; at++) {
      const ptr = members[at];
      if (ptr === 0) continue;
      members[at] = 0;
      release(ptr);
    }
    freeNumbers.push(number);
  });
  let filling = null, filled = 0;
  let closeQueued = false;

  function release(ptr) {
    if (wrappers.get(ptr)?.deref() === undefined) {
      wrappers.delete(ptr);
      forgetCancelMessage(ptr);
    }
    C.futureRelease(ptr);
  }

  function closeGroup() {
    closeQueued = false;
    filling = null;
  }

  /** The token a new Future's wrapper holds: its reference to `ptr` is released once the token is collected. */
  function groupFor(ptr) {
    if (filling === null || filled === GROUP_SIZE) {
      let number = freeNumbers.pop();
      if (number === undefined) {
        number = members.length / GROUP_SIZE;
        for (let i = 0; i < GROUP_SIZE; i++) members.push(0);
      }
      filling = { number };
      filled = 0;
      groups.register(filling, number);
      if (!closeQueued) {
        closeQueued = true;
        later(closeGroup);
      }
    }
    members[filling.number * GROUP_SIZE + filled++] = ptr;
    return filling;
  }

  /** From now on `future`'s reference is released by a finalizer cell of its own. */
  function leaveGroup(future) {
    const group = groupOf(future);
    if (group === null) return;
    setGroup(future, null);
    const ptr = ptrOf(future);
    let at = group.number * GROUP_SIZE;
    while (members[at] !== ptr) at++;
    members[at] = 0;
    finalizer.register(future, ptr);
  }

  /** Enters `future` in the map, for when C hands its pointer back. */
  function expose(future) {
    const ptr = ptrOf(future), mem = heap().u8;
    if ((mem[ptr + FLAGS] & EXPOSED) !== 0) return;
    wrappers.set(ptr, new WeakRef(future));
    mem[ptr + FLAGS] |= EXPOSED;
  }

  /** `future`, just made for a C reference to `ptr`, owns that reference. */
  function adopted(future, ptr) {
    finalizer.register(future, ptr);
    // The flags a collected wrapper left describe none of this one.
    heap().u8[ptr + FLAGS] = 0;
    expose(future);
  }

  /** The wrapper of the future at `ptr`, or undefined if it has none now. */
  function find(ptr) {
    return wrappers.get(ptr)?.deref();
  }

  /** The wrapper of a C future; a new one takes a reference. */
  function wrapperOf(ptr) {
    const existing = find(ptr);
    if (existing) return existing;
    C.futureRetain(ptr);
    return construct(ptr);
  }

  /** The wrapper of a C future, which takes over the caller's reference. */
  function adopt(ptr) {
    const existing = find(ptr);
    if (existing) {
      C.futureRelease(ptr);
      return existing;
    }
    return construct(ptr);
  }

  return { groupFor, leaveGroup, expose, adopted, find, wrapperOf, adopt };
}
