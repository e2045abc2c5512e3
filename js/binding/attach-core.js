// attachCore(Module, extend): the JS API bound to one Emscripten module that
// links the wasm-future C library, without the thread pool (attach.js adds
// it; the browser entry, which has no pool, leaves it out of its download).
// The module's runtime (c/src/binding/library.js, Module.wasmFuture) has
// driven its loop since the module started; this builds the Future class and
// the rest on top of it, once per module.
import { ABI_VERSION, LAYOUT, PACKAGE_VERSION } from '../core/abi.js';
import { CancelledError, InvalidStateError, TimeoutError, describe, makeErrors, readOption } from '../core/errors.js';
import { makeValues } from '../core/values.js';
import { makeLoop } from '../core/loop.js';
import { makeFuture } from '../core/future.js';
import { isFuture, makeBridge } from '../bridge.js';
import {
  makeCombinators, FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED,
} from '../combinators.js';
import { makeExchange } from './exchange.js';
import { makeNative } from './native.js';

// This copy of the package, as the owner a module's runtime records.
const COPY = Object.freeze({ version: PACKAGE_VERSION });
const apis = new WeakMap();

function runtimeOf(module) {
  if (module === null || (typeof module !== 'object' && typeof module !== 'function'))
    throw new TypeError(`attach(Module): expected the Emscripten module object its factory resolved with, got ${describe(module)}`);
  if (typeof readOption(module, 'then', 'attach(Module)') === 'function')
    throw new TypeError('attach(Module): got a promise; attach the module it resolves with: attach(await createApp())');
  const rt = readOption(module, 'wasmFuture', 'attach(Module)');
  if (rt === null || typeof rt !== 'object' || typeof rt.bind !== 'function')
    throw new TypeError('attach(Module): this module has no wasm-future in it; link it with the flags ' +
      '`npx wasm-future-config --cflags --libs` prints (emcc) or with wasm_future::wf (CMake)');
  if (rt.abi !== ABI_VERSION)
    throw new Error(`attach(Module): the module's wasm-future speaks ABI version ${rt.abi}, this wasm-future ` +
      `package (${PACKAGE_VERSION}) ABI version ${ABI_VERSION}; rebuild the module with this package's wasm-future-config`);
  if (!rt.ready())
    throw new Error('attach(Module): the module has not started yet; attach the module its factory resolved with: ' +
      'attach(await createApp())');
  const cAbi = rt.bind().constants.WF_ABI_VERSION;
  if (cAbi !== ABI_VERSION)
    throw new Error(`attach(Module): the module's C library speaks ABI version ${cAbi}, this wasm-future ` +
      `package (${PACKAGE_VERSION}) ABI version ${ABI_VERSION}; rebuild the module with this package's wasm-future-config`);
  // JS reads and writes C's structs at offsets of its own (abi.js).
  const at = rt.bind().at;
  for (const [name, offset] of Object.entries(LAYOUT)) {
    if (name in at && at[name] !== offset)
      throw new Error(`attach(Module): the module's C library has ${name} at ${at[name]}, this wasm-future package ` +
        `(${PACKAGE_VERSION}) at ${offset}; rebuild the module with this package's wasm-future-config`);
  }
  return rt;
}

function build(module, rt, extend) {
  const native = rt.bind();
  const ctx = { module, rt, C: native.fn, L: native.at, exchange: makeExchange(rt, native.at) };
  Object.assign(ctx, makeErrors(ctx));
  Object.assign(ctx, makeValues(ctx));
  Object.assign(ctx, makeLoop(ctx));
  Object.assign(ctx, makeFuture(ctx));
  Object.assign(ctx, makeBridge(ctx));
  Object.assign(ctx, makeCombinators(ctx));

  rt.hooks.done = ctx.invokeDone;
  rt.hooks.weak = ctx.takeWeak;
  rt.hooks.callbackError = ctx.callbackError;
  rt.hooks.cancelledError = (message) => new CancelledError(message);
  rt.hooks.report = (loop, message, future, exception) => {
    const context = { message: rt.cString(message) };
    if (exception) context.exception = ctx.readValue(exception);
    if (future) context.future = ctx.wrapperOf(future);
    ctx.loopOf(loop).callExceptionHandler(context);
  };

  return Object.freeze({
    Future: ctx.Future,
    CancelledError,
    InvalidStateError,
    TimeoutError,
    getLoop: ctx.getLoop,
    Loop: ctx.Loop,
    Handle: ctx.Handle,
    TimerHandle: ctx.TimerHandle,
    isFuture,
    ensureFuture: ctx.ensureFuture,
    wrapPromise: ctx.wrapPromise,
    gather: ctx.gather,
    wait: ctx.wait,
    asCompleted: ctx.asCompleted,
    waitFor: ctx.waitFor,
    shield: ctx.shield,
    sleep: ctx.sleep,
    FIRST_COMPLETED,
    FIRST_EXCEPTION,
    ALL_COMPLETED,
    native: makeNative(ctx),
    ...extend(ctx),
    /** @internal the module's runtime and helpers, for tests */
    [Symbol.for('wasm-future.internals')]: ctx,
  });
}

/**
 * The JS API bound to `module`, with what `extend(ctx)` adds; attaching twice
 * gives the same object.
 */
export function attachCore(module, extend = () => ({})) {
  const rt = runtimeOf(module);
  const existing = apis.get(rt);
  if (existing !== undefined) return existing;
  if (rt.owner !== null)
    throw new Error(`attach(Module): another copy of the wasm-future package (${rt.owner.version}) attached to ` +
      'this module already; use the API that copy returned');
  return attachNew(module, rt, extend);
}

function attachNew(module, rt, extend) {
  const api = build(module, rt, extend);
  rt.owner = COPY;
  apis.set(rt, api);
  return api;
}

/**
 * The JS API of a module this package built and just started (the browser
 * entry's): of attach's checks of a module a user hands in, only the C
 * library's ABI version can fail (a .wasm of another release, cached).
 */
export function attachOwn(module) {
  const rt = module.wasmFuture;
  if (rt.bind().constants.WF_ABI_VERSION !== ABI_VERSION) throw new Error('wasm-future: the .wasm is of another release');
  return attachNew(module, rt, () => ({}));
}
