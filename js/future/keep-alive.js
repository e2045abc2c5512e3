// Keep-alive: what keeps a wrapper (and the C reference it owns) alive while
// something waits on its future, and nothing longer; and so how a callback
// is added: a then-callback (an internal continuation called with the
// pointer: then, await, the combinators') or a user's done-callback (called
// with the Future). C holds each through a handle to its function; or, while
// only JS can complete the future and it is pending, C holds a weak callback
// and the wrapper the function (weak-callbacks.js).
//
// A future C may complete (a timer, C code, a thread, a combinator over
// such futures): while then-callbacks wait on it, a continuation C holds
// reaches the wrapper until the future is done (KEPT, keepWhilePending). A
// done-callback holds its wrapper itself (rt.own).
//
// Futures whose completers JS knows (KNOWN): a combinator's future (gather,
// wait, waitFor and asCompleted without a timeout, shield), sleep(Infinity),
// and a `new Future()` given to a combinator. Nothing completes one but JS
// holding its wrapper or one of its sources. Such a future holds its
// callbacks weakly, as a JS_ONLY one does (weak-callbacks.js), and is kept
// alive by what can complete it, never by C: each source's wrapper reaches
// it (`dependents`, an ephemeron: a source nobody holds keeps nothing), it
// reaches its sources (`sources`: a cancel goes to them), and a source whose
// completion is scheduled (a timer, a thread, C's own code) is rooted while
// pending once something waits (ROOTED, keepSources). So an await that can
// never settle is collected with everything it reached, as a Promise's would
// be.
//
// Invariants:
// - From a future's completion until its queued callbacks ran, the wrappers
//   its weak callbacks and its dependents' need are held strongly
//   (`settling`), released by a callSoon barrier queued after those callbacks
//   (handOff). So every completion by JS ends in completed() (future.js's
//   settle and cancel); one by C reaches a KNOWN future through its sources'
//   hand-off.
// - C completes a KNOWN future without JS; its weak callbacks then find
//   their functions through the wrappers map and nowhere else, so a KNOWN
//   future is EXPOSED by the time it has a weak callback (addCallback,
//   inputPointerOf, completedBy).
// - A done-callback's handle records the wrapper it was added on (rt.own).
// - A done future completes nothing more: it leaves the links between it and
//   its sources and dependents (HANDED), which must not outlive it (a done
//   future's value may reach one of its sources, and an ephemeron through the
//   source would keep the future, and with it the value, for ever).
import { AT_FUTURE_STATE, WF_FUTURE_PENDING, WF_JS_DONE, WF_JS_THEN } from '../core/abi.js';
import { DEPENDED, FLAGS, HANDED, JS_ONLY, KEPT, KNOWN, ROOTED } from './flags.js';

/**
 * The keep-alive and callbacks of one module's futures.
 * @param ptrOf the accessor of a wrapper's pointer
 * @param expose, leaveGroup lifetime.js's
 * @param weak weak-callbacks.js's
 * @param loopOf (ptr) => the Loop of a C loop
 */
export function makeKeepAlive({ C, heap, hold, take, own, throwCode, continueAt }, ptrOf, expose, leaveGroup, weak, loopOf) {
  const { bind: bindWeak, add: addWeak, has: hasWeak } = weak;
  const dependents = new WeakMap();
  const sources = new WeakMap();
  const settling = new Map(); // wrapper -> how many barriers hold it

  /**
   * Adds fn as a then-callback (kind WF_JS_THEN) or as a done-callback of
   * `future` (WF_JS_DONE), weakly while only JS can complete it.
   * `waits`: false for a continuation that must not root what completes the future.
   */
  function addCallback(future, fn, kind, waits = true) {
    const ptr = ptrOf(future);
    const mem = heap().u8;
    const flags = mem[ptr + FLAGS];
    const weakly = (flags & (JS_ONLY | KNOWN)) !== 0 && mem[ptr + AT_FUTURE_STATE] === WF_FUTURE_PENDING;
    if (!weakly && kind === WF_JS_THEN) keepWhilePending(future);
    if (weakly && (flags & KNOWN) !== 0) {
      // C may complete it: its weak callbacks will look for this wrapper by pointer.
      expose(future);
      if (waits) keepSources(future);
    }
    const slot = weakly ? 0 : hold(fn);
    if (!weakly && kind === WF_JS_DONE) own(slot, future);
    const rc = C.futureAddCallback(ptr, slot, kind);
    if (rc !== 0) {
      if (!weakly) take(slot);
      throwCode(rc, kind === WF_JS_THEN ? 'then' : 'addDoneCallback');
    }
    if (weakly) addWeak(future, fn, kind);
  }

  /**
   * fn(ptr) through the loop once `future` is done. Unlike then, it neither
   * pins the future nor keeps it alive: a future only JS can complete holds
   * fn weakly, as it holds an await's callback. fn must not reach the future.
   */
  function whenDone(future, fn) {
    const ptr = ptrOf(future), mem = heap().u8;
    if ((mem[ptr + FLAGS] & (JS_ONLY | KNOWN)) !== 0 && mem[ptr + AT_FUTURE_STATE] === WF_FUTURE_PENDING)
      addCallback(future, fn, WF_JS_THEN, false);
    else continueAt(ptr, fn);
  }

  /**
   * While then-callbacks wait on a future C may complete, its wrapper, and
   * with it the C reference that keeps the future alive, must outlive JS's
   * own references: a continuation holds it until the future is done.
   */
  function keepWhilePending(future) {
    const mem = heap().u8, ptr = ptrOf(future);
    if ((mem[ptr + FLAGS] & KEPT) !== 0 || mem[ptr + AT_FUTURE_STATE] !== WF_FUTURE_PENDING) return;
    mem[ptr + FLAGS] |= KEPT;
    // The continuation must reach `future`: that is what keeps it.
    continueAt(ptr, () => {
      heap().u8[ptrOf(future) + FLAGS] &= ~KEPT;
      handOff(future);
    });
  }

  /** A KNOWN future someone waits on: its sources whose completion is scheduled are rooted until done. */
  function keepSources(future) {
    const mem = heap().u8;
    if ((mem[ptrOf(future) + FLAGS] & ROOTED) !== 0) return;
    mem[ptrOf(future) + FLAGS] |= ROOTED;
    for (const source of sources.get(future) ?? []) {
      const flags = mem[ptrOf(source) + FLAGS];
      if ((flags & KNOWN) !== 0) keepSources(source);
      else if ((flags & JS_ONLY) === 0) keepWhilePending(source);
    }
  }

  /** `future` (a new wrapper) is completed only by JS or by `from`, its sources. */
  function completedBy(future, from) {
    const mem = heap().u8;
    mem[ptrOf(future) + FLAGS] |= KNOWN;
    expose(future);
    if (from.length > 0) sources.set(future, from);
    // One dependent is the rule (a future given to one combinator): stored
    // as it is, a Set only for a second (b. fan-in: a Set per input cost
    // gather of 100 000 about a third of its time).
    let inputDone = false;
    for (const source of from) {
      const held = dependents.get(source);
      if (held === undefined) dependents.set(source, future);
      else if (held instanceof Set) held.add(future);
      else if (held !== future) dependents.set(source, new Set([held, future]));
      mem[ptrOf(source) + FLAGS] |= DEPENDED;
      if (source.done()) inputDone = true;
    }
    // A done input's callbacks, which may complete `future`, are queued
    // already: `future` is held until they ran.
    if (inputDone) holdUntilRan([future], ptrOf(future));
  }

  /**
   * The C pointer of a combinator's input, borrowed: a `new Future()`
   * becomes KNOWN (only JS and the combinators holding it complete it) and
   * keeps its callbacks weak.
   */
  function inputPointerOf(future) {
    leaveGroup(future);
    const mem = heap().u8, at = ptrOf(future) + FLAGS;
    if ((mem[at] & JS_ONLY) !== 0) {
      mem[at] = (mem[at] & ~JS_ONLY) | KNOWN;
      if (hasWeak(future)) expose(future);
    }
    return ptrOf(future);
  }

  /** inputPointerOf for C that hands the pointer back (wait, asCompleted): found by it, the same wrapper. */
  function exposedInputPointerOf(future) {
    const ptr = inputPointerOf(future);
    expose(future);
    return ptr;
  }

  /** From now on C code of a module's own may complete `future`: its callbacks must outlive its wrapper. */
  function markOpaque(future) {
    const mem = heap().u8, at = ptrOf(future) + FLAGS;
    if ((mem[at] & KNOWN) === 0) return;
    bindWeak(future, null);
    mem[at] &= ~KNOWN;
  }

  /** JS just completed `future`. */
  function completed(future) {
    if ((heap().u8[ptrOf(future) + FLAGS] & (KNOWN | DEPENDED)) !== 0) handOff(future);
  }

  function dependentsOf(future) {
    const held = dependents.get(future);
    return held === undefined ? [] : held instanceof Set ? held : [held];
  }

  /**
   * `future` is done: the wrappers its queued callbacks and its dependents'
   * need are held until a barrier queued after them runs; then the
   * dependents that are done by then hand off in turn. It leaves its links.
   */
  function handOff(future) {
    const mem = heap().u8, at = ptrOf(future) + FLAGS;
    if ((mem[at] & HANDED) !== 0) return;
    mem[at] |= HANDED;
    const batch = [];
    if (hasWeak(future)) batch.push(future);
    for (const dependent of dependentsOf(future)) batch.push(dependent);
    // Its sources too: a cancel it passes on to them is queued already.
    const from = sources.get(future) ?? [];
    for (const source of from) batch.push(source);
    dependents.delete(future);
    sources.delete(future);
    for (const source of from) {
      const held = dependents.get(source);
      if (held === future) dependents.delete(source);
      else if (held instanceof Set) held.delete(future);
    }
    holdUntilRan(batch, ptrOf(future));
  }

  /** Holds `batch` strongly until a barrier queued on the loop of the future at `ptr` now; then hands off those done. */
  function holdUntilRan(batch, ptr) {
    if (batch.length === 0) return;
    for (const held of batch) settling.set(held, (settling.get(held) ?? 0) + 1);
    loopOf(C.futureGetLoop(ptr)).callSoon(() => {
      for (const held of batch) {
        const n = settling.get(held) - 1;
        if (n === 0) settling.delete(held);
        else settling.set(held, n);
        if (held.done()) handOff(held);
      }
    });
  }

  return { addCallback, whenDone, completedBy, inputPointerOf, exposedInputPointerOf, markOpaque, completed };
}
