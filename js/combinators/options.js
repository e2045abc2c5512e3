// The options every combinator reads, read once: a getter or Proxy trap that
// throws is a TypeError of the combinator's own.
import { describe, readOption } from '../core/errors.js';
import { checkSignal } from '../future/signal.js';

/** A plain copy of the options the combinators read: a getter or Proxy trap that throws is a TypeError here. */
export function readOptions(options, what) {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') throw new TypeError(`${what}: options must be an object`);
  const copy = {};
  for (const key of ['signal', 'timeout', 'returnWhen', 'returnExceptions']) copy[key] = readOption(options, key, what);
  checkSignal(copy.signal, what);
  return copy;
}

/** ms, with null/undefined meaning no timeout (Infinity). */
export function readTimeout(value, what, name) {
  if (value === undefined || value === null) return Infinity;
  if (typeof value !== 'number' || Number.isNaN(value))
    throw new TypeError(`${what}: ${name} must be a number of milliseconds or null, got ${describe(value)}`);
  return value;
}
