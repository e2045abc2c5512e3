// fast-check generators of scenarios for world.js: rounds of operations on a
// few futures, callback definitions, values and reasons.
//
// Generated inputs stay clear of issues being fixed elsewhere (so the
// properties are not flaky on them): BigInts (5n comes back as 5), strings with
// lone surrogates, cancel messages with NUL characters, negative delays, and
// errors whose message is undefined.
import fc from 'fast-check';
import { adoptingThenable } from './world.js';

export class CustomError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CustomError';
  }
}

/**
 * Future indices: taken modulo the number of futures the world has when the
 * operation runs. Mostly the first two, so that operations meet on the same
 * futures (a callback added twice, then removed; a future set twice).
 */
const futureIndex = fc.oneof({ weight: 2, arbitrary: fc.nat(1) }, { weight: 1, arbitrary: fc.nat(9) });

const wellFormed = (s) => s.isWellFormed();

/** Values of every kind a future carries: numbers, strings, bytes, booleans, and JS values by identity. */
export const richValue = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 2 ** 53 + 2, 2 ** 63, -(2 ** 63), 1e300),
  fc.boolean(),
  fc.constantFrom(undefined, null),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }).filter(wellFormed),
  // Past 32 bytes strings are decoded another way.
  fc.string({ unit: 'grapheme-ascii', minLength: 30, maxLength: 80 }),
  fc.string({ unit: 'grapheme', minLength: 10, maxLength: 40 }),
  fc.uint8Array({ maxLength: 8 }),
  fc.uint8Array({ minLength: 30, maxLength: 300 }),
  fc.object({ maxDepth: 1, maxKeys: 3 }),
  fc.constant(null).map(() => Symbol('a symbol')),
  fc.constant(null).map(() => function aFunction() {}),
  fc.constant(null).map(() => adoptingThenable()),
  fc.string({ maxLength: 6 }).map((m) => new Error(m)),
);

/** A few distinct small values, for scenarios about order rather than values. */
export const smallValue = fc.oneof(fc.integer({ min: -2, max: 9 }), fc.constantFrom('a', 'b', ''));

const errorInstance = fc.tuple(fc.constantFrom(Error, TypeError, RangeError, CustomError), fc.string({ maxLength: 6 }))
  .map(([Cls, m]) => new Cls(m));

/** setException's argument: an Error, an Error class (instantiated), or any other reason as it is. */
export const richReason = fc.oneof(
  errorInstance,
  fc.constantFrom(Error, TypeError, RangeError, CustomError),
  richValue,
);
export const smallReason = fc.oneof(
  { weight: 3, arbitrary: errorInstance },
  fc.constantFrom(Error, CustomError),
  fc.constantFrom('a string reason', null, undefined, 0),
);

/** A cancel message: none (cancel()), undefined, null, a number or a string (never with NUL). */
const cancelArgs = fc.oneof(
  fc.constant({}),
  fc.record({
    msg: fc.oneof(fc.constantFrom(undefined, null, '', 'stop', 42), fc.string({ unit: 'grapheme', maxLength: 8 }),
      fc.string({ unit: 'grapheme', minLength: 20, maxLength: 60 })),
  }),
).filter((a) => typeof a.msg !== 'string' || !a.msg.includes('\0'));

/** A callback index, the first two more often (so the same callback is added twice and removed). */
const callback = (cbs) => fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...cbs.slice(0, 2)) }, { weight: 1, arbitrary: fc.constantFrom(...cbs) });

const op = (name, fields) => fc.record(fields).map((r) => ({ op: name, ...r }));

export const ops = {
  setResult: (value) => op('setResult', { f: futureIndex, value }),
  setException: (reason) => op('setException', { f: futureIndex, reason }),
  cancel: () => fc.tuple(futureIndex, cancelArgs).map(([f, a]) => ({ op: 'cancel', f, ...a })),
  observe: () => op('observe', { f: futureIndex }),
  subscribe: () => op('then', { f: futureIndex }).chain((o) => fc.constantFrom('then', 'await', 'toPromise').map((kind) => ({ ...o, op: kind }))),
  addDoneCallback: (cbs) => op('addDoneCallback', { f: futureIndex, cb: callback(cbs) }),
  removeDoneCallback: (cbs) => op('removeDoneCallback', { f: futureIndex, cb: callback(cbs) }),
  callSoon: (cbs) => op('callSoon', { cb: fc.constantFrom(...cbs) }),
  callLater: (cbs) => op('callLater', { cb: fc.constantFrom(...cbs), delay: fc.integer({ min: 0, max: 8 }).map((d) => d / 2) }),
  callAt: (cbs) => op('callAt', { cb: fc.constantFrom(...cbs), delay: fc.integer({ min: 0, max: 8 }).map((d) => d / 2) }),
  cancelHandle: () => op('cancelHandle', { h: fc.nat(20) }),
  handleCancelled: () => op('handleCancelled', { h: fc.nat(20) }),
  gather: () => fc.tuple(fc.array(futureIndex, { maxLength: 4 }), fc.constantFrom(undefined, false, true))
    .map(([fs, returnExceptions]) => (returnExceptions === undefined ? { op: 'gather', fs } : { op: 'gather', fs, returnExceptions })),
  shield: () => op('shield', { f: futureIndex }),
  // No timeout, at once (0), a short one the scenario may reach with `advance`, or one it never reaches.
  waitFor: () => op('waitFor', { f: futureIndex, timeout: fc.constantFrom(null, 0, 1, 2.5, 1e9) }),
  sleep: (value) => op('sleep', { delay: fc.constantFrom(0, 1, 2.5, Infinity), value }),
  advance: () => op('advance', { ms: fc.constantFrom(0, 0.5, 1, 2, 3) }),
};

/**
 * Callback definitions: `active` of them may throw and run one nested
 * operation (drawn from `nested(leaves, all)`), then `leaves` plain ones.
 * Nested operations add or schedule only leaves (they may remove any), so a
 * scenario always ends.
 */
export function callbackDefinitions(active, leaves, nested, throwWeight = 1) {
  const leafIndices = Array.from({ length: leaves }, (_, i) => active + i);
  const allIndices = Array.from({ length: active + leaves }, (_, i) => i);
  const activeDefinition = fc.record({
    throws: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: throwWeight, arbitrary: fc.constant(true) }),
    nested: fc.option(nested(leafIndices, allIndices), { freq: 3 }),
  });
  return fc.array(activeDefinition, { minLength: active, maxLength: active })
    .map((defs) => [...defs, ...leafIndices.map(() => ({ throws: false, nested: null }))]);
}

/**
 * A scenario: callback definitions and rounds of operations built from them;
 * operation(all, leaves) gets the indices of every callback and of the leaves.
 */
export function scenario({ active = 3, leaves = 2, nested, operation, rounds = 4, perRound = 6, throwWeight }) {
  const all = Array.from({ length: active + leaves }, (_, i) => i);
  const leafIndices = all.slice(active);
  return fc.record({
    callbacks: callbackDefinitions(active, leaves, nested, throwWeight),
    rounds: fc.array(fc.array(operation(all, leafIndices), { minLength: 1, maxLength: perRound }), { minLength: 1, maxLength: rounds }),
  });
}
