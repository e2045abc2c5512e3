/* WebAssembly hooks: through its JS host (the imports of platform/wasm.h,
 * which binding/library.js implements) the loop wakes (one microtask per
 * batch, a macrotask past the budget), arms one JS timer per loop, reads
 * performance.now(), and hands JS values back when C lets go of them. They
 * work from the module's first instruction on: main() may use the loop before
 * any JS attached to the module. */
#include <emscripten.h>

#include "core/core_internal.h"
#include "platform/wasm.h"

void wf__platform_report(const char* what, int code) { wf__js_report_failure(what, wf_strerror(code)); }

static void wf__wasm_schedule(wf_loop* loop, wf_run_kind kind, void* data) {
  wf__js_schedule(loop, kind);
}

static void wf__wasm_arm_timer(wf_loop* loop, double due, void* data) { wf__js_arm(loop, due); }

/* performance.now(), in every host (emscripten_get_now has another origin in Node). */
static double wf__wasm_now(wf_loop* loop, void* data) { return wf__js_now(); }

const wf_loop_hooks wf__platform_hooks = {wf__wasm_schedule, wf__wasm_arm_timer, wf__wasm_now,
                                          NULL};
const bool wf__platform_manual_clock = false;

#ifdef WF_THREADS
#include <emscripten/threading.h>

static void wf__wasm_release_js(uint32_t handle) { wf__js_release(handle); }
static uint32_t wf__wasm_dup_js(uint32_t handle) { return wf__js_dup(handle); }

/* JS values live in the main thread's JS: a handle is a slot of its table,
 * which the JS of a worker (another realm) does not have. A value that
 * crossed threads (a cfuture's result, dropped by the worker that read it)
 * is let go of and copied on the main thread, never by a worker's own JS. */
void wf__platform_release_js(uint32_t handle) {
  if (emscripten_is_main_runtime_thread())
    wf__js_release(handle);
  else
    emscripten_async_run_in_main_runtime_thread(EM_FUNC_SIG_VI, wf__wasm_release_js, handle);
}
uint32_t wf__platform_dup_js(uint32_t handle) {
  if (emscripten_is_main_runtime_thread()) return wf__js_dup(handle);
  return (uint32_t)emscripten_sync_run_in_main_runtime_thread(EM_FUNC_SIG_II, wf__wasm_dup_js, handle);
}
#else
void wf__platform_release_js(uint32_t handle) { wf__js_release(handle); }
uint32_t wf__platform_dup_js(uint32_t handle) { return wf__js_dup(handle); }
#endif

void wf__platform_default_exception_handler(wf_loop* loop, const wf_exception_context* ctx) {
  wf__js_report(loop, ctx->message, ctx->future, ctx->exception);
}

#ifdef WF_THREADS
/* On the main thread, after a worker posted and nothing in JS was watching:
 * takes the inbox in, and from then on lets JS watch the default loop's inbox
 * with Atomics.waitAsync, a quicker wake than this proxied call (a
 * postMessage). Only the default loop: it is never freed, so the watch can
 * outlive nothing. */
static void wf__wasm_take_inbox(wf_loop* loop) {
  if (loop == wf_loop_default()) wf__js_watch_inbox(loop, &loop->inbox_signalled);
  wf__loop_take_inbox(loop);
  wf__platform_work_end();
}

/* The loop runs on the main thread. A watcher in JS counts as a waiter on
 * the inbox word: when notify woke one, it takes the inbox; when it woke
 * none (no watcher yet, or a host without Atomics.waitAsync), the main thread
 * is asked through Emscripten's proxying queue. Both may happen for one post:
 * taking an empty inbox is harmless.
 * Beware: the proxied call is a postMessage from an unref'd Worker, which
 * keeps no Node process alive. It counts as pending work until the main
 * thread ran it, or the poster's own end (its task, its thread) could let
 * the process exit with the message undelivered (seen under load in CI:
 * a pool's first result lost, exit status 0). The poster is itself counted
 * while it posts, so this raise is never one from 0 that JS would miss. */
void wf__platform_wake_threadsafe(wf_loop* loop) {
  if (emscripten_is_main_runtime_thread())
    wf__loop_take_inbox(loop);
  else if (__builtin_wasm_memory_atomic_notify(&loop->inbox_signalled, 1) == 0) {
    wf__platform_work_begin();
    emscripten_async_run_in_main_runtime_thread(EM_FUNC_SIG_VI, wf__wasm_take_inbox, loop);
  }
}
#endif

#ifdef WF_THREADS
/* Pending work (core/core_internal.h, wf__platform_work_begin): JS on the main
 * thread reads this word (binding/js-table.def) and holds Node's event loop
 * open while it is above 0. Every change on the main thread tells JS at once
 * (a call per task submitted from there, which is the price of never missing
 * a rise); a worker only ever needs to report a fall to 0, through the main
 * thread's Atomics.waitAsync on the word. A worker may raise it from 0 only
 * as an idle executor worker leaves (wf__platform_daemon_thread), which no
 * one waits for. */
int wf__pending_work;

void wf__platform_work_begin(void) {
  __atomic_fetch_add(&wf__pending_work, 1, __ATOMIC_SEQ_CST);
  if (emscripten_is_main_runtime_thread()) wf__js_work_changed();
}

void wf__platform_work_end(void) {
  int before = __atomic_fetch_sub(&wf__pending_work, 1, __ATOMIC_SEQ_CST);
  if (emscripten_is_main_runtime_thread())
    wf__js_work_changed();
  else if (before == 1)
    __builtin_wasm_memory_atomic_notify(&wf__pending_work, UINT32_MAX);
}

/* Set by the JS half before any thread starts, once it counts each thread
 * from its spawn until its Worker returns to Emscripten's pool (library.js,
 * countThreads): then an executor's worker undoes its own count. */
int wf__threads_counted;

void wf__platform_daemon_thread(bool starting) {
  if (!__atomic_load_n(&wf__threads_counted, __ATOMIC_SEQ_CST)) return;
  if (starting)
    wf__platform_work_end();
  else
    wf__platform_work_begin();
}
#endif
