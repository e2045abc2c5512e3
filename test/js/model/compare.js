// How a value the runtime gave back is compared with what the model expects.
// Values a test handed in come back as the same object (or, for strings,
// numbers and bytes, an equal copy); errors the runtime makes itself are
// described by the model (reference.js: cancelledError, timeoutError, ...).
import { CancelledError, InvalidStateError, TimeoutError } from '../../../js/node.js';
import { DESCRIBED } from './reference.js';

const ERROR_CLASSES = { CancelledError, InvalidStateError, TimeoutError };

/** A group of named observations compared field by field (not a value the test handed in). */
export class Observation {
  constructor(fields) {
    Object.assign(this, fields);
  }
}

/** The outcome of a call: what it returned, or what it threw. */
export class Outcome {
  constructor(threw, value) {
    this.threw = threw;
    this.value = value;
  }
}

export function attempt(fn) {
  try {
    return new Outcome(false, fn());
  } catch (error) {
    return new Outcome(true, error);
  }
}

function matchesDescription(real, expected) {
  switch (expected[DESCRIBED]) {
    case 'CancelledError':
      return real instanceof CancelledError && real.message === expected.message;
    case 'TimeoutError':
      return real instanceof TimeoutError;
    case 'InvalidStateError':
      return real instanceof InvalidStateError && (expected.mentions === null || real.message.includes(expected.mentions));
    case 'instance':
      return real instanceof Error && Object.getPrototypeOf(real) === expected.cls.prototype;
    case 'list':
      return Array.isArray(real) && real.length === expected.items.length &&
        expected.items.every((item, i) => same(real[i], item));
    case 'anything':
      return true;
    case 'startsWith':
      return typeof real === 'string' && real.startsWith(expected.prefix);
    default:
      throw new Error(`unknown description ${String(expected[DESCRIBED])}`);
  }
}

/** Whether `real` (from the runtime) is what the model's `expected` says. */
export function same(real, expected) {
  if (expected !== null && typeof expected === 'object' && DESCRIBED in expected) return matchesDescription(real, expected);
  if (expected instanceof Observation) {
    if (!(real instanceof Observation)) return false;
    const keys = Object.keys(expected);
    return keys.length === Object.keys(real).length && keys.every((k) => same(real[k], expected[k]));
  }
  if (expected instanceof Uint8Array) {
    return real instanceof Uint8Array && real.length === expected.length && real.every((b, i) => b === expected[i]);
  }
  if (expected instanceof Outcome) {
    return real instanceof Outcome && real.threw === expected.threw && same(real.value, expected.value);
  }
  return Object.is(real, expected);
}

/** A short, readable rendering of runtime values and model descriptions, for failure messages. */
export function show(x, depth = 0) {
  if (depth > 3) return '…';
  if (x === null || x === undefined || typeof x === 'boolean') return String(x);
  if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);
  if (typeof x === 'bigint') return `${x}n`;
  if (typeof x === 'string') return JSON.stringify(x);
  if (typeof x === 'symbol') return x.toString();
  if (typeof x === 'function') return x.name ? `[class/function ${x.name}]` : '[function]';
  if (DESCRIBED in x) {
    const { [DESCRIBED]: kind, ...rest } = x;
    if (kind === 'list') return `list[${x.items.map((i) => show(i, depth + 1)).join(', ')}]`;
    if (kind === 'instance') return `new ${x.cls.name}()`;
    return `${kind}${Object.keys(rest).length ? `(${Object.entries(rest).map(([k, v]) => `${k}=${show(v, depth + 1)}`).join(', ')})` : ''}`;
  }
  if (x instanceof Error) return `${x.constructor.name}(${JSON.stringify(x.message)})`;
  if (x instanceof Uint8Array) return `Uint8Array[${[...x].join(',')}]`;
  if (Array.isArray(x)) return `[${x.map((i) => show(i, depth + 1)).join(', ')}]`;
  if (x?.[Symbol.toStringTag] === 'Future') return x.toString();
  if (x instanceof Outcome) return `${x.threw ? 'threw' : 'returned'} ${show(x.value, depth + 1)}`;
  if (x instanceof Observation || Object.getPrototypeOf(x) === Object.prototype) {
    return `{${Object.entries(x).map(([k, v]) => `${k}: ${show(v, depth + 1)}`).join(', ')}}`;
  }
  return Object.prototype.toString.call(x);
}
