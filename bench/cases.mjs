// The in-process cases: each returns, per implementation, a function that
// does `n` operations and resolves to ns per op.
import { timeOps } from './harness.mjs';

const deferredWith = (P) => {
  let resolve;
  const promise = new P((r) => { resolve = r; });
  return { promise, resolve };
};

/** a. round trip: create, set the result from a microtask, await it. */
export function roundTrip(wf, n) {
  const promiseLike = (P) => () => timeOps(n, async () => {
    for (let i = 0; i < n; i++) {
      const { promise, resolve } = deferredWith(P);
      queueMicrotask(() => resolve(i));
      await promise;
    }
  });
  const futureLike = (Future) => () => timeOps(n, async () => {
    for (let i = 0; i < n; i++) {
      const f = new Future();
      queueMicrotask(() => f.setResult(i));
      await f;
    }
  });
  return {
    future: futureLike(wf.Future),
    // the same, through a user's module (examples/, built with the CMake package) and attach
    'wasm-future (user module, attach)': futureLike(wf.userApi.Future),
    promise: promiseLike(Promise),
    ...Object.fromEntries(Object.entries(wf.bluebirds).map(([name, B]) => [name, promiseLike(B)])),
  };
}

/** b. fan-in: create n, resolve all, gather / Promise.all them. */
export function fanIn(wf, n) {
  const promiseLike = (P) => () => timeOps(n, async () => {
    const ds = Array.from({ length: n }, () => deferredWith(P));
    ds.forEach((d, i) => d.resolve(i));
    await P.all(ds.map((d) => d.promise));
  });
  return {
    future: () => timeOps(n, async () => {
      const fs = Array.from({ length: n }, () => new wf.Future());
      fs.forEach((f, i) => f.setResult(i));
      await wf.gather(fs);
    }),
    promise: promiseLike(Promise),
    ...Object.fromEntries(Object.entries(wf.bluebirds).map(([name, B]) => [name, promiseLike(B)])),
  };
}

/** c. done-callback dispatch: a callback on a future resolved later. */
export function dispatch(wf, n) {
  const counted = (attach, make) => () => timeOps(n, async () => {
    let seen = 0;
    let finish;
    const all = new Promise((r) => { finish = r; });
    const cb = () => { if (++seen === n) finish(); };
    const items = Array.from({ length: n }, () => make());
    for (const item of items) attach(item, cb);
    items.forEach((item, i) => item.settle(i));
    await all;
  });
  const promiseItem = (P) => () => {
    const d = deferredWith(P);
    return { promise: d.promise, settle: d.resolve };
  };
  return {
    future: counted((item, cb) => item.future.addDoneCallback(cb), () => {
      const future = new wf.Future();
      return { future, settle: (v) => future.setResult(v) };
    }),
    promise: counted((item, cb) => item.promise.then(cb), promiseItem(Promise)),
    ...Object.fromEntries(Object.entries(wf.bluebirds).map(([name, B]) =>
      [name, counted((item, cb) => item.promise.then(cb), promiseItem(B))])),
  };
}

/** d. then chains of length 10, one after the other. */
export function chains(wf, n) {
  const inc = (v) => v + 1;
  const promiseLike = (P) => () => timeOps(n, async () => {
    for (let i = 0; i < n; i++) {
      const { promise, resolve } = deferredWith(P);
      let p = promise;
      for (let k = 0; k < 10; k++) p = p.then(inc);
      resolve(0);
      await p;
    }
  });
  return {
    future: () => timeOps(n, async () => {
      for (let i = 0; i < n; i++) {
        const f = new wf.Future();
        let p = f;
        for (let k = 0; k < 10; k++) p = p.then(inc);
        f.setResult(0);
        await p;
      }
    }),
    promise: promiseLike(Promise),
    ...Object.fromEntries(Object.entries(wf.bluebirds).map(([name, B]) => [name, promiseLike(B)])),
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
