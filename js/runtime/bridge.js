// A C future that a JS thenable settles: what wf_js_fetch (and any EM_JS code
// of a user's) hands to C. The package's browser module has no C that calls
// it, and leaves this file out.
import { AT_FUTURE_STATE, WF_FUTURE_CANCELLED, WF_JS_THEN } from '../core/abi.js';
import { bind, cString, heap } from './heap.js';
import { hold, take } from './held.js';
import { writeValue } from './exchange.js';
import { hooks } from './scheduler.js';

var resolved = Promise.resolve();

// Completes the C future at `ptr` with `value`; false if it was done.
function settle(ptr, value, isException) {
  var slot = writeValue(value);
  var rc = bind()['fn']['futureSet'](ptr, isException ? 1 : 0, 0);
  if (rc !== 0 && slot) take(slot);
  return rc === 0;
}

// fn(ptr) through the loop once the future at `ptr` is done.
function whenDone(ptr, fn) {
  var slot = hold(fn);
  var rc = bind()['fn']['futureAddCallback'](ptr, slot, WF_JS_THEN);
  if (rc !== 0) {
    take(slot);
    throw new RangeError('wasm memory is exhausted');
  }
}

function cancelMessage(ptr) {
  var c = bind();
  c['fn']['futureCancelMessage'](ptr);
  return cString(heap()['u32'][c['at']['ioMessage'] >> 2]) ?? undefined;
}

function cancelledError(message) {
  if (hooks['cancelledError']) return hooks['cancelledError'](message);
  var error = new Error(message ?? '');
  error.name = 'CancelledError';
  return error;
}

/**
 * A new C future (on the default loop, or `loop`) settled by a thenable, or
 * by the thenable fn(signal) returns, whose signal aborts when the future is
 * cancelled. The caller owns the one reference returned; 0 when out of
 * memory. The source is read in a later job, as a Promise reads a thenable.
 */
export function futureFor(source, loop) {
  var fn = bind()['fn'];
  var ptr = fn['futureNew'](loop || fn['loopDefault']());
  if (!ptr) return 0;
  // JS keeps its own reference until the future is done.
  fn['futureRetain'](ptr);
  var controller = typeof source === 'function' ? new AbortController() : null;
  try {
    whenDone(ptr, function (done) {
      var state = heap()['u8'][done + AT_FUTURE_STATE];
      if (controller !== null && state === WF_FUTURE_CANCELLED)
        controller.abort(cancelledError(cancelMessage(done)));
      fn['futureRelease'](done);
    });
  } catch (error) {
    fn['futureRelease'](ptr);
    fn['futureRelease'](ptr);
    return 0;
  }
  resolved.then(function () {
    return controller !== null ? source(controller.signal) : source;
  }).then(function (value) {
    settle(ptr, value, false);
  }, function (reason) {
    settle(ptr, reason, true);
  });
  return ptr;
}
