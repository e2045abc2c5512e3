// Model-based tests of the JS API: random scenarios (rounds of operations on
// a few futures, callbacks, combinators and the loop) run on the real runtime
// and on a small reference model of asyncio's rules (test/js/model/), and
// everything observable is compared: what each call returned or threw, the
// order callbacks ran in and which drain (microtask) ran them, futures' states
// and outcomes, what then/await saw, and what reached the exception handler.
//
// npm test runs a fixed number of runs with a fixed seed. A long run:
//   WF_MODEL_RUNS=20000 WF_MODEL_SEED=7 node --experimental-vm-modules node_modules/jest/bin/jest.js test/js/model.test.js
// (WF_MODEL_SCALE=2 or more makes the scenarios longer).
// A failure prints fast-check's seed, path and shrunk counterexample, and the
// trace of what ran; replay it with WF_MODEL_SEED=<seed> WF_MODEL_PATH=<path>.
import fc from 'fast-check';
import * as api from '../../js/node.js';
import { installFakeClock } from './model/clock.js';
import { World } from './model/world.js';
import { ops, richReason, richValue, scenario, smallReason, smallValue } from './model/arbitraries.js';

const RUNS = Number(process.env.WF_MODEL_RUNS ?? 200);
const SEED = Number(process.env.WF_MODEL_SEED ?? 42);
const PATH = process.env.WF_MODEL_PATH;
// Longer scenarios for long runs: WF_MODEL_SCALE=2 allows twice as many rounds and operations per round.
const SCALE = Number(process.env.WF_MODEL_SCALE ?? 1);
fc.configureGlobal({ baseSize: SCALE > 1 ? 'medium' : 'small' });
// Long runs get the time they need.
const TIMEOUT = Math.max(60_000, RUNS * 100);

let clock;
beforeAll(() => {
  clock = installFakeClock();
});
afterAll(() => {
  clock.restore();
  api.getLoop().setExceptionHandler(null);
});

/** A scenario of rounds of operations, longer under WF_MODEL_SCALE. */
const scaled = ({ rounds = 4, perRound = 6, ...rest }) =>
  scenario({ rounds: Math.round(rounds * SCALE), perRound: Math.round(perRound * SCALE), ...rest });

/** Runs every scenario on a fresh world and disposes of it, even when it fails. */
function check(arbitrary, options = {}) {
  return fc.assert(
    fc.asyncProperty(arbitrary, async ({ callbacks, rounds }) => {
      const world = new World(api, clock, { callbacks, ...options });
      try {
        for (const round of rounds) await world.round(round);
      } finally {
        await world.dispose();
      }
    }),
    { numRuns: RUNS, seed: SEED, path: PATH, endOnFailure: PATH === undefined ? undefined : true },
  );
}

const noNested = () => fc.constant(null);

test('future states and values follow asyncio: set once, cancel only pending, result/exception by state, values as they went in', async () => {
  await check(scaled({
    active: 0,
    leaves: 0,
    nested: noNested,
    operation: () => fc.oneof(
      ops.setResult(richValue),
      ops.setException(richReason),
      ops.cancel(),
      { weight: 2, arbitrary: ops.observe() },
      ops.subscribe(),
    ),
    rounds: 3,
    perRound: 8,
  }));
}, TIMEOUT);

/** What a callback may do when it runs: settle or cancel a future, add a leaf or remove any callback, schedule a leaf. */
const callbackNested = (leaves, all) => fc.oneof(
  ops.setResult(smallValue),
  ops.setException(smallReason),
  ops.cancel(),
  ops.addDoneCallback(leaves),
  ops.removeDoneCallback(all),
  ops.callSoon(leaves),
  ops.cancelHandle(),
  ops.observe(),
);

test('done callbacks and callSoon callbacks run in FIFO order, once each, never synchronously, whatever the sequence of operations', async () => {
  await check(scaled({
    nested: callbackNested,
    operation: (cbs) => fc.oneof(
      ops.setResult(smallValue),
      ops.setException(smallReason),
      ops.cancel(),
      { weight: 3, arbitrary: ops.addDoneCallback(cbs) },
      ops.removeDoneCallback(cbs),
      { weight: 2, arbitrary: ops.callSoon(cbs) },
      ops.cancelHandle(),
      ops.handleCancelled(),
      ops.observe(),
    ),
    rounds: 5,
    perRound: 8,
  }));
}, TIMEOUT);

/** What a callback may do in the combinators' scenarios: the above, and make a combinator or subscribe. */
const combinatorNested = (leaves, all) => fc.oneof(
  { weight: 4, arbitrary: callbackNested(leaves, all) },
  ops.gather(),
  ops.shield(),
  ops.waitFor(),
  ops.sleep(smallValue),
  ops.subscribe(),
);

test('gather, shield, waitFor, sleep, then and await settle as asyncio says, and their callbacks keep FIFO order', async () => {
  await check(scaled({
    nested: combinatorNested,
    operation: (cbs) => fc.oneof(
      { weight: 2, arbitrary: ops.setResult(smallValue) },
      ops.setException(smallReason),
      { weight: 2, arbitrary: ops.cancel() },
      { weight: 2, arbitrary: ops.addDoneCallback(cbs) },
      ops.removeDoneCallback(cbs),
      ops.callSoon(cbs),
      { weight: 2, arbitrary: ops.gather() },
      ops.shield(),
      { weight: 2, arbitrary: ops.waitFor() },
      ops.sleep(smallValue),
      ops.subscribe(),
      ops.observe(),
      ops.advance(),
    ),
    rounds: 5,
  }));
}, TIMEOUT);

test('the loop runs callSoon callbacks in FIFO order, one drain per batch, and timers in order of due time then of scheduling, once due', async () => {
  await check(scaled({
    nested: (leaves) => fc.oneof(ops.callSoon(leaves), ops.cancelHandle()),
    // Timer callbacks are leaves: where a timer runs among the ready callbacks is
    // not compared, so nothing it schedules may depend on it.
    operation: (cbs, leaves) => fc.oneof(
      { weight: 2, arbitrary: ops.callSoon(cbs) },
      { weight: 2, arbitrary: ops.callLater(leaves) },
      ops.callAt(leaves),
      ops.cancelHandle(),
      ops.handleCancelled(),
      { weight: 2, arbitrary: ops.advance() },
    ),
    rounds: 5,
  }), { timersApart: true });
}, TIMEOUT);
