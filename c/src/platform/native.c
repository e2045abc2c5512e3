/* Native hooks: nothing to wake, a manual clock. Tests drive the loop with
 * wf_loop_run_once and wf_loop_advance_time, so they take no wall time. */
#include <stdio.h>

#include "core/core_internal.h"

static void wf__native_schedule(wf_loop* loop, wf_run_kind kind, void* data) {
  (void)loop;
  (void)kind;
  (void)data;
}

static void wf__native_arm_timer(wf_loop* loop, double due, void* data) {
  (void)loop;
  (void)due;
  (void)data;
}

static double wf__native_now(wf_loop* loop, void* data) {
  (void)data;
  return loop->manual_now;
}

const wf_loop_hooks wf__platform_hooks = {wf__native_schedule, wf__native_arm_timer,
                                          wf__native_now, NULL};
const bool wf__platform_manual_clock = true;

/* No JavaScript natively: a JS handle is only a number. */
void wf__platform_release_js(uint32_t handle) { (void)handle; }
uint32_t wf__platform_dup_js(uint32_t handle) { return handle; }

void wf__platform_report(const char* what, int code) {
  fprintf(stderr, "wasm-future: %s: %s\n", what, wf_strerror(code));
}

void wf__platform_default_exception_handler(wf_loop* loop, const wf_exception_context* ctx) {
  (void)loop;
  fprintf(stderr, "wasm-future: %s", ctx->message);
  if (ctx->exception != NULL && ctx->exception->type == WF_VALUE_ERROR)
    fprintf(stderr, ": error %d: %s", (int)ctx->exception->as.error.code,
            ctx->exception->as.error.message);
  fputc('\n', stderr);
}

#ifdef WF_THREADS
/* Natively the loop's thread takes the inbox in at its next drain. */
void wf__platform_wake_threadsafe(wf_loop* loop) { (void)loop; }

/* Natively a process lives until main returns: nothing to keep alive. */
void wf__platform_work_begin(void) {}
void wf__platform_work_end(void) {}
void wf__platform_daemon_thread(bool starting) { (void)starting; }
#endif
