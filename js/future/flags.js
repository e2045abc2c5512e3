// The wrapper's flags, kept in the C future's `binding` byte (a field of the
// wrapper would cost 8 bytes a future). C leaves the byte to JS; a new wrapper
// of a C future clears what a collected one left (lifetime.js). Beside each
// flag, the module that sets it and says what it means.
import { AT_FUTURE_BINDING } from '../core/abi.js';

/** The byte's offset in a wf_future. */
export const FLAGS = AT_FUTURE_BINDING;

/** Entered in the wrappers map: C may hand the pointer back (lifetime.js). */
export const EXPOSED = 1;
/** Made by `new Future()` and never handed to C: only JS completes it (weak-callbacks.js). */
export const JS_ONLY = 2;
/** A continuation keeps the wrapper while then-callbacks wait (keep-alive.js). */
export const KEPT = 4;
/** Completed only by JS and its sources (keep-alive.js). */
export const KNOWN = 8;
/** Something waits on this KNOWN future: its scheduled sources are rooted (keep-alive.js). */
export const ROOTED = 16;
/** A source of a KNOWN future (keep-alive.js). */
export const DEPENDED = 32;
/** Done and handed off: it left its links (keep-alive.js). */
export const HANDED = 64;
/** A done-callback was added weakly: not every weak callback is a then-callback (weak-callbacks.js). */
export const WEAK_DONE = 128;
