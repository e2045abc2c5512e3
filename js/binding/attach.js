// attach(Module): the whole JS API bound to one Emscripten module that links
// the wasm-future C library, thread pool included.
import { POOL_API } from '../api.js';
import { ABI_VERSION, PACKAGE_VERSION } from '../core/abi.js';
import { makePool } from '../concurrent/pool.js';
import { attachCore } from './attach-core.js';

const withPool = { names: POOL_API, make: makePool };

/**
 * The JS API bound to `module`, an Emscripten module that links the
 * wasm-future C library (see docs/c-guide.md). Attaching twice gives the same
 * object.
 * @param {object} module the object the module's factory resolved with
 */
export function attach(module) {
  return attachCore(module, withPool);
}

export { ABI_VERSION, PACKAGE_VERSION };
