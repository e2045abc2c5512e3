// The JavaScript half of the binding, linked into a module with
// `--js-library` (wasm-future-config --libs and the CMake package add it).
// It runs inside the module, from its first instruction on: it wakes the loop
// from microtasks, macrotasks and timers, holds the JS values C holds, turns
// JS values into C values and starts JS promises for C. Everything else of
// the JS API lives in the package (wasm-future/attach), which finds this
// runtime as Module.wasmFuture and reads C through the same table.
//
// Emscripten evaluates this file and copies the runtime's source text into
// the module, so the runtime is one self-contained function. It refers to
// the module's own globals: HEAPU8 (kept current by Emscripten when memory
// grows), Module, wasmFutureTable and getWasmTableEntry. Keys that code outside
// the module reads are quoted, so that a module built with Closure keeps them.
// Emscripten preprocesses this file: what only threads use is left out of a
// module without them (#if USE_PTHREADS), what the package's browser module
// does without out of it (WF_BROWSER_MODULE, and ENVIRONMENT_MAY_BE_NODE for
// setImmediate); no other line starts with a hash.

function wasmFutureRuntime() {
  // The contract with wasm-future/attach (ABI_VERSION: attach checks it and
  // the C half's WF_ABI_VERSION), and the C library's constants and offsets
  // this runtime reads memory with, generated from C.
  // <abi> written by scripts/gen-abi.mjs from the C library: do not edit
  var ABI_VERSION = 6;
  var AT_FUTURE_STATE = 4;
  var AT_VALUE_TYPE = 0;
  var AT_VALUE_SIZE = 4;
  var AT_VALUE_AS = 8;
  var WF_FUTURE_CANCELLED = 1;
  var WF_VALUE_NONE = 0;
  var WF_VALUE_BOOL = 1;
  var WF_VALUE_INT = 2;
  var WF_VALUE_DOUBLE = 3;
  var WF_VALUE_STRING = 4;
  var WF_VALUE_BYTES = 5;
  var WF_VALUE_JS = 6;
  var WF_RUN_MICROTASK = 1;
  var WF_JS_THEN = 0;
  var JS_SCRATCH_KEEP = 65536;
  // </abi>

  var native = null;
  var views = null;
  var resolved = Promise.resolve();
  var encoder = new TextEncoder();
  var decoder = new TextDecoder();

  // What wasm-future/attach installs: how a done-callback gets its Future,
  // where reports and errors of callbacks go, what a cancellation error is.
  var hooks = { 'done': null, 'weak': null, 'report': null, 'callbackError': null, 'cancelledError': null };

  // The glue makes a new HEAPU8 whenever memory grows: comparing the view,
  // not its .buffer (a getter that costs as much as the rest of a call),
  // tells when to make new views.
  var viewsOf = null;
  function heap() {
    var u8 = HEAPU8;
    if (u8 !== viewsOf) {
      var buffer = u8.buffer;
      views = {
        'u8': new Uint8Array(buffer), 'u32': new Uint32Array(buffer), 'i32': new Int32Array(buffer),
        'f64': new Float64Array(buffer), 'i64': new BigInt64Array(buffer),
      };
      viewsOf = u8;
    }
    return views;
  }

  function asciiAt(u8, ptr) {
    var text = '';
    while (u8[ptr] !== 0) text += String.fromCharCode(u8[ptr++]);
    return text;
  }

  function cString(ptr) {
    if (!ptr) return null;
    var u8 = heap()['u8'];
    var end = ptr;
    while (u8[end] !== 0) end++;
#if USE_PTHREADS
    // TextDecoder takes no view of shared memory.
    return decoder.decode(u8.buffer instanceof ArrayBuffer ? u8.subarray(ptr, end) : u8.slice(ptr, end));
#else
    return decoder.decode(u8.subarray(ptr, end));
#endif
  }

  // Reads C's table (binding/js.c): functions, offsets, constants by name.
  function bind() {
    if (native !== null) return native;
    var table = { 'fn': {}, 'at': {}, 'constants': {} };
    var kinds = ['fn', 'at', 'constants'];
    var u8 = heap()['u8'], u32 = heap()['u32'];
    // The names, each after its kind's digit, ended by an empty one; the
    // values in the same order.
    var at = wasmFutureTable() >>> 2;
    for (var p = u32[at], i = u32[at + 1] >>> 2; u8[p] !== 0; i++) {
      var kind = kinds[u8[p] - 48];
      var name = asciiAt(u8, p + 1);
      p += name.length + 2;
      var value = u32[i];
      if (kind === 'fn') table['fn'][name] = getWasmTableEntry(value);
      else if (kind === 'constants') table['constants'][name] = value | 0;
      else table['at'][name] = value;
    }
    native = table;
    return native;
  }

  // The JS values C holds, by number. Slot 0 is never handed out, so 0 can
  // mean "no value".
  var held = [undefined];
  var freeSlots = [];
  // The Future a done-callback's slot was added on, by slot: the callback
  // gets it without a lookup by pointer (which needs a WeakRef per future).
  var owners = [];

  function hold(value) {
    var slot = freeSlots.length > 0 ? freeSlots.pop() : held.length;
    held[slot] = value;
    return slot;
  }

  function take(slot) {
    var value = held[slot];
    held[slot] = undefined;
    if (slot < owners.length) owners[slot] = undefined;
    freeSlots.push(slot);
    return value;
  }

  var INT64_MIN = -(BigInt(2) ** BigInt(63)), INT64_MAX = BigInt(2) ** BigInt(63) - BigInt(1);
  // The bytes of a genuine Uint8Array (a subclass's too), as a view of
  // exactly its length, or null for anything else. Beware: `length`,
  // `buffer` and `byteOffset` can be own properties that lie, and a Proxy of
  // a Uint8Array passes instanceof; the engine's own getters read the real
  // object once, and its Symbol.toStringTag getter answers undefined for
  // anything but a typed array. What is copied into wasm memory is this
  // view: never more than was reserved for it.
  var typedArray = Object.getPrototypeOf(Uint8Array.prototype);
  function intrinsic(name) { return Object.getOwnPropertyDescriptor(typedArray, name).get; }
  var tagOf = intrinsic(Symbol.toStringTag), bufferOf = intrinsic('buffer'),
    offsetOf = intrinsic('byteOffset'), lengthOf = intrinsic('length');
  function bytesOf(value) {
    if (tagOf.call(value) !== 'Uint8Array') return null;
    return new Uint8Array(bufferOf.call(value), offsetOf.call(value), lengthOf.call(value));
  }

  // Past JS_SCRATCH_KEEP bytes the scratch buffer is one of its own, given
  // back once the call that uses it returned (js.c, wf__js_reserve).
  var trimQueued = false;
  function trim() {
    trimQueued = false;
    bind()['fn']['reserveTrim']();
  }
  function reserve(size) {
    var ptr = bind()['fn']['reserve'](size);
    if (!ptr) throw new RangeError('wasm memory is exhausted');
    if (size > JS_SCRATCH_KEEP && !trimQueued) {
      trimQueued = true;
      resolved.then(trim);
    }
    return ptr;
  }
  // UTF-8 of `text` in the scratch buffer: at most 3 bytes a UTF-16 unit, or,
  // for a long text, exactly as many as it takes.
  function writeUtf8(text, extra) {
#if USE_PTHREADS
    // Browsers refuse encodeInto on a view of shared memory (-pthread).
    if (text.length * 3 + extra <= JS_SCRATCH_KEEP && heap()['u8'].buffer instanceof ArrayBuffer) {
#else
    if (text.length * 3 + extra <= JS_SCRATCH_KEEP) {
#endif
      var ptr = reserve(text.length * 3 + extra);
      return { ptr: ptr, size: encoder.encodeInto(text, heap()['u8'].subarray(ptr, ptr + text.length * 3)).written };
    }
    var bytes = encoder.encode(text);
    var big = reserve(bytes.length + extra);
    heap()['u8'].set(bytes, big);
    return { ptr: big, size: bytes.length };
  }
  function writeCString(text) {
    var out = writeUtf8(text, 1);
    heap()['u8'][out.ptr + out.size] = 0;
    return out.ptr;
  }
  // A string that UTF-8 cannot carry (a lone surrogate) travels as a JS
  // value, so that it comes back as it was set.
  function isWellFormed(text) {
    return typeof text.isWellFormed === 'function' ? text.isWellFormed() : !/\p{Surrogate}/u.test(text);
  }
  function writeValue(value) {
    var c = bind();
    var at = c['at'];
    var base = at['ioValue'];
    var as = base + AT_VALUE_AS;
    var type, size = 0, slot = 0, ptr;
    switch (typeof value) {
      case 'undefined': type = WF_VALUE_NONE; break;
      case 'boolean': type = WF_VALUE_BOOL; heap()['i32'][as >> 2] = value ? 1 : 0; break;
      case 'number': type = WF_VALUE_DOUBLE; heap()['f64'][as >> 3] = value; break;
      case 'bigint':
        if (value >= INT64_MIN && value <= INT64_MAX) {
          type = WF_VALUE_INT;
          heap()['i64'][as >> 3] = value;
        } else {
          type = WF_VALUE_JS;
        }
        break;
      case 'string':
        if (!isWellFormed(value)) {
          type = WF_VALUE_JS;
          break;
        }
        var utf8 = writeUtf8(value, 0);
        size = utf8.size;
        type = WF_VALUE_STRING;
        heap()['u32'][as >> 2] = utf8.ptr;
        break;
      default:
        var bytes = bytesOf(value);
        if (bytes !== null) {
          ptr = reserve(bytes.length);
          heap()['u8'].set(bytes, ptr);
          type = WF_VALUE_BYTES;
          size = bytes.length;
          heap()['u32'][as >> 2] = ptr;
        } else {
          type = WF_VALUE_JS;
        }
    }
    if (type === WF_VALUE_JS) {
      slot = hold(value);
      heap()['u32'][as >> 2] = slot;
    }
    heap()['u32'][(base + AT_VALUE_TYPE) >> 2] = type;
    heap()['u32'][(base + AT_VALUE_SIZE) >> 2] = size;
    return slot;
  }

#if typeof WF_BROWSER_MODULE == 'undefined'
  // Completes the C future at `ptr` with `value`; false if it was done.
  function settle(ptr, value, isException) {
    var slot = writeValue(value);
    var rc = bind()['fn']['futureSet'](ptr, isException ? 1 : 0);
    if (rc !== 0 && slot) take(slot);
    return rc === 0;
  }

  // fn(ptr) through the loop once the future at `ptr` is done.
  function whenDone(ptr, fn) {
    var c = bind();
    var slot = hold(fn);
    var rc = c['fn']['futureAddCallback'](ptr, slot, WF_JS_THEN);
    if (rc !== 0) {
      take(slot);
      throw new RangeError('wasm memory is exhausted');
    }
  }

  function cancelMessage(ptr) {
    var c = bind();
    c['fn']['futureCancelMessage'](ptr);
    return cString(heap()['u32'][c['at']['ioMessage'] >> 2]) ?? undefined;
  }

  function cancelledError(message) {
    if (hooks['cancelledError']) return hooks['cancelledError'](message);
    var error = new Error(message ?? '');
    error.name = 'CancelledError';
    return error;
  }

#endif
  function reportError(message, exception) {
    try {
      console.error('wasm-future: ' + message, exception);
    } catch (ignored) {
      // console itself failed: there is nobody left to tell.
    }
  }

#if typeof WF_BROWSER_MODULE == 'undefined'
  // A new C future (on the default loop, or `loop`) settled by a thenable, or
  // by the thenable fn(signal) returns, whose signal aborts when the future is
  // cancelled. The caller owns the one reference returned; 0 when out of
  // memory. The source is read in a later job, as a Promise reads a thenable.
  function futureFor(source, loop) {
    var fn = bind()['fn'];
    var ptr = fn['futureNew'](loop || fn['loopDefault']());
    if (!ptr) return 0;
    // JS keeps its own reference until the future is done.
    fn['futureRetain'](ptr);
    var controller = typeof source === 'function' ? new AbortController() : null;
    try {
      whenDone(ptr, function (done) {
        var state = heap()['u8'][done + AT_FUTURE_STATE];
        if (controller !== null && state === WF_FUTURE_CANCELLED)
          controller.abort(cancelledError(cancelMessage(done)));
        fn['futureRelease'](done);
      });
    } catch (error) {
      fn['futureRelease'](ptr);
      fn['futureRelease'](ptr);
      return 0;
    }
    resolved.then(function () {
      return controller !== null ? source(controller.signal) : source;
    }).then(function (value) {
      settle(ptr, value, false);
    }, function (reason) {
      settle(ptr, reason, true);
    });
    return ptr;
  }

#endif
  // One host timer and one drain function per loop.
  var loops = new Map();

  function loopState(loop) {
    var state = loops.get(loop);
    if (state === undefined) {
      state = {
        timer: null,
#if USE_PTHREADS
        word: 0,
        pollUntil: 0,
#endif
        drain: function () { bind()['fn']['loopRunOnce'](loop); },
        fire: function () {
          state.timer = null;
          bind()['fn']['loopFireTimers'](loop);
        },
      };
      loops.set(loop, state);
    }
    return state;
  }

  // A macrotask: setImmediate in Node, a MessageChannel message in browsers.
  function takeInbox(loop) {
    try {
      bind()['fn']['loopTakeInbox'](loop);
    } catch (error) {
      reportError('could not take in what threads posted', error);
    }
  }

  var macrotask = null;

  function later(fn) {
    if (macrotask === null) {
#if ENVIRONMENT_MAY_BE_NODE || typeof WF_BROWSER_MODULE == 'undefined'
      // In Node, a MessageChannel port with a listener keeps the process
      // alive for good: a user's web module may well run there (tests).
      if (typeof setImmediate === 'function') {
        macrotask = function (f) { setImmediate(f); };
      } else {
#else
      {
#endif
        var channel = new MessageChannel();
        var pending = [];
        channel.port1.onmessage = function () { pending.shift()(); };
        macrotask = function (f) {
          pending.push(f);
          channel.port2.postMessage(null);
        };
      }
    }
    macrotask(fn);
  }

  var runtime = {
    'abi': ABI_VERSION,
    // Which of Emscripten's private names this module found and uses
    // (docs/emscripten-internals.md); test/js/internals.test.js checks them.
    'internals': { 'threadHooks': false },
    // false until the module's runtime started (attach needs it started)
    'ready': function () {
      try {
        bind();
        return true;
      } catch (notYet) {
        return false;
      }
    },
    'bind': bind,
    'heap': heap,
    'hooks': hooks,
    'owner': null,
    'hold': hold,
    'take': take,
    'reserve': reserve,
    'peek': function (slot) { return held[slot]; },
    'own': function (slot, owner) { owners[slot] = owner; },
    'later': later,
    'heldCount': function () { return held.length - 1 - freeSlots.length; },
    'bytesOf': bytesOf,
    'writeValue': writeValue,
    'writeCString': writeCString,
    'cString': cString,
#if typeof WF_BROWSER_MODULE == 'undefined'
    'futureFor': futureFor,
#endif

    // What C calls (the imports below).
    schedule: function (loop, kind) {
      var state = loopState(loop);
      if (kind === WF_RUN_MICROTASK) resolved.then(state.drain);
      else later(state.drain);
    },
    arm: function (loop, due) {
      var state = loopState(loop);
      if (state.timer !== null) clearTimeout(state.timer);
      state.timer = null;
      if (due < 0) return;
      // Measured on the loop's own clock. setTimeout takes at most 2^31-1 ms; C re-arms
      // if it fires early.
      var delay = due - bind()['fn']['loopTime'](loop);
      state.timer = setTimeout(state.fire, Math.min(Math.max(0, delay), 0x7fffffff));
    },
    invoke: function (kind, slot, ptr) {
      var owner, fn;
      if (slot === 0) {
        // A weak callback: the Future's wrapper holds its function and hands
        // it over in order, or has none to give (js/core/future.js).
        var weak = null;
        try {
          if (hooks['weak'] !== null) weak = hooks['weak'](ptr);
        } catch (error) {
          reportError('exception in a callback', error);
        }
        if (weak === null) return;
        fn = weak[0];
        owner = weak[1];
      } else {
        owner = slot < owners.length ? owners[slot] : undefined;
        fn = take(slot);
      }
      try {
        if (kind === WF_JS_THEN) fn(ptr);
        else if (hooks['done'] !== null) hooks['done'](fn, ptr, owner);
        else fn(ptr);
      } catch (exception) {
        try {
          if (hooks['callbackError'] === null) throw exception;
          hooks['callbackError'](fn, exception, ptr, owner);
        } catch (unreported) {
          reportError('exception in a callback', unreported);
        }
      }
    },
    call: function (slot) {
      var fn = take(slot);
      try {
        fn();
      } catch (exception) {
        reportError('exception in a callback', exception);
      }
    },
    report: function (loop, message, future, exception) {
      try {
        if (hooks['report'] === null) throw new Error(cString(message));
        hooks['report'](loop, message, future, exception);
      } catch (error) {
        reportError(cString(message), error);
      }
    },
#if USE_PTHREADS
    // Takes the loop's inbox in (what wf_loop_call_soon_threadsafe posted)
    // whenever a thread raises its flag word: Atomics.waitAsync wakes the main
    // thread sooner than the proxied call C falls back to where nothing
    // waits. A pending waitAsync keeps no host alive.
    watchInbox: function (loop, word) {
      var state = loopState(loop);
      if (state.word !== 0 || typeof Atomics.waitAsync !== 'function') return;
      state.word = word;
      function watch() {
        var result = Atomics.waitAsync(heap()['i32'], word >> 2, 0);
        if (result.async) result.value.then(take);
        else resolved.then(take);
      }
      function take() {
        takeInbox(loop);
        watch();
      }
      watch();
    },
    // A thread will post to the loop's inbox soon (the pool calls it as it
    // hands out a task): for `ms`, Node's event loop looks at the inbox word
    // once a turn instead of sleeping until a wake from the other thread,
    // which costs tens of microseconds here. Only where the inbox is watched
    // (a post came before) and where setImmediate exists.
    'expectPost': function (loop, ms) {
      var state = loopState(loop);
      if (state.word === 0 || typeof setImmediate !== 'function') return;
      var until = performance.now() + ms;
      var polling = state.pollUntil > 0;
      if (until > state.pollUntil) state.pollUntil = until;
      if (polling) return;
      function poll() {
        if (Atomics.load(heap()['i32'], state.word >> 2) !== 0) takeInbox(loop);
        if (performance.now() < state.pollUntil) setImmediate(poll);
        else state.pollUntil = 0;
      }
      setImmediate(poll);
    },
    'workChanged': workChanged,
#endif
  };
#if USE_PTHREADS
  // Node's event loop stays open while C waits for work on threads
  // (platform/wasm.c, wf__pending_work: tasks, requests, running threads),
  // and only then, as asyncio's pending work keeps a program running and its
  // idle threads do not: a ref'd timer that never fires, held on the main
  // thread while the count is above 0. No Worker is ever ref'd.
  var inNode = typeof process === 'object' && typeof process.versions === 'object' &&
    typeof process.versions.node === 'string';
  var holding = null;
  var watchingWork = false;
  function pendingWork() {
    return Atomics.load(heap()['i32'], bind()['at']['pendingWork'] >> 2);
  }
  // On the main thread, whenever the count may have changed: at once for a
  // change made there, through Atomics.waitAsync for a fall to 0 on a worker.
  function workChanged() {
    if (!inNode || ENVIRONMENT_IS_PTHREAD) return;
    var count = pendingWork();
    if (count > 0) {
      if (holding === null) holding = setInterval(function () {}, 0x3fffffff);
      if (!watchingWork) watchWork(count);
    } else if (holding !== null) {
      // What the worker posted just before its work ended is taken in first:
      // the timer must not go while the loop still has something to run.
      loops.forEach(function (state, loop) {
        if (state.word !== 0 && Atomics.load(heap()['i32'], state.word >> 2) !== 0) takeInbox(loop);
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
  // Hack, on Emscripten's private PThread (docs/emscripten-internals.md):
  // each thread counts as pending work from its spawn (getNewWorker) until
  // its Worker goes back to the pool (returnWorkerToPool), and its Worker is
  // unref'd (3.1.6 leaves them ref'd for good; 4.x unrefs after getNewWorker,
  // 6.x once loaded, so a ref of ours would not last). An executor's worker
  // takes itself out of the count (wf__platform_daemon_thread) once C knows
  // threads are counted. Only on Node's main thread.
  function countThreads() {
    if (typeof PThread !== 'object' || PThread === null || typeof ENVIRONMENT_IS_PTHREAD === 'undefined' ||
        ENVIRONMENT_IS_PTHREAD || typeof PThread.returnWorkerToPool !== 'function' ||
        typeof PThread.getNewWorker !== 'function' || !Array.isArray(PThread.unusedWorkers)) return false;
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
    if (Array.isArray(PThread.unusedWorkers)) PThread.unusedWorkers.forEach(unref);
    runtime['internals']['threadHooks'] = true;
    return true;
  }
  // What C counts as pending work now, for tests of the keep-alive.
  runtime['internals']['pendingWork'] = pendingWork;
  runtime['countThreads'] = countThreads;

  // Idle Workers do not pile up (docs/emscripten-internals.md): Emscripten
  // keeps every Worker whose thread ended for reuse (PThread.unusedWorkers),
  // about 8 MB each, for ever. A pool that shut down keeps none of its own:
  // retireWorkers(n) terminates n idle Workers, those idle now and then those
  // whose thread ends next. A later thread gets a new Worker.
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
  runtime['retireWorkers'] = function (n) {
    if (typeof PThread !== 'object' || PThread === null || !Array.isArray(PThread.unusedWorkers)) return;
    toRetire += n;
    while (toRetire > 0 && PThread.unusedWorkers.length > 0 && retire(PThread.unusedWorkers[0])) toRetire--;
  };
  runtime['internals']['idleWorkers'] = function () {
    return typeof PThread === 'object' && PThread !== null && Array.isArray(PThread.unusedWorkers) ? PThread.unusedWorkers.length : -1;
  };
#endif
  return runtime;
}


// Hack, on Emscripten's private glue (docs/emscripten-internals.md): in 6.x
// (not yet in 4.0.23) the heap views and wasmMemory are library symbols,
// which the glue defines only for a library that depends on them (a module
// with MINIMAL_RUNTIME has no HEAPU8 otherwise); 3.1.6 and 4.x define them
// as plain globals, and a dependency on them is an undefined symbol there.
var wasmFutureGlueDeps = ['$HEAPU8', '$wasmMemory'].filter(function (name) {
  return Object.prototype.hasOwnProperty.call(LibraryManager.library, name);
});

mergeInto(LibraryManager.library, {
  // C's table; a function of its own, as Emscripten checks the dependencies
  // of a function on C symbols but warns on those of a value.
  $wasmFutureTable__deps: ['wf__js_bind'],
  $wasmFutureTable: function () { return _wf__js_bind(); },
  $wasmFuture__deps: ['$wasmFutureTable', '$getWasmTableEntry'].concat(wasmFutureGlueDeps),
  // After the rest of the glue (PThread included) is defined.
#if USE_PTHREADS
  $wasmFuture__postset: "Module['wasmFuture'] = wasmFuture; wasmFuture['countThreads']();",
#else
  $wasmFuture__postset: "Module['wasmFuture'] = wasmFuture;",
#endif
  $wasmFuture: '=(' + wasmFutureRuntime.toString() + ')()',

  wf__js_schedule__deps: ['$wasmFuture'],
  wf__js_schedule: '=wasmFuture.schedule',
  wf__js_arm__deps: ['$wasmFuture'],
  wf__js_arm: '=wasmFuture.arm',
  wf__js_now: function () { return performance.now(); },
  wf__js_release__deps: ['$wasmFuture'],
  wf__js_release: "=wasmFuture['take']",
  wf__js_dup__deps: ['$wasmFuture'],
  wf__js_dup: function (handle) { return wasmFuture['hold'](wasmFuture['peek'](handle)); },
  wf__js_report__deps: ['$wasmFuture'],
  wf__js_report: '=wasmFuture.report',
  wf__js_report_failure__deps: ['$wasmFuture'],
  wf__js_report_failure: function (what, error) {
    console.error('wasm-future: ' + wasmFuture['cString'](what) + ': ' + wasmFuture['cString'](error));
  },
  wf__js_invoke__deps: ['$wasmFuture'],
  wf__js_invoke: '=wasmFuture.invoke',
  wf__js_call__deps: ['$wasmFuture'],
  wf__js_call: '=wasmFuture.call',
  wf__js_same__deps: ['$wasmFuture'],
  wf__js_same: function (a, b) { return wasmFuture['peek'](a) === wasmFuture['peek'](b) ? 1 : 0; },
  // Only a module whose C calls wf_js_fetch or wf_js_describe has these.
  wf__js_fetch__deps: ['$wasmFuture'],
  wf__js_fetch: function (loop, urlPtr) {
    var url = wasmFuture['cString'](urlPtr);
    return wasmFuture['futureFor'](function (signal) {
      return globalThis.fetch(url, { signal: signal }).then(function (response) {
        if (!response.ok) throw new Error('fetch ' + url + ': HTTP ' + response.status);
        return response.arrayBuffer();
      }).then(function (body) { return new Uint8Array(body); });
    }, loop);
  },
  wf__js_watch_inbox__deps: ['$wasmFuture'],
  wf__js_watch_inbox: function (loop, word) { wasmFuture.watchInbox(loop, word); },
  wf__js_work_changed__deps: ['$wasmFuture'],
  wf__js_work_changed: function () {
    try {
      wasmFuture['workChanged']();
    } catch (error) {
      console.error('wasm-future: could not keep the host alive for pending work', error);
    }
  },
  // Grows the memory by `pages` (64 KiB each) and the glue's views with it;
  // for a malloc of the module's own (cmake/modules/small-malloc.c), which
  // only the package's browser module has. Emscripten 3.1.6 names the view
  // update updateGlobalBufferAndViews, later releases updateMemoryViews
  // (docs/emscripten-internals.md).
  wf__js_grow__deps: wasmFutureGlueDeps,
  wf__js_grow: function (pages) {
    try {
      wasmMemory.grow(pages);
    } catch (e) {
      return 0;
    }
    if (typeof updateMemoryViews == 'function') updateMemoryViews();
    else updateGlobalBufferAndViews(wasmMemory.buffer);
    return 1;
  },
  wf__js_describe__deps: ['$wasmFuture'],
  wf__js_describe: function (handle) {
    try {
      var value = wasmFuture['peek'](handle);
      var text = value instanceof Error ? String(value.message) : String(value);
      var bytes = new TextEncoder().encode(text);
      var ptr = wasmFuture['bind']()['fn']['malloc'](bytes.length + 1);
      if (!ptr) return 0;
      var u8 = wasmFuture['heap']()['u8'];
      u8.set(bytes, ptr);
      u8[ptr + bytes.length] = 0;
      return ptr;
    } catch (error) {
      return 0;
    }
  },
});

// Hack: Emscripten marks each key of a --js-library as the user's and warns
// when one depends on an internal symbol such as getWasmTableEntry, which is
// how the runtime turns C's function pointers into callable functions in
// every Emscripten release. The warning would print in every user's build.
delete LibraryManager.library['$wasmFuture__user'];
