// Text in and out of a module whose memory is an ArrayBuffer of its own (no
// threads): TextDecoder and encodeInto take views of it directly.
var decoder = new TextDecoder();

export function decodeRange(u8, start, end) {
  return decoder.decode(u8.subarray(start, end));
}

export function canEncodeInto(u8) {
  return true;
}
