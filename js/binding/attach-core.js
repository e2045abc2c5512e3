// attachCore(Module, extension): the JS API bound to one Emscripten module that
// links the wasm-future C library, without the thread pool (attach.js adds
// it; the browser entry, which has no pool, leaves it out of its download).
// The module's runtime (Module.wasmFuture) has driven its loop since the
// module started; this checks it, then builds the Future class and the rest
// on top of it, once per module. It is the one place that puts the concepts
// together (build).
import { API } from '../api.js';
import { isFuture, makeBridge } from '../bridge.js';
import { ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, makeCombinators } from '../combinators/combinators.js';
import { ABI_VERSION, LAYOUT, PACKAGE_VERSION } from '../core/abi.js';
import { CancelledError, InvalidStateError, TimeoutError, describe, readOption } from '../core/errors.js';
import { makeFuture } from '../future/future.js';
import { makeLoop } from '../loop/loop.js';
import { makeBinding } from './binding.js';
import { installHooks } from './hooks.js';
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

/**
 * The API of one module: each concept made from the binding and, by name,
 * the concepts it uses; then the names of the one list (api.js), with
 * extension.names, picked from what they made.
 */
function build(module, rt, extension) {
  const binding = makeBinding(module, rt);
  // The one late binding: a Loop makes Futures, and a Future gets its Loop.
  const loops = makeLoop(binding, (loop) => new futures.Future({ loop }));
  const futures = makeFuture(binding, loops);
  const bridge = makeBridge(futures);
  const combinators = makeCombinators(binding, {
    futures, ensureFuture: bridge.ensureFuture, loop: () => loops.pointerOf(loops.getLoop()),
  });
  installHooks(rt, futures, loops.loopOf);
  const made = {
    CancelledError, InvalidStateError, TimeoutError, isFuture, FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED,
    Future: futures.Future, ...loops, ...bridge, ...combinators, native: makeNative(binding, futures),
    ...extension?.make({ binding, futures, loops }),
  };
  // @internal the module's binding, for tests
  const api = { [Symbol.for('wasm-future.internals')]: binding };
  for (const name of [...API, ...extension?.names ?? []]) api[name] = made[name];
  return Object.freeze(api);
}

/**
 * The JS API bound to `module`, with what `extension` adds ({ names, make }:
 * attach.js's pool); attaching twice gives the same object.
 */
export function attachCore(module, extension = null) {
  const rt = runtimeOf(module);
  const existing = apis.get(rt);
  if (existing !== undefined) return existing;
  if (rt.owner !== null)
    throw new Error(`attach(Module): another copy of the wasm-future package (${rt.owner.version}) attached to ` +
      'this module already; use the API that copy returned');
  return attachNew(module, rt, extension);
}

function attachNew(module, rt, extension) {
  const api = build(module, rt, extension);
  rt.owner = COPY;
  apis.set(rt, api);
  return api;
}

/**
 * The JS API of a module this package built and just started (the browser
 * entry's): of attach's checks of a module a user hands in, only the C
 * library's ABI version can fail (a .wasm of another release, cached), which
 * its runtime's bind() checks before it reads the table
 * (js/runtime/table-browser.js).
 */
export function attachOwn(module) {
  return attachNew(module, module.wasmFuture, null);
}
