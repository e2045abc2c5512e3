// C's table as the package's browser module has it: no names in its .wasm
// (c/src/binding/js.c); its entries by position, as scripts/gen-abi.mjs
// wrote them from the C library (table-positions.js).
import { ABI_VERSION } from '../core/abi.js';
import { BROWSER_TABLE_SIZE, browserTable } from './table-positions.js';

/** { fn, at, constants } of the table whose two pointers (names, values) are at u32[at]. */
export function readTable(u8, u32, at) {
  var i = u32[at + 1] >>> 2;
  // A .wasm of another release (one a cache kept) may have other entries:
  // refused before any is read.
  if (u32[i] !== ABI_VERSION || u32[i + 1] !== BROWSER_TABLE_SIZE) throw new Error('wasm-future: the .wasm is of another release');
  function value() { return u32[i++]; }
  return browserTable(value, function () { return getWasmTableEntry(value()); });
}
