// Weak callbacks and pinning. A future that only JS can complete (JS_ONLY:
// made by `new Future()` and never handed to C; or KNOWN, keep-alive.js)
// holds its callbacks' functions in its wrapper (one, or an array in the
// order they were added), reachable only through it, so that an abandoned
// `await` is collected with them. C holds weak callbacks (handle 0) in their
// place, and runs one by asking for the wrapper's next function (takeWeak).
//
// Invariants:
// - Whatever may complete a JS_ONLY future or give C its pointer pins it
//   first (pin): its weak callbacks get handles to their functions, which
//   then outlive the wrapper, and it is JS_ONLY no more. Except JS's own
//   completion of a JS_ONLY future whose weak callbacks are all
//   then-callbacks (detachable): C drops them instead of queueing them, and
//   JS runs them (detached).
// - A done future's weak callbacks are queued in C already and take their
//   functions from the wrapper as they run: bind leaves them.
// - Pinning allocates nothing (setResult and cancel pin). It writes the
//   exchange area, so it comes before the caller's own use of it.
import { AT_FUTURE_STATE, VALUE_SIZEOF, WF_FUTURE_PENDING, WF_JS_DONE, WF_JS_THEN } from '../core/abi.js';
import { FLAGS, JS_ONLY, WEAK_DONE } from './flags.js';

const resolved = Promise.resolve();
/** What C answers when it dropped the callbacks of a future JS completed (binding/js.c, wf__js_settle). */
const DETACHED_IDLE = 1;

/**
 * The weak callbacks of one module's futures.
 * @param ptrOf, weakOf, setWeak the accessors of a wrapper's pointer and weak functions
 * @param find (ptr) => the wrapper of the future at ptr, if it has one (lifetime.js)
 */
export function makeWeakCallbacks({ C, heap, hold, take, own, exchange, throwCode, continueAt, run }, ptrOf, weakOf, setWeak, find) {
  /** From now on C may hold or complete `future`: its callbacks must outlive its wrapper. */
  function pin(future) {
    const at = ptrOf(future) + FLAGS;
    if ((heap().u8[at] & JS_ONLY) === 0) return;
    // First: if it throws (out of memory), nothing has changed.
    bind(future, null);
    heap().u8[at] &= ~JS_ONLY;
  }

  /**
   * Gives the weak callbacks whose function is `fn` (all of them if it is
   * null) handles to their functions, in one C call over the future's
   * callbacks; the others stay weak. (Only a done-callback can be a given
   * `fn`: a then-callback's function is made by then.)
   */
  function bind(future, fn) {
    const weak = weakOf(future);
    if (weak === null) return;
    const ptr = ptrOf(future);
    if (heap().u8[ptr + AT_FUTURE_STATE] !== WF_FUTURE_PENDING) return;
    const single = typeof weak === 'function';
    if (fn !== null && (single ? weak !== fn : !weak.includes(fn))) return;
    const n = single ? 1 : weak.length;
    let rc;
    exchange.begin();
    try {
      // An await's one callback goes in the value slot: a call to reserve would cost more than the rest.
      const at = n * 4 <= VALUE_SIZEOF ? exchange.slot() : exchange.reserve(n * 4), first = at >> 2;
      let handles = heap().u32;
      for (let i = 0; i < n; i++) {
        const each = single ? weak : weak[i];
        handles[first + i] = fn === null || each === fn ? hold(each) : 0;
      }
      rc = C.futureBindWeak(ptr, at, n);
      // On failure C changed nothing; on success it left the handles of done-callbacks, which get their Future.
      handles = heap().u32;
      for (let i = first; i < first + n; i++) {
        if (handles[i] === 0) continue;
        if (rc === 0) own(handles[i], future);
        else take(handles[i]);
      }
    } finally {
      exchange.end();
    }
    if (rc !== 0) throwCode(rc, 'Future');
    if (fn === null || single) {
      setWeak(future, null);
    } else {
      const kept = weak.filter((each) => each !== fn);
      setWeak(future, kept.length > 1 ? kept : kept[0] ?? null);
    }
  }

  /** `future` holds `fn` for a weak callback of kind WF_JS_THEN or WF_JS_DONE that C now has. */
  function add(future, fn, kind) {
    const held = weakOf(future);
    if (held === null) setWeak(future, fn);
    else if (typeof held === 'function') setWeak(future, [held, fn]);
    else held.push(fn);
    if (kind === WF_JS_DONE) heap().u8[ptrOf(future) + FLAGS] |= WEAK_DONE;
  }

  /**
   * Whether C may drop, rather than queue, the callbacks of `future` as JS
   * completes it: it is JS_ONLY, so its callbacks are exactly its weak
   * ones, and those are all then-callbacks (no done-callback ever came).
   * Then it needs no pinning.
   */
  function detachable(future) {
    return weakOf(future) !== null && (heap().u8[ptrOf(future) + FLAGS] & (JS_ONLY | WEAK_DONE)) === JS_ONLY;
  }

  /**
   * C dropped the callbacks of `future`, which JS just completed (C's
   * answer `where`). On an idle loop (DETACHED_IDLE) they run in a microtask
   * of their own, which is where the loop would run them: nothing was
   * queued before them, and whatever is queued after them asks for a drain
   * that comes after this microtask. That spares an `await` of a pending
   * future pinning, the loop's drain and four crossings of the wasm
   * boundary (BENCHMARKS.md, a2: 4.46x -> 3.55x a native Promise, 687 ->
   * 533 ns). On a busy loop they are queued now,
   * behind what is queued already, as C would have queued them (C reserved
   * their handles: this cannot fail).
   */
  function detached(future, where) {
    const fns = weakOf(future);
    setWeak(future, null);
    if (where === DETACHED_IDLE) {
      // The microtask holds the wrapper, and so the C future its callbacks read.
      resolved.then(() => {
        const ptr = ptrOf(future);
        if (typeof fns === 'function') run(WF_JS_THEN, fns, ptr, future);
        else for (const fn of fns) run(WF_JS_THEN, fn, ptr, future);
      });
    } else if (typeof fns === 'function') {
      continueAt(ptrOf(future), fns);
    } else {
      for (const fn of fns) continueAt(ptrOf(future), fn);
    }
  }

  /** The next weak function of the wrapper of the future at `ptr`, which C runs now: [fn, wrapper], or null. */
  function takeWeak(ptr) {
    const future = find(ptr);
    if (future === undefined) return null;
    const weak = weakOf(future);
    if (weak === null) return null;
    if (typeof weak === 'function') {
      setWeak(future, null);
      return [weak, future];
    }
    const fn = weak.shift();
    if (weak.length === 1) setWeak(future, weak[0]);
    return [fn, future];
  }

  return { pin, bind, add, detachable, detached, takeWeak, has: (future) => weakOf(future) !== null };
}
