// Weak callbacks and pinning. A future that only JS can complete (JS_ONLY:
// made by `new Future()` and never handed to C; or KNOWN, keep-alive.js)
// holds its callbacks' functions in its wrapper (one, or an array in the
// order they were added), reachable only through it, so that an abandoned
// `await` is collected with them. C holds weak callbacks (handle 0) in their
// place, and runs one by asking for the wrapper's next function (takeWeak).
//
// Unlisted then-callbacks: while a JS_ONLY future has only then-callbacks,
// C lists none of them, for only JS's own completion can run them, and it
// runs them itself (detached). The moment anything else may need them, C
// lists them (list), ahead of anything listed after: a done-callback (whose
// order among them C keeps), pinning (C may complete the future), becoming
// KNOWN (a combinator adds callbacks of its own). That spares an `await` of
// a pending future the call into C that listed its callback, and C the
// callback (BENCHMARKS.md, a2: `bench/run.mjs --only=a2`, 5 runs alternated
// with the code before, median 2.73x -> 2.41x a native Promise).
//
// Invariants:
// - C lists no callback of a JS_ONLY future that is neither LISTED nor KNOWN
//   (a derived future, keep-alive.js), and its weak callbacks are all
//   then-callbacks. C lists the weak callbacks of any other, in the
//   wrapper's order.
// - Whatever may complete a JS_ONLY future or give C its pointer pins it
//   first (pin): its weak callbacks are listed and get handles to their
//   functions, which then outlive the wrapper, and it is JS_ONLY no more.
//   Except JS's own completion of one that is not LISTED: it runs their
//   then-callbacks itself (detached).
// - A done future's weak callbacks are queued in C already and take their
//   functions from the wrapper as they run: bind leaves them.
// - Pinning allocates nothing in JS (setResult and cancel pin). It writes the
//   exchange area, so it comes before the caller's own use of it.
import { AT_FUTURE_STATE, VALUE_SIZEOF, WF_FUTURE_PENDING, WF_JS_THEN } from '../core/abi.js';
import { FLAGS, JS_ONLY, KNOWN, LISTED } from './flags.js';

/** A future's flags under this mask are JS_ONLY alone while C lists none of its callbacks. */
export const UNLISTED_MASK = JS_ONLY | KNOWN | LISTED;

const resolved = Promise.resolve();
/** C's answer to JS completing a future with then-callbacks JS holds unlisted: the loop is idle (binding/js.c, wf__js_settle). */
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
    // First: if they throw (out of memory), it is still JS_ONLY, its callbacks listed or not.
    list(future);
    bind(future, null);
    heap().u8[at] &= ~JS_ONLY;
  }

  /** How many then-callbacks of `future` JS holds unlisted: 0 if none, or if C lists its callbacks. */
  function unlisted(future) {
    const weak = weakOf(future);
    if (weak === null || (heap().u8[ptrOf(future) + FLAGS] & UNLISTED_MASK) !== JS_ONLY) return 0;
    return typeof weak === 'function' ? 1 : weak.length;
  }

  /** C lists the weak callbacks of JS_ONLY `future` from now on: first those it held unlisted, in order. */
  function list(future) {
    const at = ptrOf(future) + FLAGS;
    if ((heap().u8[at] & UNLISTED_MASK) !== JS_ONLY) return;
    const n = unlisted(future);
    if (n > 0) {
      const rc = C.futureListWeak(ptrOf(future), n);
      if (rc !== 0) throwCode(rc, 'Future');
    }
    heap().u8[at] |= LISTED;
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

  /** `future` holds `fn` for a weak callback, which C lists now or, a then-callback, later (list). */
  function add(future, fn) {
    const held = weakOf(future);
    if (held === null) setWeak(future, fn);
    else if (typeof held === 'function') setWeak(future, [held, fn]);
    else held.push(fn);
  }

  /**
   * `fn`, a callback of `kind` for `future`, of which C lists none yet: a
   * then-callback joins the others unlisted (true: C needs nothing); a
   * done-callback, whose order among them C keeps, has them listed first
   * (false: the caller lists it too).
   */
  function addUnlisted(future, fn, kind) {
    if (kind !== WF_JS_THEN) {
      list(future);
      return false;
    }
    add(future, fn);
    return true;
  }

  /**
   * JS just completed `future`, whose then-callbacks it held unlisted (C's
   * answer `where`, binding/js.c). On an idle loop (DETACHED_IDLE) they run
   * in a microtask of their own, which is where the loop would run them:
   * nothing was queued before them, and whatever is queued after them asks
   * for a drain that comes after this microtask. That spares an `await` of
   * a pending future pinning, the loop's drain and four crossings of the
   * wasm boundary (BENCHMARKS.md, a2: 4.46x -> 3.55x a native Promise, 687
   * -> 533 ns). On a busy loop they are queued now, behind what is queued
   * already, as C would have queued them (C reserved their handles: this
   * cannot fail).
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

  return { pin, bind, add, addUnlisted, unlisted, list, detached, takeWeak, has: (future) => weakOf(future) !== null };
}
