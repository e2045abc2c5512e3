// Cancel messages. C keeps a cancelled future's message as a C string, which
// cannot carry every JS string as it is (a NUL ends it; UTF-8 has no lone
// surrogates): such a message is kept here, by pointer, with the text C holds
// for it.
//
// Invariant: a kept message is used only while C holds that same text, so a
// pointer freed and reused by another future never shows a stale message;
// the finalizer of the future's wrapper forgets it (lifetime.js).
import { CancelledError } from '../core/errors.js';

export function makeCancelMessages({ C, at, heap, cString }) {
  const kept = new Map();

  function cMessageAt(ptr) {
    C.futureCancelMessage(ptr);
    const msg = heap().u32[at.ioMessage >> 2];
    return msg ? cString(msg) : undefined;
  }

  /** The future at `ptr` was just cancelled with `text`. */
  function keep(ptr, text) {
    const held = cMessageAt(ptr);
    if (held !== text) kept.set(ptr, { held, text });
  }

  /** The cancel message of the cancelled future at `ptr` (undefined if it had none). */
  function messageAt(ptr) {
    const held = cMessageAt(ptr);
    const entry = kept.size === 0 ? undefined : kept.get(ptr);
    if (entry === undefined) return held;
    if (entry.held === held) return entry.text;
    kept.delete(ptr);
    return held;
  }

  return {
    keep,
    messageAt,
    /** The future at `ptr` is freed. */
    forget: (ptr) => kept.delete(ptr),
    /** The CancelledError of the cancelled future at `ptr`. */
    cancelledError: (ptr) => new CancelledError(messageAt(ptr)),
  };
}
