/* WebAssembly hooks: the loop wakes through the JS wrapper (one microtask per
 * batch, a macrotask past the budget), arms one JS timer, reads
 * performance.now(), and hands JS values back when C lets go of them. The
 * wrapper installs the Module.wf* functions before the first call. */
#include <emscripten.h>

#include "internal.h"

EM_JS(void, wf__js_schedule, (wf_loop * loop, int kind), { Module.wfSchedule(loop, kind); });
EM_JS(void, wf__js_arm, (wf_loop * loop, double due), { Module.wfArm(loop, due); });
EM_JS(void, wf__js_release, (uint32_t handle), { Module.wfRelease(handle); });
EM_JS(uint32_t, wf__js_dup, (uint32_t handle), { return Module.wfDup(handle); });
EM_JS(void, wf__js_report, (wf_loop * loop, const char* message, wf_future* future,
                            const wf_value* exception),
      { Module.wfReport(loop, message, future, exception); });

EM_JS(void, wf__js_report_failure, (const char* what, const char* error),
      { console.error('wasm-future: ' + UTF8ToString(what) + ': ' + UTF8ToString(error)); });

void wf__platform_report(const char* what, int code) { wf__js_report_failure(what, wf_strerror(code)); }

static void wf__wasm_schedule(wf_loop* loop, wf_run_kind kind, void* data) {
  wf__js_schedule(loop, kind);
}

static void wf__wasm_arm_timer(wf_loop* loop, double due, void* data) { wf__js_arm(loop, due); }

static double wf__wasm_now(wf_loop* loop, void* data) { return emscripten_get_now(); }

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

static void wf__wasm_take_inbox(wf_loop* loop) { wf__loop_take_inbox(loop); }

/* The loop runs on the main thread: hand it the inbox from there. */
void wf__platform_wake_threadsafe(wf_loop* loop) {
  if (emscripten_is_main_runtime_thread())
    wf__loop_take_inbox(loop);
  else
    emscripten_async_run_in_main_runtime_thread(EM_FUNC_SIG_VI, wf__wasm_take_inbox, loop);
}
#endif
