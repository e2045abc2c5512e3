// What C calls to be woken, and the callbacks it runs. One drain function and
// one host timer per loop: C asks for a drain (a microtask, or a macrotask once
// a drain used its budget) and arms the timer for its next due time.
// Beware: no JS exception may unwind through a C frame. Every function C calls
// here catches what the JS it runs throws and reports it.
import { WF_JS_THEN, WF_RUN_MICROTASK } from '../core/abi.js';
import { bind, cString } from './heap.js';
import { ownerOf, take } from './held.js';
import { later } from '#macrotask';

var resolved = Promise.resolve();

// What wasm-future/attach installs: how a done-callback gets its Future,
// where reports and errors of callbacks go, what a cancellation error is.
export var hooks = { 'done': null, 'weak': null, 'report': null, 'callbackError': null, 'cancelledError': null };

var loops = new Map();

function loopState(loop) {
  var state = loops.get(loop);
  if (state === undefined) {
    state = {
      timer: null,
      drain: function () { bind()['fn']['loopRunOnce'](loop); },
      fire: function () {
        state.timer = null;
        bind()['fn']['loopFireTimers'](loop);
      },
    };
    loops.set(loop, state);
  }
  return state;
}

/** Tells the host; nothing it throws gets further. */
export function reportError(message, exception) {
  try {
    console.error('wasm-future: ' + message, exception);
  } catch (ignored) {
    // console itself failed: there is nobody left to tell.
  }
}

/** C: the loop has callbacks ready (kind WF_RUN_MICROTASK, or a macrotask once a drain used its budget). */
export function schedule(loop, kind) {
  var state = loopState(loop);
  if (kind === WF_RUN_MICROTASK) resolved.then(state.drain);
  else later(state.drain);
}

/** C: the loop's next timer is due at `due` on its own clock (negative: none). */
export function arm(loop, due) {
  var state = loopState(loop);
  if (state.timer !== null) clearTimeout(state.timer);
  state.timer = null;
  if (due < 0) return;
  // setTimeout takes at most 2^31-1 ms; C re-arms if it fires early.
  var delay = due - bind()['fn']['loopTime'](loop);
  state.timer = setTimeout(state.fire, Math.min(Math.max(0, delay), 0x7fffffff));
}

/** C runs a callback JS gave it: kind WF_JS_THEN is called with the pointer, a done-callback with its Future. */
export function invoke(kind, slot, ptr) {
  var owner, fn;
  if (slot === 0) {
    // A weak callback: the Future's wrapper holds its function and hands it
    // over in order, or has none to give (js/future/weak-callbacks.js).
    var weak = null;
    try {
      if (hooks['weak'] !== null) weak = hooks['weak'](ptr);
    } catch (error) {
      reportError('exception in a callback', error);
    }
    if (weak === null) return;
    fn = weak[0];
    owner = weak[1];
  } else {
    owner = ownerOf(slot);
    fn = take(slot);
  }
  run(kind, fn, ptr, owner);
}

/**
 * Runs a callback of the future at `ptr`: kind WF_JS_THEN is called with the
 * pointer, a done-callback with its Future (`owner`, the wrapper it was added
 * on, if known). What it throws goes to the loop's exception handler. C's
 * callbacks come here through invoke; then-callbacks that JS runs itself
 * (js/future/weak-callbacks.js) straight.
 */
export function run(kind, fn, ptr, owner) {
  try {
    if (kind === WF_JS_THEN) fn(ptr);
    else if (hooks['done'] !== null) hooks['done'](fn, ptr, owner);
    else fn(ptr);
  } catch (exception) {
    try {
      if (hooks['callbackError'] === null) throw exception;
      hooks['callbackError'](fn, exception, ptr, owner);
    } catch (unreported) {
      reportError('exception in a callback', unreported);
    }
  }
}

/** C runs a function JS queued with callSoon. */
export function call(slot) {
  var fn = take(slot);
  try {
    fn();
  } catch (exception) {
    reportError('exception in a callback', exception);
  }
}

/** C reports to the loop's exception handler (a never-retrieved exception, a callback's failure). */
export function report(loop, message, future, exception) {
  try {
    if (hooks['report'] === null) throw new Error(cString(message));
    hooks['report'](loop, message, future, exception);
  } catch (error) {
    reportError(cString(message), error);
  }
}
