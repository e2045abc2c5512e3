// A JS value as a C value (a tagged wf_value) in the exchange area, where
// wf__js_set and its kin read it. The JS type decides the C type, never the
// magnitude: a number is a double, a BigInt of 64 bits an integer, a string
// UTF-8, a Uint8Array bytes; anything else (and a string UTF-8 cannot carry,
// a BigInt past 64 bits) is held as the JS value itself.
// Invariant: no getter, own property or Proxy of the value can make this write
// outside what it reserved: bytes are read once, from the real object.
import {
  AT_VALUE_AS, AT_VALUE_SIZE, AT_VALUE_TYPE, WF_VALUE_BOOL, WF_VALUE_BYTES, WF_VALUE_DOUBLE, WF_VALUE_INT,
  WF_VALUE_JS, WF_VALUE_NONE, WF_VALUE_STRING,
} from '../core/abi.js';
import { bind, heap } from './heap.js';
import { hold } from './held.js';
import { reserve, writeUtf8 } from './scratch.js';

export var INT64_MIN = -(BigInt(2) ** BigInt(63)), INT64_MAX = BigInt(2) ** BigInt(63) - BigInt(1);

// The bytes of a genuine Uint8Array (a subclass's too), as a view of exactly
// its length, or null for anything else. Beware: `length`, `buffer` and
// `byteOffset` can be own properties that lie, and a Proxy of a Uint8Array
// passes instanceof; the engine's own getters read the real object once, and
// its Symbol.toStringTag getter answers undefined for anything but a typed
// array.
var typedArray = Object.getPrototypeOf(Uint8Array.prototype);
function intrinsic(name) { return Object.getOwnPropertyDescriptor(typedArray, name).get; }
var tagOf = intrinsic(Symbol.toStringTag), bufferOf = intrinsic('buffer'),
  offsetOf = intrinsic('byteOffset'), lengthOf = intrinsic('length');

export function bytesOf(value) {
  if (tagOf.call(value) !== 'Uint8Array') return null;
  return new Uint8Array(bufferOf.call(value), offsetOf.call(value), lengthOf.call(value));
}

// A string that UTF-8 cannot carry (a lone surrogate) travels as a JS value,
// so that it comes back as it was set.
function isWellFormed(text) {
  return typeof text.isWellFormed === 'function' ? text.isWellFormed() : !/\p{Surrogate}/u.test(text);
}

/** Writes `value` into the exchange area; the slot it holds the value in, or 0. */
export function writeValue(value) {
  var base = bind()['at']['ioValue'];
  var as = base + AT_VALUE_AS;
  var type, size = 0, slot = 0, ptr;
  switch (typeof value) {
    case 'undefined': type = WF_VALUE_NONE; break;
    case 'boolean': type = WF_VALUE_BOOL; heap()['i32'][as >> 2] = value ? 1 : 0; break;
    case 'number': type = WF_VALUE_DOUBLE; heap()['f64'][as >> 3] = value; break;
    case 'bigint':
      if (value >= INT64_MIN && value <= INT64_MAX) {
        type = WF_VALUE_INT;
        heap()['i64'][as >> 3] = value;
      } else {
        type = WF_VALUE_JS;
      }
      break;
    case 'string':
      if (!isWellFormed(value)) {
        type = WF_VALUE_JS;
        break;
      }
      var utf8 = writeUtf8(value, 0);
      size = utf8.size;
      type = WF_VALUE_STRING;
      heap()['u32'][as >> 2] = utf8.ptr;
      break;
    default:
      var bytes = bytesOf(value);
      if (bytes !== null) {
        ptr = reserve(bytes.length);
        heap()['u8'].set(bytes, ptr);
        type = WF_VALUE_BYTES;
        size = bytes.length;
        heap()['u32'][as >> 2] = ptr;
      } else {
        type = WF_VALUE_JS;
      }
  }
  if (type === WF_VALUE_JS) {
    slot = hold(value);
    heap()['u32'][as >> 2] = slot;
  }
  heap()['u32'][(base + AT_VALUE_TYPE) >> 2] = type;
  heap()['u32'][(base + AT_VALUE_SIZE) >> 2] = size;
  return slot;
}
