// Text in and out of a module with threads, whose memory may be a
// SharedArrayBuffer: TextDecoder takes no view of shared memory, and browsers
// refuse encodeInto on one (Node allows both), so such a view is copied.
var decoder = new TextDecoder();

export function decodeRange(u8, start, end) {
  return decoder.decode(u8.buffer instanceof ArrayBuffer ? u8.subarray(start, end) : u8.slice(start, end));
}

export function canEncodeInto(u8) {
  return u8.buffer instanceof ArrayBuffer;
}
