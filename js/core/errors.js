// The error classes of the public API (one set for every module a copy of
// the package attaches to), and the conversion of C error codes.
import * as K from './abi.js';

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

/**
 * The JS error for a C error value: CancelledError and TimeoutError for those
 * codes, else an Error with the message and `code` the C code.
 */
export function cError(code, message) {
  if (code === K.WF_ECANCELLED) return new CancelledError(message);
  if (code === K.WF_ETIMEDOUT) return new TimeoutError(message);
  const error = new Error(message);
  error.code = code;
  return error;
}

/** A short description of a value for error messages. */
export function describe(value) {
  if (value === null) return 'null';
  try {
    if (typeof value === 'object') return value.constructor?.name ?? 'object';
    if (typeof value === 'function') return `function ${value.name || 'anonymous'}`;
    return `${typeof value} ${String(value)}`;
  } catch {
    return typeof value;
  }
}

// For code that must not throw (a drain, a timer, a finalizer, an error
// message about a hostile object): text that getters, toString and Proxy
// traps cannot make throw.

/** String(value), or a placeholder when converting it throws. */
export function textOf(value, fallback = '<unprintable>') {
  try {
    return String(value);
  } catch {
    try {
      return Object.prototype.toString.call(value);
    } catch {
      return fallback;
    }
  }
}

/** What a caught error says, for a message of ours. */
export function reasonOf(error) {
  try {
    return String(error?.message ?? error);
  } catch {
    return 'an error';
  }
}

/** A callback's name for a report: 'anonymous' when it has none or its getter throws. */
export function nameOf(fn) {
  try {
    return (typeof fn.name === 'string' && fn.name) || 'anonymous';
  } catch {
    return 'anonymous';
  }
}

/**
 * options[key], or a TypeError when reading it throws (a getter, a Proxy's
 * trap): a caller's bad object never lets a foreign error out.
 */
export function readOption(options, key, what) {
  try {
    return options?.[key];
  } catch (error) {
    throw new TypeError(`${what}: reading options.${key} threw: ${reasonOf(error)}`);
  }
}

/**
 * throwCode(code, what) for one module (C: its entry points): throws the JS
 * error that stands for a C return code the caller did not expect.
 */
export function makeThrowCode(C, cString) {
  return (code, what) => {
    if (code === K.WF_ENOMEM) throw new RangeError(`${what}: wasm memory is exhausted`);
    const error = new Error(`${what}: ${cString(C.strerror(code))}`);
    error.code = code;
    throw error;
  };
}
