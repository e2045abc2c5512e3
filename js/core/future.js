// Future: a thin JS face over a C wf_future. State, value and callbacks live
// in C; this object holds the pointer (one C reference) and converts values.
// makeFuture builds the class for one module (attach calls it once per
// module), so a Future always talks to the memory its pointer lives in.
import * as K from './abi.js';
import { FUTURE_BRAND } from './brand.js';
import { CancelledError, InvalidStateError, describe, reasonOf, readOption } from './errors.js';
import { repr } from './repr.js';
import { checkSignal, listenForAbort } from './signal.js';
import { makeReadValue } from './values.js';

const STATES = ['PENDING', 'CANCELLED', 'FINISHED'];
const PENDING = K.WF_FUTURE_PENDING, CANCELLED = K.WF_FUTURE_CANCELLED, FINISHED = K.WF_FUTURE_FINISHED;
const THEN = K.WF_JS_THEN, DONE = K.WF_JS_DONE;

/**
 * The Future class of one module (binding: binding/binding.js; the loops:
 * loop.js), and what the rest of its API needs of futures.
 */
export function makeFuture(binding, { getLoop, isLoop, loopOf, pointerOf: loopPointer }) {
  const { C, at, heap, hold, take, own, later, cString, exchange, throwCode, continueAt } = binding;
  const INTERNAL = Symbol('adopt a C reference');

  // One wrapper per C future while it is alive, so C can hand a pointer back to
  // JS and JS sees the same object. A wrapper is entered only once its pointer
  // may come back (it was given to C, or came from C): a WeakRef per future
  // would cost most of what a future costs.
  const wrappers = new Map();

  // Each wrapper owns one C reference, given back once the wrapper is
  // collected. A FinalizationRegistry cell per wrapper costs more than a whole
  // native Promise (~150 ns: a wrapper it watches survives minor GCs), so the
  // wrappers of `new Future()` start in groups: each holds its group's token,
  // whose finalizer releases the references of all of them, all dead by then.
  // A group takes wrappers until it is full or the host's next macrotask.
  //
  // Beware: a group must never keep itself alive. Its token dies only when
  // every member is unreachable; if releasing one member's C future were what
  // frees a JS value that reaches another member, neither would ever go. So a
  // wrapper is in a group only while its C future holds no lasting JS value:
  // pending with weak callbacks only, or done with a plain value and its
  // callbacks queued to run. Anything else (C gets its pointer, a JS value is
  // stored) moves it to a cell of its own first (#leaveGroup). The price of a
  // group: a live member keeps the C memory of at most GROUP_SIZE - 1 dead ones,
  // which is bounded by size too: a future whose C memory would hold more
  // than GROUP_VALUE_BYTES of value (a string, bytes, a cancel message)
  // leaves its group first, so a live sibling never keeps a dead one's 100 MB.
  const GROUP_SIZE = 16;
  const GROUP_VALUE_BYTES = 1024;
  const finalizer = new FinalizationRegistry((ptr) => release(ptr));
  const groups = new FinalizationRegistry((ptrs) => {
    for (const ptr of ptrs) if (ptr !== 0) release(ptr);
  });
  let filling = null;
  let closeQueued = false;
  function release(ptr) {
    if (wrappers.get(ptr)?.deref() === undefined) {
      wrappers.delete(ptr);
      jsCancelMessages.delete(ptr);
    }
    C.futureRelease(ptr);
  }
  function closeGroup() {
    closeQueued = false;
    filling = null;
  }
  /** The token a new wrapper holds: its reference to `ptr` is released once the token is collected. */
  function groupFor(ptr) {
    if (filling === null || filling.ptrs.length === GROUP_SIZE) {
      filling = { ptrs: [] };
      groups.register(filling, filling.ptrs);
      if (!closeQueued) {
        closeQueued = true;
        later(closeGroup);
      }
    }
    filling.ptrs.push(ptr);
    return filling;
  }

  // The wrapper's bits, in the C future's `binding` byte (a field here would
  // cost 8 bytes a future): EXPOSED, entered in `wrappers`; JS_ONLY, see
  // #weak; KEPT, see #keepWhilePending; KNOWN, ROOTED, DEPENDED, HANDED: see
  // "Futures whose completers JS knows" below.
  const EXPOSED = 1, JS_ONLY = 2, KEPT = 4, KNOWN = 8, ROOTED = 16, DEPENDED = 32, HANDED = 64;

  // Futures whose completers JS knows. A combinator's future (gather, wait,
  // waitFor and asCompleted without a timeout, shield), sleep(Infinity), and
  // a `new Future()` given to a combinator are KNOWN: nothing completes one
  // but JS holding its wrapper or one of its sources. Such a future holds its
  // callbacks weakly, as a JS_ONLY one does, and is kept alive by what can
  // complete it, never by C: each source's wrapper reaches it (`dependents`,
  // an ephemeron: a source nobody holds keeps nothing), it reaches its
  // sources (`sources`: a cancel goes to them), and a source whose completion
  // is scheduled (a timer, a thread, C's own code) is rooted while pending
  // once something waits (#keepSources). So an await that can never settle is
  // collected with everything it reached, as a Promise's would be.
  // Invariant: from a future's completion until its queued callbacks ran, the
  // wrappers its weak callbacks and its dependents' need are held strongly
  // (`settling`), released by a callSoon barrier queued after those
  // callbacks (handOff). Beware: C completes a KNOWN future without JS; its
  // weak callbacks then find their functions through `wrappers` and nowhere
  // else, so a KNOWN future is EXPOSED by the time it has a weak callback
  // (#addCallback, inputPointerOf, completedBy).
  const dependents = new WeakMap();
  const sources = new WeakMap();
  const settling = new Map(); // wrapper -> how many barriers hold it
  const BITS = K.AT_FUTURE_BINDING;

  /**
   * A future with asyncio's semantics; thenable and awaitable.
   */
  class Future {
    #ptr;
    #group = null;
    // JS_ONLY: made by `new Future()` and never handed to C, so nothing but JS
    // can complete it. Its callbacks' functions then live here (one, or an
    // array in the order they were added), reachable only through this
    // wrapper, so that an abandoned `await` is collected with them; C holds
    // weak callbacks (handle 0) in their place. Anything that may complete it
    // or give C its pointer binds them to handles first (#pin).
    #weak = null;

    /**
     * @param {{ loop?: Loop, signal?: AbortSignal }} [options]
     */
    constructor(options = undefined, ptr = undefined) {
      if (options === INTERNAL) {
        this.#ptr = ptr;
        finalizer.register(this, ptr);
        // The bits a collected wrapper left describe none of this one.
        heap().u8[ptr + BITS] = 0;
        Future.#expose(this);
        return;
      }
      let loop, signal;
      if (options !== undefined) {
        if (options === null || typeof options !== 'object')
          throw new TypeError('new Future(options): options must be an object');
        loop = readOption(options, 'loop', 'new Future');
        signal = readOption(options, 'signal', 'new Future');
      }
      if (loop === undefined || loop === null) loop = getLoop();
      else if (!isLoop(loop)) throw new TypeError('new Future({ loop }): loop must be a Loop');
      checkSignal(signal, 'new Future');
      const made = C.futureNew(loopPointer(loop));
      if (!made) throw new RangeError('new Future(): wasm memory is exhausted');
      this.#ptr = made;
      heap().u8[made + BITS] = JS_ONLY;
      // Before anything that may throw: a future nobody gets is freed.
      this.#group = groupFor(made);
      if (signal) cancelOnAbort(this, signal, 'new Future');
    }

    /** From now on this wrapper's reference is released by a finalizer cell of its own. */
    static #leaveGroup(self) {
      const group = self.#group;
      if (group === null) return;
      self.#group = null;
      const ptrs = group.ptrs;
      ptrs[ptrs.indexOf(self.#ptr)] = 0;
      finalizer.register(self, self.#ptr);
    }

    /** From now on C may hold or complete this future: its callbacks must outlive this wrapper. */
    static #pin(self) {
      if ((heap().u8[self.#ptr + BITS] & JS_ONLY) === 0) return;
      // First: if it throws (out of memory), nothing has changed.
      Future.#bind(self, null);
      heap().u8[self.#ptr + BITS] &= ~JS_ONLY;
    }

    /**
     * Gives the weak callbacks whose function is `fn` (all of them if it is
     * null) handles to their functions, in one C call over the future's
     * callbacks; the others stay weak. (Only a done-callback can be a given
     * `fn`: a then-callback's function is made by then.) It allocates nothing
     * when it pins: setResult and cancel come this way. It writes the
     * exchange area: whatever pins (pointerOf, #set, cancel) does so before
     * its own use begins (exchange.js throws otherwise).
     */
    static #bind(self, fn) {
      const weak = self.#weak;
      if (weak === null) return;
      // Done: C queued its weak callbacks already, which take their functions from here as they run (takeWeak).
      if (heap().u8[self.#ptr + K.AT_FUTURE_STATE] !== PENDING) return;
      const single = typeof weak === 'function';
      if (fn !== null && (single ? weak !== fn : !weak.includes(fn))) return;
      const n = single ? 1 : weak.length;
      let rc;
      exchange.begin();
      try {
        // An await's one callback goes in the value slot: a call to reserve would cost more than the rest.
        const at = n * 4 <= K.VALUE_SIZEOF ? exchange.slot() : exchange.reserve(n * 4), first = at >> 2;
        let handles = heap().u32;
        for (let i = 0; i < n; i++) {
          const each = single ? weak : weak[i];
          handles[first + i] = fn === null || each === fn ? hold(each) : 0;
        }
        rc = C.futureBindWeak(self.#ptr, at, n);
        // On failure C changed nothing; on success it left the handles of done-callbacks, which get their Future.
        handles = heap().u32;
        for (let i = first; i < first + n; i++) {
          if (handles[i] === 0) continue;
          if (rc === 0) own(handles[i], self);
          else take(handles[i]);
        }
      } finally {
        exchange.end();
      }
      if (rc !== 0) throwCode(rc, 'Future');
      if (fn === null || single) {
        self.#weak = null;
      } else {
        const kept = weak.filter((each) => each !== fn);
        self.#weak = kept.length > 1 ? kept : kept[0] ?? null;
      }
    }

    /** Adds a callback (a then-callback, or a done-callback for this wrapper), weakly while only JS can complete it. */
    /** (`waits`: false for an internal continuation, which must not root what completes the future.) */
    static #addCallback(self, fn, kind, waits = true) {
      const ptr = self.#ptr;
      const mem = heap().u8;
      const bits = mem[ptr + BITS];
      const weak = (bits & (JS_ONLY | KNOWN)) !== 0 && mem[ptr + K.AT_FUTURE_STATE] === PENDING;
      if (!weak && kind === THEN) Future.#keepWhilePending(self);
      if (weak && (bits & KNOWN) !== 0) {
        // C may complete it: its weak callbacks will look for this wrapper by pointer.
        Future.#expose(self);
        if (waits) Future.#keepSources(self);
      }
      const slot = weak ? 0 : hold(fn);
      if (!weak && kind === DONE) own(slot, self);
      const rc = C.futureAddCallback(ptr, slot, kind);
      if (rc !== 0) {
        if (!weak) take(slot);
        throwCode(rc, kind === THEN ? 'then' : 'addDoneCallback');
      }
      if (!weak) return;
      const held = self.#weak;
      if (held === null) self.#weak = fn;
      else if (typeof held === 'function') self.#weak = [held, fn];
      else held.push(fn);
    }

    /**
     * While then-callbacks wait on a future C may complete (a timer, a
     * combinator's inputs), this wrapper, and with it the C reference that
     * keeps the future alive, must outlive JS's own references: an internal
     * continuation holds it until the future is done. (A done-callback holds
     * its wrapper itself.)
     */
    static #keepWhilePending(self) {
      const mem = heap().u8, ptr = self.#ptr;
      if ((mem[ptr + BITS] & KEPT) !== 0 || mem[ptr + K.AT_FUTURE_STATE] !== PENDING) return;
      mem[ptr + BITS] |= KEPT;
      // The continuation must reach `self`: that is what keeps it.
      continueAt(ptr, () => {
        heap().u8[self.#ptr + BITS] &= ~KEPT;
        Future.#handOff(self);
      });
    }

    /** A KNOWN future someone waits on: its sources whose completion is scheduled are rooted until done. */
    static #keepSources(self) {
      const mem = heap().u8;
      if ((mem[self.#ptr + BITS] & ROOTED) !== 0) return;
      mem[self.#ptr + BITS] |= ROOTED;
      for (const source of sources.get(self) ?? []) {
        const bits = mem[source.#ptr + BITS];
        if ((bits & KNOWN) !== 0) Future.#keepSources(source);
        else if ((bits & JS_ONLY) === 0) Future.#keepWhilePending(source);
      }
    }

    /** @internal `future` (a new wrapper) is completed only by JS or by `from`, its sources. */
    static completedBy(future, from) {
      const mem = heap().u8;
      mem[future.#ptr + BITS] |= KNOWN;
      Future.#expose(future);
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
        mem[source.#ptr + BITS] |= DEPENDED;
        if (source.done()) inputDone = true;
      }
      // A done input's callbacks, which may complete `future`, are queued
      // already: `future` is held until they ran.
      if (inputDone) Future.#hold([future], future.#ptr);
    }

    /** The futures `self`'s completion may complete. */
    static #dependentsOf(self) {
      const held = dependents.get(self);
      return held === undefined ? [] : held instanceof Set ? held : [held];
    }

    /** @internal from now on C code of a module's own may complete `future`: its callbacks must outlive its wrapper. */
    static markOpaque(future) {
      const mem = heap().u8, at = future.#ptr + BITS;
      if ((mem[at] & KNOWN) === 0) return;
      Future.#bind(future, null);
      mem[at] &= ~KNOWN;
    }

    /**
     * `self` is done: the wrappers its queued callbacks and its dependents'
     * need are held until a barrier queued after them runs; then the
     * dependents that are done by then hand off in turn. A done future
     * completes nothing more: it leaves the links between it and its sources
     * and dependents, which must not outlive it (a done future's value may
     * reach one of its sources, and an ephemeron through the source would
     * keep the future, and with it the value, for ever).
     */
    static #handOff(self) {
      const mem = heap().u8, at = self.#ptr + BITS;
      if ((mem[at] & HANDED) !== 0) return;
      mem[at] |= HANDED;
      const batch = [];
      if (self.#weak !== null) batch.push(self);
      for (const dependent of Future.#dependentsOf(self)) batch.push(dependent);
      // Its sources too: a cancel it passes on to them is queued already.
      const from = sources.get(self) ?? [];
      for (const source of from) batch.push(source);
      dependents.delete(self);
      sources.delete(self);
      for (const source of from) {
        const held = dependents.get(source);
        if (held === self) dependents.delete(source);
        else if (held instanceof Set) held.delete(self);
      }
      Future.#hold(batch, self.#ptr);
    }

    /** Holds `batch` strongly until a barrier queued on the loop of the future at `ptr` now; then hands off those done. */
    static #hold(batch, ptr) {
      if (batch.length === 0) return;
      for (const held of batch) settling.set(held, (settling.get(held) ?? 0) + 1);
      loopOf(C.futureGetLoop(ptr)).callSoon(() => {
        for (const held of batch) {
          const n = settling.get(held) - 1;
          if (n === 0) settling.delete(held);
          else settling.set(held, n);
          if (held.done()) Future.#handOff(held);
        }
      });
    }

    /** @internal the next weak function of the wrapper of the future at `ptr`, which C runs now: [fn, wrapper], or null */
    static takeWeak(ptr) {
      const self = wrappers.get(ptr)?.deref();
      if (self === undefined) return null;
      const weak = self.#weak;
      if (weak === null) return null;
      if (typeof weak === 'function') {
        self.#weak = null;
        return [weak, self];
      }
      const fn = weak.shift();
      if (weak.length === 1) self.#weak = weak[0];
      return [fn, self];
    }

    /** Enters this wrapper in the map, for when C hands its pointer back. */
    static #expose(self) {
      const mem = heap().u8, at = self.#ptr + BITS;
      if ((mem[at] & EXPOSED) !== 0) return;
      wrappers.set(self.#ptr, new WeakRef(self));
      mem[at] |= EXPOSED;
    }

    /** 'PENDING' | 'CANCELLED' | 'FINISHED', read from wasm memory. */
    get state() {
      return STATES[heap().u8[this.#ptr + K.AT_FUTURE_STATE]];
    }

    /** @returns {boolean} */
    done() {
      return heap().u8[this.#ptr + K.AT_FUTURE_STATE] !== PENDING;
    }

    /** @returns {boolean} */
    cancelled() {
      return heap().u8[this.#ptr + K.AT_FUTURE_STATE] === CANCELLED;
    }

    /** The result; throws the exception, CancelledError, or InvalidStateError if pending. */
    result() {
      const ptr = this.#ptr;
      if (fulfilledAt(ptr)) return readValue(ptr + K.AT_FUTURE_VALUE);
      const rc = C.futureResult(ptr);
      if (rc === K.WF_EEXCEPTION) throw readValue(heap().u32[at.ioOut >> 2]);
      throw Future.#stateError(this, rc, 'Result is not ready.');
    }

    /** The exception, or null after a result; CancelledError, or InvalidStateError if pending. */
    exception() {
      const rc = C.futureException(this.#ptr);
      if (rc !== 0) throw Future.#stateError(this, rc, 'Exception is not set.');
      const out = heap().u32[at.ioOut >> 2];
      return out === 0 ? null : readValue(out);
    }

    static #stateError(self, rc, pendingMessage) {
      if (rc === K.WF_ECANCELLED) return cancelledError(self.#ptr);
      if (rc === K.WF_EINVALSTATE) return new InvalidStateError(pendingMessage);
      return throwCode(rc, 'Future');
    }

    /** Finishes the future with `value`, stored as it is (a thenable too). */
    setResult(value) {
      Future.#set(this, value, 0, 'setResult');
    }

    /** Finishes the future with `reason`; an Error class is instantiated. */
    setException(reason) {
      if (typeof reason === 'function' && (reason === Error || reason.prototype instanceof Error))
        reason = new reason();
      Future.#set(this, reason, 1, 'setException');
    }

    static #set(self, value, isException, what) {
      Future.#pin(self);
      let slot = 0, rc;
      if (typeof value === 'number' && !isException) {
        rc = C.futureSetNumber(self.#ptr, value);
      } else {
        exchange.begin();
        try {
          slot = exchange.writeValue(value);
          if (slot || heap().u32[(exchange.slot() + K.AT_VALUE_SIZE) >> 2] > GROUP_VALUE_BYTES) Future.#leaveGroup(self);
          rc = C.futureSet(self.#ptr, isException);
        } finally {
          exchange.end();
        }
      }
      if (rc === 0) {
        if ((heap().u8[self.#ptr + BITS] & (KNOWN | DEPENDED)) !== 0) Future.#handOff(self);
        return;
      }
      if (slot) take(slot);
      if (rc === K.WF_EINVALSTATE) throw new InvalidStateError(`${what}: ${self.state}: ${self}`);
      throwCode(rc, what);
    }

    /**
     * Cancels a pending future and schedules its callbacks.
     * @param {string} [msg] the cancel message
     * @returns {boolean} false if the future was done already
     */
    cancel(msg = undefined) {
      let text = null;
      if (msg !== undefined && msg !== null) {
        try {
          text = String(msg);
        } catch (error) {
          throw new TypeError(`cancel(msg): converting msg to a string threw: ${reasonOf(error)}`);
        }
      }
      Future.#pin(this);
      // UTF-8 takes at most 3 bytes a UTF-16 unit.
      if (text !== null && text.length * 3 > GROUP_VALUE_BYTES) Future.#leaveGroup(this);
      let rc;
      exchange.begin();
      try {
        rc = C.futureCancel(this.#ptr, text === null ? 0 : exchange.writeCString(text));
      } finally {
        exchange.end();
      }
      if (rc < 0) throwCode(rc, 'cancel');
      if (rc === 1 && text !== null) keepCancelMessage(this.#ptr, text);
      if (rc === 1 && (heap().u8[this.#ptr + BITS] & (KNOWN | DEPENDED)) !== 0) Future.#handOff(this);
      return rc === 1;
    }

    /** Calls fn(future) through the loop once done, never synchronously. */
    addDoneCallback(fn) {
      if (typeof fn !== 'function')
        throw new TypeError(`addDoneCallback(fn): fn must be a function, got ${describe(fn)}`);
      Future.#addCallback(this, fn, DONE);
    }

    /** Removes every pending fn; returns how many. */
    removeDoneCallback(fn) {
      if (typeof fn !== 'function')
        throw new TypeError(`removeDoneCallback(fn): fn must be a function, got ${describe(fn)}`);
      // Weak callbacks that are fn get handles, which C can compare.
      Future.#bind(this, fn);
      const slot = hold(fn);
      const removed = C.futureRemoveCallback(this.#ptr, slot);
      take(slot);
      if (removed < 0) throwCode(removed, 'removeDoneCallback');
      return removed;
    }

    /** @returns {Loop} */
    getLoop() {
      return loopOf(C.futureGetLoop(this.#ptr));
    }

    /**
     * Promises/A+ then: a native Promise of the handlers' outcome, as JS
     * expects of a chain. A cancelled future rejects with CancelledError.
     */
    then(onFulfilled, onRejected) {
      const ptr = this.#ptr;
      if (heap().u8[ptr + K.AT_FUTURE_STATE] !== PENDING) {
        // Done: the outcome is final, so the handler runs from a job of its
        // own, as a settled Promise's would, without a trip through the loop.
        const fulfilled = fulfilledAt(ptr);
        const outcome = outcomeAt(ptr, fulfilled);
        return resolved.then(() => handled(fulfilled, outcome, onFulfilled, onRejected));
      }
      let settle;
      const promise = new Promise((resolve, reject) => { settle = thenOf(resolve, reject, onFulfilled, onRejected); });
      Future.#addCallback(this, settle, THEN);
      return promise;
    }

    catch(onRejected) {
      return this.then(undefined, onRejected);
    }

    finally(onFinally) {
      if (typeof onFinally !== 'function') return this.then(onFinally, onFinally);
      return this.then(
        (value) => Promise.resolve(onFinally()).then(() => value),
        (reason) => Promise.resolve(onFinally()).then(() => { throw reason; }));
    }

    /** A native Promise that settles with this future. */
    toPromise() {
      let settle;
      const promise = new Promise((resolve, reject) => { settle = thenOf(resolve, reject); });
      Future.#addCallback(this, settle, THEN);
      return promise;
    }

    toString() {
      const ptr = this.#ptr;
      const state = heap().u8[ptr + K.AT_FUTURE_STATE];
      if (state === PENDING) return '<Future pending>';
      if (state === CANCELLED) return '<Future cancelled>';
      const value = readValue(ptr + K.AT_FUTURE_VALUE);
      return heap().u8[ptr + K.AT_FUTURE_HAS_EXCEPTION]
        ? `<Future finished exception=${repr(value)}>`
        : `<Future finished result=${repr(value)}>`;
    }

    [Symbol.for('nodejs.util.inspect.custom')]() {
      return this.toString();
    }

    get [Symbol.toStringTag]() {
      return 'Future';
    }

    /**
     * @internal fn(ptr) through the loop once `future` is done. Unlike then,
     * it neither pins the future nor keeps it alive: a future only JS can
     * complete holds fn weakly, as it holds an await's callback. fn must not
     * reach the future.
     */
    static whenDone(future, fn) {
      const ptr = future.#ptr, mem = heap().u8;
      if ((mem[ptr + BITS] & (JS_ONLY | KNOWN)) !== 0 && mem[ptr + K.AT_FUTURE_STATE] === PENDING)
        Future.#addCallback(future, fn, THEN, false);
      else continueAt(ptr, fn);
    }

    /** @internal whether x is a Future of this module (or a subclass's); no getter or Proxy trap runs */
    static isOwn(x) {
      return x !== null && typeof x === 'object' && #ptr in x;
    }

    /** @internal the C pointer, borrowed, for calls that never hand it back; get it before writing a call's arguments (#bind) */
    static pointerOf(future) {
      Future.#leaveGroup(future);
      Future.#pin(future);
      return future.#ptr;
    }

    /**
     * @internal the C pointer of a combinator's input, borrowed: a `new
     * Future()` becomes KNOWN (only JS and the combinators holding it
     * complete it) and keeps its callbacks weak; get it before writing a
     * call's arguments (#bind)
     */
    static inputPointerOf(future) {
      Future.#leaveGroup(future);
      const mem = heap().u8, at = future.#ptr + BITS;
      if ((mem[at] & JS_ONLY) !== 0) {
        mem[at] = (mem[at] & ~JS_ONLY) | KNOWN;
        if (future.#weak !== null) Future.#expose(future);
      }
      return future.#ptr;
    }

    /** @internal inputPointerOf for C that hands the pointer back (wait, asCompleted): found by it, the same wrapper */
    static exposedInputPointerOf(future) {
      const ptr = Future.inputPointerOf(future);
      Future.#expose(future);
      return ptr;
    }

    /** @internal the C pointer, borrowed, for C that may hand it back to JS */
    static exposedPointerOf(future) {
      Future.#leaveGroup(future);
      Future.#pin(future);
      Future.#expose(future);
      return future.#ptr;
    }
  }

  Object.defineProperty(Future.prototype, FUTURE_BRAND, { value: true });

  /** Whether the done future at `ptr` finished with a result (not an exception, not cancelled). */
  function fulfilledAt(ptr) {
    const mem = heap().u8;
    return mem[ptr + K.AT_FUTURE_STATE] === FINISHED && mem[ptr + K.AT_FUTURE_HAS_EXCEPTION] === 0;
  }

  /** The result of the done future at `ptr`, or its rejection reason (exception or CancelledError). */
  function outcomeAt(ptr, fulfilled) {
    return fulfilled ? readValue(ptr + K.AT_FUTURE_VALUE) : outcomeError(ptr);
  }

  /**
   * Promises/A+ 2.2.7: what the promise then returns settles with. A handler
   * that is not a function passes the outcome on; throwing rejects.
   */
  function handled(fulfilled, outcome, onFulfilled, onRejected) {
    const handler = fulfilled ? onFulfilled : onRejected;
    if (typeof handler === 'function') return handler(outcome);
    if (fulfilled) return outcome;
    throw outcome;
  }

  /**
   * The continuation of then and toPromise, which C holds while the future is
   * pending: made where it can reach neither the Future nor its wrapper's
   * scope, since what C holds must not keep the future alive.
   */
  function thenOf(resolve, reject, onFulfilled, onRejected) {
    return (ptr) => {
      const fulfilled = fulfilledAt(ptr);
      try {
        resolve(handled(fulfilled, outcomeAt(ptr, fulfilled), onFulfilled, onRejected));
      } catch (error) {
        reject(error);
      }
    };
  }

  const resolved = Promise.resolve();

  /** The wrapper of a C future; a new one takes a reference. */
  function wrapperOf(ptr) {
    const existing = wrappers.get(ptr)?.deref();
    if (existing) return existing;
    C.futureRetain(ptr);
    return new Future(INTERNAL, ptr);
  }

  /** A Future that takes over the caller's C reference. */
  function adopt(ptr) {
    const existing = wrappers.get(ptr)?.deref();
    if (existing) {
      C.futureRelease(ptr);
      return existing;
    }
    return new Future(INTERNAL, ptr);
  }

  // Cancel messages that a C string cannot carry as they are (a NUL ends it;
  // UTF-8 has no lone surrogates), by pointer, with the text C holds for
  // them. One is used only while C holds that same text, so a pointer freed
  // and reused by another future never shows a stale message; the finalizer
  // of the future's wrapper drops it.
  const jsCancelMessages = new Map();

  function cMessageAt(ptr) {
    C.futureCancelMessage(ptr);
    const msg = heap().u32[at.ioMessage >> 2];
    return msg ? cString(msg) : undefined;
  }

  function keepCancelMessage(ptr, text) {
    const held = cMessageAt(ptr);
    if (held !== text) jsCancelMessages.set(ptr, { held, text });
  }

  /** The cancel message of the cancelled future at `ptr` (undefined if it had none). */
  function cancelMessageAt(ptr) {
    const held = cMessageAt(ptr);
    const kept = jsCancelMessages.size === 0 ? undefined : jsCancelMessages.get(ptr);
    if (kept === undefined) return held;
    if (kept.held === held) return kept.text;
    jsCancelMessages.delete(ptr);
    return held;
  }

  function cancelledError(ptr) {
    return new CancelledError(cancelMessageAt(ptr));
  }

  /** The rejection reason of a done future that has no result: its exception or a CancelledError. */
  function outcomeError(ptr) {
    if (heap().u8[ptr + K.AT_FUTURE_STATE] === CANCELLED) return cancelledError(ptr);
    C.futureException(ptr);
    return readValue(heap().u32[at.ioOut >> 2]);
  }


  /** Sets an exception as it is: no Error class is instantiated (a Promise's reject). */
  function rejectRaw(target, reason) {
    const ptr = Future.pointerOf(target);
    let slot = 0, rc;
    exchange.begin();
    try {
      slot = exchange.writeValue(reason);
      rc = C.futureSet(ptr, 1);
    } finally {
      exchange.end();
    }
    if (rc !== 0 && slot) take(slot);
  }

  /** Sets a result; a value wasm memory cannot take fails the future instead. */
  function fulfilRaw(target, value) {
    if (target.done()) return;
    try {
      target.setResult(value);
    } catch (error) {
      rejectRaw(target, error);
    }
  }

  /** The Promises/A+ resolution procedure, with `target` as the promise. */
  function resolveWith(target, x) {
    if (target.done()) return;
    if (x === target) {
      rejectRaw(target, new TypeError('A future cannot be resolved with itself'));
      return;
    }
    if (x === null || (typeof x !== 'object' && typeof x !== 'function')) {
      fulfilRaw(target, x);
      return;
    }
    let then;
    try {
      then = x.then;
    } catch (error) {
      rejectRaw(target, error);
      return;
    }
    if (typeof then !== 'function') {
      fulfilRaw(target, x);
      return;
    }
    // In a job of its own, as a Promise does (NewPromiseResolveThenableJob):
    // a chain of thenables that call back at once would otherwise nest one
    // stack frame per link, and overflow.
    queueMicrotask(() => {
      let called = false;
      try {
        then.call(x,
          (y) => { if (!called) { called = true; resolveWith(target, y); } },
          (r) => { if (!called) { called = true; rejectRaw(target, r); } });
      } catch (error) {
        if (!called) {
          called = true;
          rejectRaw(target, error);
        }
      }
    });
  }

  /**
   * Cancels `future` when `signal` aborts; stops listening once it is done.
   * Neither the listener nor the way it leaves keeps the future alive or
   * pins it (signal.js).
   */
  function cancelOnAbort(future, signal, what = 'AbortSignal') {
    const detach = listenForAbort(future, signal, what);
    if (!future.done()) Future.whenDone(future, detach);
  }

  const readValue = makeReadValue(binding, wrapperOf);

  return {
    Future,
    // A subclass built on a C reference passes this as its constructor's first argument.
    ADOPT: INTERNAL,
    isOwn: Future.isOwn,
    readValue,
    wrapperOf,
    adopt,
    pointerOf: Future.pointerOf,
    exposedPointerOf: Future.exposedPointerOf,
    inputPointerOf: Future.inputPointerOf,
    exposedInputPointerOf: Future.exposedInputPointerOf,
    completedBy: Future.completedBy,
    markOpaque: Future.markOpaque,
    whenDone: Future.whenDone,
    /** fn() through the loop once `future` is done (no wrapper is made for it). */
    addContinuation: (future, fn) => continueAt(Future.pointerOf(future), fn),
    takeWeak: Future.takeWeak,
    cancelMessageAt,
    rejectRaw,
    resolveWith,
    cancelOnAbort,
  };
}
