// The error classes of the public API, and the conversion of C error codes.
import { C, M } from './runtime.js';

/** The operation was cancelled; `message` is the cancel message. */
export class CancelledError extends Error {
  constructor(message) {
    super(message ?? '');
    this.name = 'CancelledError';
  }
}

/** A future was not in the state the call needs (asyncio.InvalidStateError). */
export class InvalidStateError extends Error {
  constructor(message) {
    super(message);
    this.name = 'InvalidStateError';
  }
}

/** A deadline passed (asyncio.TimeoutError). */
export class TimeoutError extends Error {
  constructor(message) {
    super(message ?? '');
    this.name = 'TimeoutError';
  }
}

/** The C codes the wrapper tells apart; the C header is the authority. */
export const Code = Object.freeze({
  EINVAL: -1, ENOMEM: -2, EINVALSTATE: -3, ECANCELLED: -4, EEXCEPTION: -5, EBUSY: -6, ETIMEDOUT: -7,
});

/** @returns {string} the C description of a WF_E* code */
export function strerror(code) {
  return readCString(C.wf_strerror(code));
}

/**
 * The JS error for a C error value: CancelledError and TimeoutError for those
 * codes, else an Error with the message and `code` the C code.
 */
export function cError(code, message) {
  if (code === Code.ECANCELLED) return new CancelledError(message);
  if (code === Code.ETIMEDOUT) return new TimeoutError(message);
  const error = new Error(message);
  error.code = code;
  return error;
}

/** Throws the JS error that stands for a C return code the caller did not expect. */
export function throwCode(code, what) {
  if (code === Code.ENOMEM) throw new RangeError(`${what}: wasm memory is exhausted`);
  const error = new Error(`${what}: ${strerror(code)}`);
  error.code = code;
  throw error;
}

const decoder = new TextDecoder();

/** Decodes a NUL-terminated UTF-8 string at `ptr` (0: null). */
export function readCString(ptr) {
  if (!ptr) return null;
  const heap = M.HEAPU8;
  let end = ptr;
  while (heap[end] !== 0) end++;
  return decoder.decode(heap.subarray(ptr, end));
}
