// The runtime's hooks: what the module runtime (Module.wasmFuture), which
// runs C's callbacks and reports, asks of the JS API attached to it.
import { CancelledError, nameOf } from '../core/errors.js';

/** Installs the hooks of one module's API in its runtime `rt`; futures: what future.js gives the API. */
export function installHooks(rt, { wrapperOf, takeWeak, readValue }, loopOf) {
  const { hooks } = rt;
  /** Runs a user's done-callback that C scheduled; `owner` is the wrapper it was added on. */
  hooks.done = (fn, ptr, owner) => {
    fn(owner ?? wrapperOf(ptr));
  };
  /** The next function of a weak callback C runs now (weak-callbacks.js). */
  hooks.weak = takeWeak;
  /** Reports what a callback threw to the loop of its future. */
  hooks.callbackError = (fn, exception, ptr, owner) => {
    const future = owner ?? wrapperOf(ptr);
    future.getLoop().callExceptionHandler({
      message: `Exception in callback ${nameOf(fn)}`,
      exception,
      future,
    });
  };
  hooks.cancelledError = (message) => new CancelledError(message);
  /** A report of C's (an exception never retrieved) to its loop's handler. */
  hooks.report = (loop, message, future, exception) => {
    const context = { message: rt.cString(message) };
    if (exception) context.exception = readValue(exception);
    if (future) context.future = wrapperOf(future);
    loopOf(loop).callExceptionHandler(context);
  };
}
