// What only a module with threads has. Three concerns of the main thread:
// - the loop's inbox (what wf_loop_call_soon_threadsafe posted) is taken in
//   whenever a thread raises its flag word;
// - Node's event loop stays open while C waits for work on threads, and only
//   then (asyncio: pending work keeps a program running, idle threads do not);
// - idle Workers do not pile up once a pool shut down.
// Hack: the last two rest on Emscripten's private PThread object; each use is
// listed, with the releases it was checked on, in docs/emscripten-internals.md.
import { bind, heap } from './heap.js';
import { reportError } from './scheduler.js';

var resolved = Promise.resolve();
// Per loop whose inbox is watched: its flag word, and until when it is polled.
var inboxes = new Map();

function inboxOf(loop) {
  var inbox = inboxes.get(loop);
  if (inbox === undefined) {
    inbox = { word: 0, pollUntil: 0 };
    inboxes.set(loop, inbox);
  }
  return inbox;
}

function takeInbox(loop) {
  try {
    bind()['fn']['loopTakeInbox'](loop);
  } catch (error) {
    reportError('could not take in what threads posted', error);
  }
}

/**
 * C: takes the loop's inbox in whenever a thread raises `word`.
 * Atomics.waitAsync wakes the main thread sooner than the proxied call C
 * falls back to where nothing waits. A pending waitAsync keeps no host alive.
 */
export function watchInbox(loop, word) {
  var inbox = inboxOf(loop);
  if (inbox.word !== 0 || typeof Atomics.waitAsync !== 'function') return;
  inbox.word = word;
  function watch() {
    var result = Atomics.waitAsync(heap()['i32'], word >> 2, 0);
    if (result.async) result.value.then(takeAndWatch);
    else resolved.then(takeAndWatch);
  }
  function takeAndWatch() {
    takeInbox(loop);
    watch();
  }
  watch();
}

/**
 * A thread will post to the loop's inbox soon (the pool calls it as it hands
 * out a task): for `ms`, Node's event loop looks at the inbox word once a turn
 * instead of sleeping until a wake from the other thread, which costs tens of
 * microseconds here. Only where the inbox is watched (a post came before) and
 * where setImmediate exists.
 */
export function expectPost(loop, ms) {
  var inbox = inboxOf(loop);
  if (inbox.word === 0 || typeof setImmediate !== 'function') return;
  var until = performance.now() + ms;
  var polling = inbox.pollUntil > 0;
  if (until > inbox.pollUntil) inbox.pollUntil = until;
  if (polling) return;
  function poll() {
    if (Atomics.load(heap()['i32'], inbox.word >> 2) !== 0) takeInbox(loop);
    if (performance.now() < inbox.pollUntil) setImmediate(poll);
    else inbox.pollUntil = 0;
  }
  setImmediate(poll);
}

// Pending work (platform/wasm.c, wf__pending_work: tasks, requests, running
// threads) keeps Node alive: a ref'd timer that never fires, held on the main
// thread while the count is above 0. No Worker is ever ref'd.
var inNode = typeof process === 'object' && typeof process.versions === 'object' &&
  typeof process.versions.node === 'string';
var holding = null;
var watchingWork = false;

/** What C counts as pending work now. */
export function pendingWork() {
  return Atomics.load(heap()['i32'], bind()['at']['pendingWork'] >> 2);
}

/**
 * C, and the thread hooks: the count may have changed. On the main thread: at
 * once for a change made there, through Atomics.waitAsync for a fall to 0 on
 * a worker.
 */
export function workChanged() {
  if (!inNode || ENVIRONMENT_IS_PTHREAD) return;
  var count = pendingWork();
  if (count > 0) {
    if (holding === null) holding = setInterval(function () {}, 0x3fffffff);
    if (!watchingWork) watchWork(count);
  } else if (holding !== null) {
    // What the worker posted just before its work ended is taken in first:
    // the timer must not go while the loop still has something to run.
    inboxes.forEach(function (inbox, loop) {
      if (inbox.word !== 0 && Atomics.load(heap()['i32'], inbox.word >> 2) !== 0) takeInbox(loop);
    });
    clearInterval(holding);
    holding = null;
  }
}

function watchWork(count) {
  watchingWork = true;
  var result = Atomics.waitAsync(heap()['i32'], bind()['at']['pendingWork'] >> 2, count);
  (result.async ? result.value : resolved).then(function () {
    watchingWork = false;
    workChanged();
  });
}

function unref(worker) {
  if (worker && typeof worker.unref === 'function') worker.unref();
}

function hasPThread() {
  return typeof PThread === 'object' && PThread !== null && Array.isArray(PThread.unusedWorkers);
}

/**
 * Hack, on PThread: each thread counts as pending work from its spawn
 * (getNewWorker) until its Worker goes back to the pool (returnWorkerToPool),
 * and its Worker is unref'd (3.1.6 leaves them ref'd for good; 4.x unrefs
 * after getNewWorker, 6.x once loaded, so a ref of ours would not last). An
 * executor's worker takes itself out of the count (wf__platform_daemon_thread)
 * once C knows threads are counted. Only on Node's main thread; true if the
 * hooks are in.
 */
export function countThreads() {
  if (!hasPThread() || typeof ENVIRONMENT_IS_PTHREAD === 'undefined' || ENVIRONMENT_IS_PTHREAD ||
      typeof PThread.returnWorkerToPool !== 'function' || typeof PThread.getNewWorker !== 'function') return false;
  retireReturnedWorkers();
  if (!inNode) return false;
  var returnWorkerToPool = PThread.returnWorkerToPool;
  var getNewWorker = PThread.getNewWorker;
  PThread.getNewWorker = function () {
    var worker = getNewWorker.apply(PThread, arguments);
    if (worker) {
      unref(worker);
      var at = bind()['at'];
      Atomics.store(heap()['i32'], at['threadsCounted'] >> 2, 1);
      Atomics.add(heap()['i32'], at['pendingWork'] >> 2, 1);
      worker['wasmFutureCounted'] = true;
      workChanged();
    }
    return worker;
  };
  PThread.returnWorkerToPool = function (worker) {
    returnWorkerToPool.apply(PThread, arguments);
    unref(worker);
    if (worker && worker['wasmFutureCounted']) {
      worker['wasmFutureCounted'] = false;
      Atomics.sub(heap()['i32'], bind()['at']['pendingWork'] >> 2, 1);
      workChanged();
    }
  };
  PThread.unusedWorkers.forEach(unref);
  return true;
}

// Idle Workers do not pile up: Emscripten keeps every Worker whose thread
// ended for reuse (PThread.unusedWorkers), about 8 MB each, for ever. A pool
// that shut down keeps none of its own: retireWorkers(n) terminates n idle
// Workers, those idle now and then those whose thread ends next. A later
// thread gets a new Worker.
var toRetire = 0;

function retire(worker) {
  var at = PThread.unusedWorkers.indexOf(worker);
  if (at < 0) return false;
  PThread.unusedWorkers.splice(at, 1);
  if (typeof worker.terminate === 'function') worker.terminate();
  return true;
}

function retireReturnedWorkers() {
  var returnWorkerToPool = PThread.returnWorkerToPool;
  PThread.returnWorkerToPool = function (worker) {
    returnWorkerToPool.apply(PThread, arguments);
    if (toRetire > 0 && retire(worker)) toRetire--;
  };
}

export function retireWorkers(n) {
  if (!hasPThread()) return;
  toRetire += n;
  while (toRetire > 0 && PThread.unusedWorkers.length > 0 && retire(PThread.unusedWorkers[0])) toRetire--;
}

/** How many idle Workers Emscripten keeps (-1: no PThread here), for tests. */
export function idleWorkers() {
  return hasPThread() ? PThread.unusedWorkers.length : -1;
}
