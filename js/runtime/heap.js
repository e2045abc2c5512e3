// Views of the module's memory and C's table. Emscripten's glue makes a new
// HEAPU8 whenever memory grows; comparing the view, not its .buffer (a
// getter that costs as much as the rest of a call), tells when to make new
// views. Invariant: a view taken from heap() is good until the next call into
// C (which may grow the memory).
import { decodeRange } from '#memory';
import { readTable } from '#table';

var views = null;
var viewsOf = null;
var table = null;

export function heap() {
  var u8 = HEAPU8;
  if (u8 !== viewsOf) {
    var buffer = u8.buffer;
    views = {
      'u8': new Uint8Array(buffer), 'u32': new Uint32Array(buffer), 'i32': new Int32Array(buffer),
      'f64': new Float64Array(buffer), 'i64': new BigInt64Array(buffer),
    };
    viewsOf = u8;
  }
  return views;
}

/** The NUL-terminated UTF-8 string at `ptr`, or null for NULL. */
export function cString(ptr) {
  if (!ptr) return null;
  var u8 = heap()['u8'];
  var end = ptr;
  while (u8[end] !== 0) end++;
  return decodeRange(u8, ptr, end);
}

/**
 * C's table (binding/js.c): entry points, offsets and constants by name,
 * { fn, at, constants }, read the variant's way (#table). It throws until the
 * module's memory and table exist, which is how the runtime tells that the
 * module has started.
 */
export function bind() {
  if (table === null) table = readTable(heap()['u8'], heap()['u32'], wasmFutureTable() >>> 2);
  return table;
}
