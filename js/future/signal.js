// AbortSignals given as `{ signal }`. Invariant: a listener on a signal never
// keeps what it cancels alive. An app's one long-lived shutdown signal is
// passed to many futures; a listener that held them would keep every
// abandoned one (and its values, in wasm memory too) until the signal
// aborts. So the listener reaches its target through a WeakRef, and leaves
// the signal when the target is done (the caller's detach) or collected.
import { reasonOf } from '../core/errors.js';

/** Validates an optional `{ signal }`; a signal whose properties throw is a TypeError too. */
export function checkSignal(signal, what) {
  if (signal === undefined) return;
  let ok = false;
  try {
    ok = signal !== null && typeof signal === 'object' && typeof signal.aborted === 'boolean' &&
      typeof signal.addEventListener === 'function';
  } catch {
    ok = false;
  }
  if (!ok) throw new TypeError(`${what}: options.signal must be an AbortSignal`);
}

/** The cancel message an abort gives: its reason's message or text; undefined if it has none or cannot give one. */
export function abortMessage(signal) {
  try {
    const reason = signal.reason;
    if (reason === undefined) return undefined;
    return reason instanceof Error ? String(reason.message) : String(reason);
  } catch {
    return undefined;
  }
}

// One listener per signal, whatever the number of targets: a signal given to
// thousands of futures would otherwise trip Node's MaxListenersExceededWarning
// and hold thousands of listeners until they are collected.
// signal -> { onAbort, targets: Set of WeakRefs }
const watched = new WeakMap();

function stopWatching(signal, watch) {
  watched.delete(signal);
  try {
    signal.removeEventListener('abort', watch.onAbort);
  } catch {
    // A signal that refuses to let go keeps one listener whose targets are gone: harmless.
  }
}

function leave({ signal, watch, ref }) {
  if (!watch.targets.delete(ref) || watch.targets.size > 0 || watched.get(signal) !== watch) return;
  stopWatching(signal, watch);
}

// A target collected before it was done leaves its signal then.
const targets = new FinalizationRegistry(leave);

/** The watch of `signal`, listening from now on; a TypeError if the signal refuses the listener. */
function watchOf(signal) {
  let watch = watched.get(signal);
  if (watch !== undefined) return watch;
  watch = {
    targets: new Set(),
    onAbort: () => {
      watched.delete(signal);
      const message = abortMessage(signal);
      for (const ref of [...watch.targets]) ref.deref()?.cancel(message);
    },
  };
  signal.addEventListener('abort', watch.onAbort, { once: true });
  watched.set(signal, watch);
  return watch;
}

/**
 * Calls target.cancel(message) when `signal` aborts, at once if it has.
 * Returns detach(), which stops listening (call it once the target is done).
 * A signal that refuses a listener cancels the target and is a TypeError.
 * @param {{ cancel(msg?: string): unknown }} target
 */
export function listenForAbort(target, signal, what) {
  let aborted = false;
  try {
    aborted = signal.aborted === true;
  } catch {
    aborted = false;
  }
  if (aborted) {
    target.cancel(abortMessage(signal));
    return () => {};
  }
  let watch;
  try {
    watch = watchOf(signal);
  } catch (error) {
    target.cancel();
    throw new TypeError(`${what}: options.signal.addEventListener threw: ${reasonOf(error)}`);
  }
  const entry = { signal, watch, ref: new WeakRef(target) };
  watch.targets.add(entry.ref);
  targets.register(target, entry, entry);
  return () => {
    if (targets.unregister(entry)) leave(entry);
  };
}

/**
 * cancelOnAbort(future, signal, what) for one module's futures: cancels
 * `future` when `signal` aborts, and stops listening once it is done, with
 * whenDone (keep-alive.js), which neither keeps the future alive nor pins it.
 */
export function makeCancelOnAbort(whenDone) {
  return (future, signal, what = 'AbortSignal') => {
    const detach = listenForAbort(future, signal, what);
    if (!future.done()) whenDone(future, detach);
  };
}
