/* WebAssembly hooks: the loop wakes through the JS half of the binding (one
 * microtask per batch, a macrotask past the budget), arms one JS timer per
 * loop, reads performance.now(), and hands JS values back when C lets go of
 * them. They work from the module's first instruction on: main() may use the
 * loop before any JS attached to the module. */
#include <emscripten.h>

#include "binding/internal.h"
#include "core/internal.h"

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

void wf__platform_release_js(uint32_t handle) { wf__js_release(handle); }
uint32_t wf__platform_dup_js(uint32_t handle) { return wf__js_dup(handle); }

void wf__platform_default_exception_handler(wf_loop* loop, const wf_exception_context* ctx) {
  wf__js_report(loop, ctx->message, ctx->future, ctx->exception);
}

#ifdef WF_THREADS
#include <emscripten/threading.h>

/* On the main thread, after a worker posted and nothing in JS was watching:
 * takes the inbox in, and from then on lets JS watch the default loop's inbox
 * with Atomics.waitAsync, a quicker wake than this proxied call (a
 * postMessage). Only the default loop: it is never freed, so the watch can
 * outlive nothing. */
static void wf__wasm_take_inbox(wf_loop* loop) {
  if (loop == wf_loop_default()) wf__js_watch_inbox(loop, &loop->inbox_signalled);
  wf__loop_take_inbox(loop);
}

/* The loop runs on the main thread. A watcher in JS counts as a waiter on
 * the inbox word: when notify woke one, it takes the inbox; when it woke
 * none (no watcher yet, or a host without Atomics.waitAsync), the main thread
 * is asked through Emscripten's proxying queue. Both may happen for one post:
 * taking an empty inbox is harmless. */
void wf__platform_wake_threadsafe(wf_loop* loop) {
  if (emscripten_is_main_runtime_thread())
    wf__loop_take_inbox(loop);
  else if (__builtin_wasm_memory_atomic_notify(&loop->inbox_signalled, 1) == 0)
    emscripten_async_run_in_main_runtime_thread(EM_FUNC_SIG_VI, wf__wasm_take_inbox, loop);
}
#endif
