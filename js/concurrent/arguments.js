// A pool task's arguments: an array of wf_values in one malloc'd block, the
// structs first, then the payloads of strings and bytes, which C copies before
// the task starts (c/src/binding/pool.c). The value codec
// (js/runtime/codec.js) decides each argument's C type and lays out each
// wf_value, as it does for the module runtime's writes into the exchange area.
// Invariants:
// - An argument that would travel as a JS value (WF_VALUE_JS: an object, a
//   BigInt past 64 bits, a string with a lone surrogate) is refused: a task
//   may run on another thread, where no JS value of this one exists.
// - Each payload is read once, and only it is copied (bytesOf: a Uint8Array's
//   own length may lie), so the block holds exactly what was measured.
import { VALUE_SIZEOF, WF_VALUE_BYTES, WF_VALUE_JS, WF_VALUE_STRING } from '../core/abi.js';
import { bytesOf, cTypeOf, writeAddress, writeTagged } from '../runtime/codec.js';

const encoder = new TextEncoder();

function refusal(value, i) {
  const which = `submit: argument ${i + 1}`;
  if (typeof value === 'bigint') return new TypeError(`${which} does not fit in 64 bits`);
  if (typeof value === 'string') return new TypeError(`${which} has a lone surrogate, which UTF-8 cannot carry`);
  return new TypeError(`${which} must be a number, a string or a Uint8Array, got ${typeof value}`);
}

/**
 * The C type of each of `args`; a TypeError names the first that has none
 * but WF_VALUE_JS.
 * @param {unknown[]} args
 * @returns {number[]}
 */
export function argumentTypes(args) {
  return args.map((value, i) => {
    const type = cTypeOf(value);
    if (type === WF_VALUE_JS) throw refusal(value, i);
    return type;
  });
}

function payloadOf(value, type) {
  if (type === WF_VALUE_STRING) return encoder.encode(value);
  return type === WF_VALUE_BYTES ? bytesOf(value) : null;
}

/**
 * Lays out `args` (numbers, BigInts, booleans, undefined, strings,
 * Uint8Arrays) as an array of wf_values in a block that module runtime `rt`
 * malloc'd; the caller frees it. A TypeError names the first argument of
 * another kind, a RangeError says the memory is exhausted.
 * @param {object} rt the module runtime (Module.wasmFuture)
 * @param {unknown[]} args
 * @returns {number} the block's address
 */
export function writeArguments(rt, args) {
  const types = argumentTypes(args);
  const payloads = args.map((value, i) => payloadOf(value, types[i]));
  const structs = args.length * VALUE_SIZEOF;
  const total = structs + payloads.reduce((sum, p) => sum + (p?.length ?? 0), 0);
  // malloc takes a 32-bit size: a larger total would wrap to a small block.
  const block = total > 0x7fffffff ? 0 : rt.bind().fn.malloc(Math.max(total, 1));
  if (!block) throw new RangeError('submit: wasm memory is exhausted');
  const views = rt.heap();
  let next = block + structs;
  args.forEach((value, i) => {
    const ptr = block + i * VALUE_SIZEOF;
    const payload = payloads[i];
    writeTagged(views, ptr, types[i], payload?.length ?? 0, value);
    if (payload === null) return;
    views.u8.set(payload, next);
    writeAddress(views, ptr, next);
    next += payload.length;
  });
  return block;
}
