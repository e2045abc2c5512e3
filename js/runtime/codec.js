// The value codec: which C type a JS value becomes, and how a tagged wf_value
// is laid out. The JS type decides the C type, never the magnitude: a number
// is a double, a BigInt of 64 bits an integer, a boolean a bool, undefined
// nothing, a string UTF-8, a Uint8Array bytes; anything else (and a string
// UTF-8 cannot carry, a BigInt past 64 bits) can only travel as the JS value
// itself. The module runtime writes one value into the exchange area with it
// (exchange.js), the JS API an array of task arguments
// (js/concurrent/arguments.js); it reads nothing but its arguments, so both
// import it, and no other file decides a C type or lays out a wf_value.
// Invariant: no getter, own property or Proxy of a value can make a writer
// write outside what it reserved: bytes are read once, from the real object.
import {
  AT_VALUE_AS, AT_VALUE_SIZE, AT_VALUE_TYPE, WF_VALUE_BOOL, WF_VALUE_BYTES, WF_VALUE_DOUBLE, WF_VALUE_INT,
  WF_VALUE_JS, WF_VALUE_NONE, WF_VALUE_STRING,
} from '../core/abi.js';

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

/**
 * The C type `value` is written as: WF_VALUE_JS when it can travel only as
 * itself. Strings and bytes are WF_VALUE_STRING and WF_VALUE_BYTES; their
 * payload is the writer's (bytesOf, UTF-8).
 */
export function cTypeOf(value) {
  switch (typeof value) {
    case 'undefined': return WF_VALUE_NONE;
    case 'boolean': return WF_VALUE_BOOL;
    case 'number': return WF_VALUE_DOUBLE;
    case 'bigint': return value >= INT64_MIN && value <= INT64_MAX ? WF_VALUE_INT : WF_VALUE_JS;
    case 'string': return isWellFormed(value) ? WF_VALUE_STRING : WF_VALUE_JS;
    default: return tagOf.call(value) === 'Uint8Array' ? WF_VALUE_BYTES : WF_VALUE_JS;
  }
}

/** Writes the wf_value at `ptr` in `views`: its type and size, and a bool, integer or double's payload. */
export function writeTagged(views, ptr, type, size, value) {
  var as = ptr + AT_VALUE_AS;
  if (type === WF_VALUE_BOOL) views['i32'][as >> 2] = value ? 1 : 0;
  else if (type === WF_VALUE_INT) views['i64'][as >> 3] = value;
  else if (type === WF_VALUE_DOUBLE) views['f64'][as >> 3] = value;
  views['u32'][(ptr + AT_VALUE_TYPE) >> 2] = type;
  views['u32'][(ptr + AT_VALUE_SIZE) >> 2] = size;
}

/** Writes a string's or bytes' payload pointer (or a held value's slot) into the wf_value at `ptr`. */
export function writeAddress(views, ptr, address) {
  views['u32'][(ptr + AT_VALUE_AS) >> 2] = address;
}
