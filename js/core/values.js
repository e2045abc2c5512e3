// C values on their way out to JS: tagged wf_values in wasm memory. (Values
// on their way in are the value codec's, js/runtime/codec.js: one at a time
// by the module's runtime, which C needs before any JS attached
// (js/runtime/exchange.js, through binding/exchange.js here), and a pool
// task's arguments by concurrent/arguments.js.)
import * as K from './abi.js';
import { cError } from './errors.js';

const decoder = new TextDecoder();

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
