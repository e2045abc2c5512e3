// Writes the seed corpus of fuzz-core (test/fuzz/corpus/): one small input per
// scenario, each a few operations of fuzz-core.c's byte language, so that a
// short run starts from every operation and the rules they touch.
//   node test/fuzz/make-corpus.mjs
// Keep the opcodes and tables in step with fuzz-core.c (step(), times[],
// make_value(), do_action()).
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'corpus');

// Operations (the byte is taken modulo 25).
const NEW = 0, RESULT = 1, EXCEPTION = 2, CANCEL = 3, ERROR = 4, ADD = 5, REMOVE = 6, REF = 7,
  RELEASE = 8, READ = 9, SOON = 10, LATER = 11, AT = 12, HCANCEL = 13, HCHECK = 14, DRAIN = 15,
  DRAIN_ALL = 16, ADVANCE = 17, FIRE = 18, GATHER = 19, WAIT = 20, AS_COMPLETED = 21, ONE = 22,
  SANITY = 23, BUDGET = 24;
// Indexes into times[].
const T = { 0: 0, '-0': 1, 0.5: 2, 1: 3, 2: 4, 5: 5, 10: 6, 100: 7, 1e6: 8, 1e300: 9, 1e308: 10,
  '-1': 11, '-5': 12, '-1e300': 13, '-1e308': 14, inf: 15, '-inf': 16, nan: 17 };
// Values: make_value's first byte, then its own.
const V = {
  none: [0], bool: [1, 1], int: [2, 42], bigInt: [132, 3], double: [3, T[0.5]], nanDouble: [3, T.nan],
  string: [4, 2], embeddedNul: [4, 5], bytes: [5, 1, 4], noBytes: [5, 0, 3], error: [6, 3, 1],
  pointer: [7, 9], array: [8, 3], emptyArray: [8, 0], invalid: [9],
};
// Callback actions (do_action): what a callback does in the drain.
const A = { none: 0, soon: 1, cancel: 2, resolve: 3, add: 4, timer: (t) => 5 + 8 * t };

const fut = (slot) => [NEW, slot];
const add = (slot, action = A.none, target = 0) => [ADD, slot, 0, action, target];
const addAgain = (slot) => [ADD, slot, 1];

const scenarios = {
  'future-result-then-read': [fut(0), RESULT, 0, V.int, READ, 0, READ, 0],
  'future-exception-then-read': [fut(0), EXCEPTION, 0, V.error, READ, 0],
  'future-set-twice-is-invalid-state': [fut(0), RESULT, 0, V.string, RESULT, 0, V.int, EXCEPTION, 0, V.none, READ, 0],
  'future-cancel-with-message-twice': [fut(0), CANCEL, 0, 1, CANCEL, 0, 2, READ, 0],
  'future-cancel-without-message': [fut(0), CANCEL, 0, 0, READ, 0],
  'future-set-error': [fut(0), ERROR, 0, 4, 1, READ, 0],
  'future-invalid-value-is-einval': [fut(0), RESULT, 0, V.invalid, READ, 0, RESULT, 0, V.bool],
  'future-every-value-kind': [fut(0), fut(1), fut(2), fut(3), fut(4), fut(5), fut(6), fut(7),
    RESULT, 0, V.none, RESULT, 1, V.bigInt, RESULT, 2, V.nanDouble, RESULT, 3, V.embeddedNul,
    RESULT, 4, V.bytes, RESULT, 5, V.noBytes, RESULT, 6, V.array, RESULT, 7, V.emptyArray,
    READ, 0, READ, 1, READ, 2, READ, 3, READ, 4, READ, 5, READ, 6, READ, 7],
  'future-pointer-destroyed-once': [fut(0), RESULT, 0, V.pointer, fut(1), RESULT, 1, V.pointer, RESULT, 1, V.pointer, READ, 0],
  'future-extra-references': [fut(0), REF, 0, 1, REF, 0, 1, REF, 0, 0, RELEASE, 0, REF, 0, 0],
  'future-unretrieved-exception-reported': [fut(0), EXCEPTION, 0, V.string, RELEASE, 0],
  'callbacks-run-in-order-added': [fut(0), add(0), add(0), add(0), RESULT, 0, V.int, DRAIN],
  'callbacks-never-synchronous-on-done': [fut(0), RESULT, 0, V.int, add(0), add(0), SANITY, DRAIN],
  'callbacks-same-arg-removed-together': [fut(0), add(0), addAgain(0), addAgain(0), REMOVE, 0, 0, RESULT, 0, V.int, DRAIN_ALL],
  'callbacks-remove-after-done-is-zero': [fut(0), add(0), CANCEL, 0, 0, REMOVE, 0, 0, DRAIN],
  'callbacks-dropped-with-future': [fut(0), add(0), addAgain(0), add(0), RELEASE, 0, DRAIN],
  'callbacks-complete-another-future': [fut(0), fut(1), add(0, A.resolve, 1), add(1), RESULT, 0, V.none, DRAIN, DRAIN],
  'callbacks-cancel-another-future': [fut(0), fut(1), add(0, A.cancel, 1), add(1, A.soon), CANCEL, 0, 0, DRAIN_ALL],
  'callbacks-add-from-callback': [fut(0), fut(1), add(0, A.add, 1), RESULT, 1, V.int, RESULT, 0, V.int, DRAIN_ALL],
  'drain-runs-only-what-was-queued': [SOON, A.soon, 0x81, SOON, A.soon + 8, 2, DRAIN, DRAIN, DRAIN],
  'soon-cancel-handle': [SOON, 0, 0x80, SOON, 0, 0x81, HCANCEL, 0, HCHECK, 0, HCHECK, 1, DRAIN, HCANCEL, 1, HCHECK, 1],
  'timers-by-due-time-then-order': [LATER, T[10], 0, 0, LATER, T[1], 0, 1, LATER, T[10], 0, 2, LATER, T[1], 0, 3,
    ADVANCE, T[5], DRAIN, ADVANCE, T[5], DRAIN],
  'timers-negative-delay-is-in-the-past': [LATER, T[0], 0, 0, LATER, T['-5'], 0, 1, AT, T['-inf'], 0, 2, LATER, T['-5'], 0, 3, DRAIN],
  'timers-call-at-negative-does-not-stall': [AT, T['-5'], 0, 0, LATER, T[10], 0, 1, FIRE, DRAIN, ADVANCE, T[10], DRAIN],
  'timers-infinity-never-fires': [LATER, T.inf, 0, 0, AT, T.inf, 0, 1, ADVANCE, T[1e300], DRAIN, ADVANCE, T.inf, HCHECK, 0],
  'timers-huge-and-nan': [LATER, T[1e308], 0, 0, LATER, T.nan, 0, 1, AT, T.nan, 0, 2, ADVANCE, T[1e308], ADVANCE, T[1e308], DRAIN],
  'timers-cancel-and-when': [LATER, T[5], 0, 0, AT, T[2], 0, 1, HCHECK, 0, HCANCEL, 0, HCHECK, 0, ADVANCE, T[10], DRAIN, HCANCEL, 1],
  'timers-from-callbacks': [SOON, A.timer(T['-1']), 0, LATER, T[0], A.timer(T[0]), 1, DRAIN, DRAIN, ADVANCE, T[0], DRAIN],
  'budget-cuts-a-long-drain': [BUDGET, 2, T[1], SOON, 0, 0, SOON, 0, 1, SOON, 0, 2, SOON, 0, 3, SOON, 0, 4,
    ADVANCE, T[10], DRAIN, DRAIN, DRAIN, BUDGET, 0, T[1], BUDGET, 3, T['-1']],
  'gather-results-in-order': [fut(0), fut(1), GATHER, 2, 0, 1, 4, RESULT, 1, V.int, RESULT, 0, V.string, DRAIN_ALL, READ, 2],
  'gather-child-given-twice': [fut(0), GATHER, 3, 0, 0, 0, 6, RESULT, 0, V.int, DRAIN_ALL, READ, 3],
  'gather-cancel-cancels-children': [fut(0), fut(1), GATHER, 2, 0, 1, 4, CANCEL, 2, 1, DRAIN_ALL, READ, 0, READ, 2],
  'gather-return-exceptions': [fut(0), fut(1), GATHER, 2, 0, 1, 5, EXCEPTION, 0, V.error, CANCEL, 1, 0, DRAIN_ALL, READ, 2],
  'gather-empty-and-null-input': [GATHER, 0, 6, GATHER, 2, 5, 6, 0, READ, 3],
  'gather-of-gathers': [fut(0), GATHER, 2, 0, 0, 2, GATHER, 2, 1, 1, 4, RESULT, 0, V.array, DRAIN_ALL, READ, 2],
  'wait-first-completed-and-timeout': [fut(0), fut(1), WAIT, 2, 0, 1, T[10], 1, 2, RESULT, 1, V.int, DRAIN_ALL, READ, 2,
    WAIT, 1, 0, T[5], 3, 3, ADVANCE, T[5], DRAIN_ALL, READ, 3],
  'wait-minus-infinity-and-bad-return-when': [fut(0), WAIT, 1, 0, T['-inf'], 3, 1, WAIT, 1, 0, T[1], 4, 2, WAIT, 0, T[1], 1, 2, DRAIN_ALL, READ, 1],
  'as-completed-order-and-timeout': [fut(0), fut(1), AS_COMPLETED, 3, 1, 0, 1, T[10], 2, RESULT, 1, V.int, DRAIN_ALL,
    ADVANCE, T[10], DRAIN_ALL, READ, 2, READ, 3],
  'as-completed-empty-with-timeout': [AS_COMPLETED, 0, T[1e308], 0, AS_COMPLETED, 0, T.nan, 0],
  'wait-for-timeout-and-done-inner': [fut(0), ONE, 0, 0, T[5], 1, ADVANCE, T[5], DRAIN_ALL, READ, 1, READ, 0,
    fut(2), RESULT, 2, V.int, ONE, 0, 2, T[1], 3, READ, 3, fut(4), ONE, 0, 4, T['-inf'], 5, READ, 5],
  'shield-cancelled-outer-keeps-inner': [fut(0), ONE, 1, 0, 1, CANCEL, 1, 1, DRAIN_ALL, RESULT, 0, V.int, DRAIN_ALL, READ, 0, READ, 1,
    ONE, 1, 0, 2, READ, 2],
  'sleep-values-and-delays': [ONE, 2, T[5], V.string, 0, ONE, 2, T['-inf'], V.pointer, 1, ONE, 2, T.inf, V.none, 2,
    ONE, 2, T.nan, V.int, 3, ADVANCE, T[5], DRAIN_ALL, READ, 0, READ, 1, CANCEL, 2, 0],
  // Inputs that broke the library once (kept as they were found).
  'found-advance-to-infinity-fired-never-due-timers': [0x97, 0x97, 0x59, 0xd5, 0xd9],
  'found-as-completed-with-no-input-armed-a-timer': [0x5d, 0x46, 0x0a, 0x5b],
};

mkdirSync(dir, { recursive: true });
for (const file of readdirSync(dir)) rmSync(join(dir, file));
for (const [name, ops] of Object.entries(scenarios)) writeFileSync(join(dir, name), Buffer.from(ops.flat()));
console.log(`wrote ${Object.keys(scenarios).length} inputs to ${dir}`);
