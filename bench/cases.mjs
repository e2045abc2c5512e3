// The in-process cases: each returns, per implementation, a function that
// does `n` operations and resolves to ns per op.
//
// Every implementation runs its own compiled copy of a case's loop (fresh):
// V8 shares type feedback among the closures of one function literal, so one
// loop timing several Promise classes would be polymorphic for all of them,
// and each would pay for the others. The loops therefore take what they use
// as parameters and close over nothing.
import { timeOps } from './harness.mjs';

/** A copy of `fn` with feedback of its own (it must close over nothing). */
const fresh = (fn) => new Function(`return (${fn.toString()});`)();

/** One entry per implementation: loop(n, ...args) timed in a copy of its own. */
function timedCopies(loop, n, argsByImpl) {
  return Object.fromEntries(Object.entries(argsByImpl).map(([name, args]) => {
    const copy = fresh(loop);
    return [name, () => timeOps(n, () => copy(n, ...args))];
  }));
}

/** Each Promise implementation (native, the Bluebirds), as a loop's arguments. */
const promiseArgs = (wf) => Object.fromEntries(
  Object.entries({ promise: Promise, ...wf.bluebirds }).map(([name, P]) => [name, [P]]));

/** a. round trip: create, set the result from a microtask, await it. */
export function roundTrip(wf, n) {
  const promiseLoop = async (n, P) => {
    for (let i = 0; i < n; i++) {
      let resolve;
      const promise = new P((r) => { resolve = r; });
      queueMicrotask(() => resolve(i));
      await promise;
    }
  };
  const futureLoop = async (n, Future) => {
    for (let i = 0; i < n; i++) {
      const f = new Future();
      queueMicrotask(() => f.setResult(i));
      await f;
    }
  };
  return {
    ...timedCopies(futureLoop, n, { future: [wf.Future] }),
    ...timedCopies(promiseLoop, n, promiseArgs(wf)),
  };
}

/** a2. the same, with the future still pending when it is awaited (resolved by the next round's microtask). */
export function roundTripPending(wf, n) {
  const promiseLoop = async (n, P) => {
    for (let i = 0; i < n; i++) {
      let resolve;
      const promise = new P((r) => { resolve = r; });
      const awaited = (async () => { await promise; })();
      await null;
      resolve(i);
      await awaited;
    }
  };
  const futureLoop = async (n, Future) => {
    for (let i = 0; i < n; i++) {
      const f = new Future();
      const awaited = (async () => { await f; })();
      await null;
      f.setResult(i);
      await awaited;
    }
  };
  return {
    ...timedCopies(futureLoop, n, { future: [wf.Future] }),
    ...timedCopies(promiseLoop, n, promiseArgs(wf)),
  };
}

/** b. fan-in: create n, resolve all, gather / Promise.all them. */
export function fanIn(wf, n) {
  const promiseLoop = async (n, P) => {
    const resolvers = new Array(n);
    const promises = Array.from({ length: n }, (_, i) => new P((r) => { resolvers[i] = r; }));
    resolvers.forEach((resolve, i) => resolve(i));
    await P.all(promises);
  };
  const futureLoop = async (n, Future, gather) => {
    const fs = Array.from({ length: n }, () => new Future());
    fs.forEach((f, i) => f.setResult(i));
    await gather(fs);
  };
  return {
    ...timedCopies(futureLoop, n, { future: [wf.Future, wf.gather] }),
    ...timedCopies(promiseLoop, n, promiseArgs(wf)),
  };
}

/** c. done-callback dispatch: a callback on a future resolved later. */
export function dispatch(wf, n) {
  const promiseLoop = async (n, P) => {
    let seen = 0;
    let finish;
    const all = new Promise((r) => { finish = r; });
    const cb = () => { if (++seen === n) finish(); };
    const resolvers = new Array(n);
    const promises = Array.from({ length: n }, (_, i) => new P((r) => { resolvers[i] = r; }));
    for (const p of promises) p.then(cb);
    resolvers.forEach((resolve, i) => resolve(i));
    await all;
  };
  const futureLoop = async (n, Future) => {
    let seen = 0;
    let finish;
    const all = new Promise((r) => { finish = r; });
    const cb = () => { if (++seen === n) finish(); };
    const futures = Array.from({ length: n }, () => new Future());
    for (const f of futures) f.addDoneCallback(cb);
    futures.forEach((f, i) => f.setResult(i));
    await all;
  };
  return {
    ...timedCopies(futureLoop, n, { future: [wf.Future] }),
    ...timedCopies(promiseLoop, n, promiseArgs(wf)),
  };
}

/** d. then chains of length 10, one after the other. */
export function chains(wf, n) {
  const promiseLoop = async (n, P) => {
    const inc = (v) => v + 1;
    for (let i = 0; i < n; i++) {
      let resolve;
      let p = new P((r) => { resolve = r; });
      for (let k = 0; k < 10; k++) p = p.then(inc);
      resolve(0);
      await p;
    }
  };
  const futureLoop = async (n, Future) => {
    const inc = (v) => v + 1;
    for (let i = 0; i < n; i++) {
      const f = new Future();
      let p = f;
      for (let k = 0; k < 10; k++) p = p.then(inc);
      f.setResult(0);
      await p;
    }
  };
  return {
    ...timedCopies(futureLoop, n, { future: [wf.Future] }),
    ...timedCopies(promiseLoop, n, promiseArgs(wf)),
  };
}

/** h. a callback chain rescheduling itself n times: the longest gap a setTimeout(0) saw, in ms. */
export async function starvation(wf, n) {
  const loop = wf.getLoop();
  let left = n;
  let last = performance.now();
  let longest = 0;
  let fired = 0;
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    fired++;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  const done = new wf.Future();
  const step = () => (--left > 0 ? loop.callSoon(step) : done.setResult(null));
  loop.callSoon(step);
  await done;
  running = false;
  return { longestGapMs: longest, timersFired: fired, budgetMs: loop.getBudget().ms };
}
