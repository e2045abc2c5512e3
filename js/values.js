// JS values on their way into and out of C: tagged wf_values in wasm memory,
// and a table of JS values that C holds by number.
import { C, L, heap } from './runtime.js';
import { cError } from './errors.js';
import { wrapperOf } from './future.js';

const NONE = 0, BOOL = 1, INT = 2, DOUBLE = 3, STRING = 4, BYTES = 5, JS = 6, POINTER = 7, ERROR = 8,
  FUTURE = 9, ARRAY = 10;

// Slot 0 is never handed out, so 0 can mean "no handle".
const held = [undefined];
const freeSlots = [];

/** Keeps `value` for C; returns its handle. */
export function hold(value) {
  const slot = freeSlots.length > 0 ? freeSlots.pop() : held.length;
  held[slot] = value;
  return slot;
}

/** The value behind a handle, which stays held. */
export function peek(slot) {
  return held[slot];
}

/** A second handle for the value behind `slot` (C copied a value). */
export function dup(slot) {
  return hold(held[slot]);
}

/** Lets go of a handle and returns its value. */
export function take(slot) {
  const value = held[slot];
  held[slot] = undefined;
  freeSlots.push(slot);
  return value;
}

/** How many JS values C holds now (for tests and benchmarks). */
export function heldCount() {
  return held.length - 1 - freeSlots.length;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const INT64_MIN = -(2n ** 63n), INT64_MAX = 2n ** 63n - 1n;

/** Writes a NUL-terminated UTF-8 copy of `text` to the scratch buffer. */
export function writeCString(text) {
  const ptr = C.wf__js_reserve(text.length * 3 + 1);
  if (!ptr) throw new RangeError('wasm memory is exhausted');
  const mem = heap().u8;
  const { written } = encoder.encodeInto(text, mem.subarray(ptr, ptr + text.length * 3));
  mem[ptr + written] = 0;
  return ptr;
}

/**
 * Writes `value` to the exchange area as a wf_value. Strings and Uint8Arrays
 * are copied by C; numbers, booleans, undefined and 64-bit BigInts are
 * stored as C scalars; anything else is held as a JS handle.
 * @returns {number} the handle held for it, or 0: the caller releases it if C
 *   refuses the value
 */
export function writeValue(value) {
  const base = L.ioValue;
  let type, size = 0, slot = 0;
  switch (typeof value) {
    case 'undefined': type = NONE; break;
    case 'boolean': type = BOOL; heap().i32[(base + L.valueAs) >> 2] = value ? 1 : 0; break;
    case 'number': type = DOUBLE; heap().f64[(base + L.valueAs) >> 3] = value; break;
    case 'bigint':
      if (value >= INT64_MIN && value <= INT64_MAX) {
        type = INT;
        heap().i64[(base + L.valueAs) >> 3] = value;
      } else {
        type = JS;
      }
      break;
    case 'string': {
      const ptr = C.wf__js_reserve(value.length * 3);
      if (!ptr) throw new RangeError('wasm memory is exhausted');
      const mem = heap().u8;
      size = encoder.encodeInto(value, mem.subarray(ptr, ptr + value.length * 3)).written;
      type = STRING;
      heap().u32[(base + L.valueAs) >> 2] = ptr;
      break;
    }
    default:
      if (value instanceof Uint8Array) {
        const ptr = C.wf__js_reserve(value.length);
        if (!ptr) throw new RangeError('wasm memory is exhausted');
        heap().u8.set(value, ptr);
        type = BYTES;
        size = value.length;
        heap().u32[(base + L.valueAs) >> 2] = ptr;
      } else {
        type = JS;
      }
  }
  if (type === JS) {
    slot = hold(value);
    heap().u32[(base + L.valueAs) >> 2] = slot;
  }
  heap().u32[(base + L.valueType) >> 2] = type;
  heap().u32[(base + L.valueSize) >> 2] = size;
  return slot;
}

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

// TextDecoder takes no view of a SharedArrayBuffer (the threaded build's memory).
const decodeUtf8 = (bytes, ptr, size) =>
  decoder.decode(bytes.buffer instanceof ArrayBuffer ? bytes.subarray(ptr, ptr + size) : bytes.slice(ptr, ptr + size));

/**
 * Reads a wf_value that holds no JS handle, future or array, from the memory
 * that `views` (see viewsOf) show (either build), with `layout`'s offsets.
 */
export function readScalar(views, layout, ptr) {
  const u32 = views.u32;
  const as = ptr + layout.valueAs;
  const size = u32[(ptr + layout.valueSize) >> 2];
  switch (u32[(ptr + layout.valueType) >> 2]) {
    case NONE: return undefined;
    case BOOL: return views.i32[as >> 2] !== 0;
    case INT: {
      const big = views.i64[as >> 3];
      return big >= -9007199254740991n && big <= 9007199254740991n ? Number(big) : big;
    }
    case DOUBLE: return views.f64[as >> 3];
    case STRING: return readString(views.u8, u32[as >> 2], size);
    case BYTES: {
      const data = u32[as >> 2];
      return views.u8.slice(data, data + size);
    }
    case POINTER: return { pointer: u32[as >> 2] };
    case ERROR:
      return cError(views.i32[as >> 2], readString(views.u8, u32[(ptr + layout.valueErrorMessage) >> 2], size));
    default: throw new TypeError('wasm-future: unknown value type in wasm memory');
  }
}

/** A TypeError naming the first of `values` that writeValues cannot lay out. */
export function checkValues(values, what) {
  values.forEach((value, i) => {
    if (typeof value === 'string' || value instanceof Uint8Array) return;
    if (!['number', 'bigint', 'boolean', 'undefined'].includes(typeof value))
      throw new TypeError(`${what}: argument ${i + 1} must be a number, a string or a Uint8Array, got ${typeof value}`);
    if (typeof value === 'bigint' && (value < INT64_MIN || value > INT64_MAX))
      throw new TypeError(`${what}: argument ${i + 1} does not fit in 64 bits`);
  });
}

/**
 * Lays out `values` (numbers, BigInts, booleans, undefined, strings,
 * Uint8Arrays) as an array of wf_values in a malloc'd block of `module`;
 * the caller frees it. A TypeError names the first value of another kind.
 */
export function writeValues(module, layout, values, what) {
  checkValues(values, what);
  const payloads = values.map((value) => {
    if (typeof value === 'string') return encoder.encode(value);
    return value instanceof Uint8Array ? value : null;
  });
  const structs = values.length * layout.valueSizeof;
  const total = structs + payloads.reduce((sum, p) => sum + (p?.length ?? 0), 0);
  const block = module._malloc(Math.max(total, 1));
  if (!block) throw new RangeError(`${what}: wasm memory is exhausted`);
  let next = block + structs;
  values.forEach((value, i) => {
    const ptr = block + i * layout.valueSizeof;
    const as = ptr + layout.valueAs;
    let type = NONE;
    let size = 0;
    if (typeof value === 'number') {
      type = DOUBLE;
      module.HEAPF64[as >> 3] = value;
    } else if (typeof value === 'bigint') {
      type = INT;
      module.HEAP64[as >> 3] = value;
    } else if (typeof value === 'boolean') {
      type = BOOL;
      module.HEAP32[as >> 2] = value ? 1 : 0;
    } else if (payloads[i] !== null) {
      type = typeof value === 'string' ? STRING : BYTES;
      size = payloads[i].length;
      module.HEAPU8.set(payloads[i], next);
      module.HEAPU32[as >> 2] = next;
      next += size;
    }
    module.HEAPU32[(ptr + layout.valueType) >> 2] = type;
    module.HEAPU32[(ptr + layout.valueSize) >> 2] = size;
  });
  return block;
}

/** Reads the wf_value at `ptr` as a JS value (copies strings and bytes). */
export function readValue(ptr) {
  const u32 = heap().u32;
  const as = ptr + L.valueAs;
  switch (u32[(ptr + L.valueType) >> 2]) {
    case JS: return held[u32[as >> 2]];
    case FUTURE: return wrapperOf(u32[as >> 2]);
    case ARRAY: {
      const items = u32[as >> 2];
      const array = new Array(u32[(ptr + L.valueSize) >> 2]);
      for (let i = 0; i < array.length; i++) array[i] = readValue(items + i * L.valueSizeof);
      return array;
    }
    default: return readScalar(heap(), L, ptr);
  }
}
