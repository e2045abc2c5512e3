// The scratch buffer: strings and bytes on their way into C (js.c,
// wf__js_reserve). Each use ends with the C call that copies out of it, so one
// buffer serves every call. Past JS_SCRATCH_KEEP bytes the buffer is one of its
// own, given back once the call that used it returned.
// Beware: reserve() calls into C, which may grow the memory; take views after it.
import { JS_SCRATCH_KEEP } from '../core/abi.js';
import { bind, heap } from './heap.js';
import { canEncodeInto } from '#memory';

var encoder = new TextEncoder();
var resolved = Promise.resolve();
var trimQueued = false;

function trim() {
  trimQueued = false;
  bind()['fn']['reserveTrim']();
}

/** The scratch buffer's address, with room for `size` bytes; RangeError when memory is exhausted. */
export function reserve(size) {
  var ptr = bind()['fn']['reserve'](size);
  if (!ptr) throw new RangeError('wasm memory is exhausted');
  if (size > JS_SCRATCH_KEEP && !trimQueued) {
    trimQueued = true;
    resolved.then(trim);
  }
  return ptr;
}

/**
 * The UTF-8 of `text` in the scratch buffer, `extra` bytes to spare after it:
 * at most 3 bytes a UTF-16 unit, or, for a long text, exactly as many as it takes.
 */
export function writeUtf8(text, extra) {
  if (text.length * 3 + extra <= JS_SCRATCH_KEEP && canEncodeInto(heap()['u8'])) {
    var ptr = reserve(text.length * 3 + extra);
    return { ptr: ptr, size: encoder.encodeInto(text, heap()['u8'].subarray(ptr, ptr + text.length * 3)).written };
  }
  var bytes = encoder.encode(text);
  var big = reserve(bytes.length + extra);
  heap()['u8'].set(bytes, big);
  return { ptr: big, size: bytes.length };
}

/** `text` as a NUL-terminated C string in the scratch buffer. */
export function writeCString(text) {
  var out = writeUtf8(text, 1);
  heap()['u8'][out.ptr + out.size] = 0;
  return out.ptr;
}
