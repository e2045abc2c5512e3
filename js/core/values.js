// C values on their way out to JS: tagged wf_values in wasm memory. (Values
// on their way in: one at a time by the module's runtime, which C needs
// before any JS attached (js/runtime/exchange.js, through binding/
// exchange.js here), and the pool's task arguments by writeValues below.)
import * as K from './abi.js';
import { cError } from './errors.js';

const decoder = new TextDecoder();
const INT64_MIN = -(2n ** 63n), INT64_MAX = 2n ** 63n - 1n;

// TextDecoder takes no view of a SharedArrayBuffer (the threaded build's memory).
const decodeUtf8 = (bytes, ptr, size) =>
  decoder.decode(bytes.buffer instanceof ArrayBuffer ? bytes.subarray(ptr, ptr + size) : bytes.slice(ptr, ptr + size));

function readString(bytes, ptr, size) {
  if (size < 32) {
    let ascii = '';
    for (let i = 0; i < size; i++) {
      const c = bytes[ptr + i];
      if (c > 127) return decodeUtf8(bytes, ptr, size);
      ascii += String.fromCharCode(c);
    }
    return ascii;
  }
  return decodeUtf8(bytes, ptr, size);
}

/**
 * Reads a wf_value that holds no JS handle, future or array, from the memory
 * that `views` show (any module's: they share the layout).
 */
function readScalar(views, ptr) {
  const u32 = views.u32;
  const as = ptr + K.AT_VALUE_AS;
  const size = u32[(ptr + K.AT_VALUE_SIZE) >> 2];
  switch (u32[(ptr + K.AT_VALUE_TYPE) >> 2]) {
    case K.WF_VALUE_NONE: return undefined;
    case K.WF_VALUE_BOOL: return views.i32[as >> 2] !== 0;
    // A value's JS type follows its C type, never its magnitude: every
    // integer is a BigInt, every double a Number.
    case K.WF_VALUE_INT: return views.i64[as >> 3];
    case K.WF_VALUE_DOUBLE: return views.f64[as >> 3];
    case K.WF_VALUE_STRING: return readString(views.u8, u32[as >> 2], size);
    case K.WF_VALUE_BYTES: {
      const data = u32[as >> 2];
      return views.u8.slice(data, data + size);
    }
    case K.WF_VALUE_POINTER: return { pointer: u32[as >> 2] };
    case K.WF_VALUE_ERROR:
      return cError(views.i32[as >> 2], readString(views.u8, u32[(ptr + K.AT_VALUE_ERROR_MESSAGE) >> 2], size));
    default: throw new TypeError('wasm-future: unknown value type in wasm memory');
  }
}

/** A TypeError naming the first of `values` that writeValues cannot lay out (rt: the module runtime). */
export function checkValues(rt, values, what) {
  values.forEach((value, i) => {
    if (typeof value === 'string' || rt.bytesOf(value) !== null) return;
    if (!['number', 'bigint', 'boolean', 'undefined'].includes(typeof value))
      throw new TypeError(`${what}: argument ${i + 1} must be a number, a string or a Uint8Array, got ${typeof value}`);
    if (typeof value === 'bigint' && (value < INT64_MIN || value > INT64_MAX))
      throw new TypeError(`${what}: argument ${i + 1} does not fit in 64 bits`);
  });
}

/**
 * Lays out `values` (numbers, BigInts, booleans, undefined, strings,
 * Uint8Arrays) as an array of wf_values in a block that module runtime `rt`
 * malloc'd; the caller frees it. A TypeError names the first value of
 * another kind.
 */
export function writeValues(rt, values, what) {
  checkValues(rt, values, what);
  const { fn } = rt.bind();
  const encoder = new TextEncoder();
  // Each payload is read once, and only it is copied (rt.bytesOf: a Uint8Array's own length may lie).
  const payloads = values.map((value) => (typeof value === 'string' ? encoder.encode(value) : rt.bytesOf(value)));
  const structs = values.length * K.VALUE_SIZEOF;
  const total = structs + payloads.reduce((sum, p) => sum + (p?.length ?? 0), 0);
  // malloc takes a 32-bit size: a larger total would wrap to a small block.
  const block = total > 0x7fffffff ? 0 : fn.malloc(Math.max(total, 1));
  if (!block) throw new RangeError(`${what}: wasm memory is exhausted`);
  const views = rt.heap();
  let next = block + structs;
  values.forEach((value, i) => {
    const ptr = block + i * K.VALUE_SIZEOF;
    const as = ptr + K.AT_VALUE_AS;
    let type = K.WF_VALUE_NONE;
    let size = 0;
    if (typeof value === 'number') {
      type = K.WF_VALUE_DOUBLE;
      views.f64[as >> 3] = value;
    } else if (typeof value === 'bigint') {
      type = K.WF_VALUE_INT;
      views.i64[as >> 3] = value;
    } else if (typeof value === 'boolean') {
      type = K.WF_VALUE_BOOL;
      views.i32[as >> 2] = value ? 1 : 0;
    } else if (payloads[i] !== null) {
      type = typeof value === 'string' ? K.WF_VALUE_STRING : K.WF_VALUE_BYTES;
      size = payloads[i].length;
      views.u8.set(payloads[i], next);
      views.u32[as >> 2] = next;
      next += size;
    }
    views.u32[(ptr + K.AT_VALUE_TYPE) >> 2] = type;
    views.u32[(ptr + K.AT_VALUE_SIZE) >> 2] = size;
  });
  return block;
}

/**
 * readValue(ptr) for one module: the wf_value at `ptr` as a JS value
 * (strings and bytes copied, JS values as they were, futures as their
 * wrappers, wrapperOf(ptr)).
 */
export function makeReadValue({ heap, peek }, wrapperOf) {
  function readValue(ptr) {
    const views = heap();
    const u32 = views.u32;
    const as = ptr + K.AT_VALUE_AS;
    switch (u32[(ptr + K.AT_VALUE_TYPE) >> 2]) {
      // readScalar reads doubles too; the most common result skips the second switch.
      case K.WF_VALUE_DOUBLE: return views.f64[as >> 3];
      case K.WF_VALUE_JS: return peek(u32[as >> 2]);
      case K.WF_VALUE_FUTURE: return wrapperOf(u32[as >> 2]);
      case K.WF_VALUE_ARRAY: {
        const items = u32[as >> 2];
        const array = new Array(u32[(ptr + K.AT_VALUE_SIZE) >> 2]);
        for (let i = 0; i < array.length; i++) array[i] = readValue(items + i * K.VALUE_SIZEOF);
        return array;
      }
      default: return readScalar(views, ptr);
    }
  }
  return readValue;
}
