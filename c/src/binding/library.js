// The C imports of the binding (platform/wasm.h, binding/binding_internal.h):
// what C calls in JavaScript. Each calls the module runtime ($wasmFuture), a
// --js-library of its own that wasm-future-config and the CMake package link
// beside this file: c/src/binding/generated/runtime.js, runtime-threads.js or
// runtime-browser.js, bundled from js/runtime/ by scripts/gen-runtime.mjs.
// The runtime wakes the loop from microtasks, macrotasks and timers, holds the
// JS values C holds, turns JS values into C values and starts JS promises for
// C; the rest of the JS API lives in the package (wasm-future/attach), which
// finds the runtime as Module.wasmFuture.
// Beware: no JS exception may unwind through a C frame: each import below
// catches what it runs, or calls runtime code that does.

mergeInto(LibraryManager.library, {
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
  // Its dependency on the runtime brings the glue's wasmMemory where that is a
  // library symbol (generated/runtime*.js).
  wf__js_grow__deps: ['$wasmFuture'],
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
