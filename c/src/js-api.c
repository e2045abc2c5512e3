/* The entry points of the JS wrapper (the js/ folder). They pass values through a
 * static exchange area instead of arguments, so one call sets any value, and
 * they return pointers (NULL on failure) where JS has no out-parameters. */
#include <emscripten.h>
#include <emscripten/emmalloc.h>
#include <stdlib.h>

#include "internal.h"

enum { WF__JS_THEN = 0, WF__JS_DONE = 1 };

static struct {
  wf_value value;        /* JS writes here, then calls wf__js_set */
  const wf_value* out;   /* wf_future_result / wf_future_exception write here */
  const char* message;   /* wf_future_cancel_message writes here */
  uint32_t budget_count;
  double budget_ms;
} wf__js_io;

static char* wf__js_buffer;
static uint32_t wf__js_buffer_size;

EM_JS(void, wf__js_invoke, (int kind, uint32_t handle, wf_future* future),
      { Module.wfInvoke(kind, handle, future); });
EM_JS(void, wf__js_call, (uint32_t handle), { Module.wfCall(handle); });
EM_JS(int, wf__js_same, (uint32_t a, uint32_t b), { return Module.wfSame(a, b); });

/* Offsets the wrapper reads wasm memory with. */
EMSCRIPTEN_KEEPALIVE const uint32_t* wf__js_layout(void) {
  static uint32_t layout[16];
  layout[0] = offsetof(wf_future, state);
  layout[1] = offsetof(wf_future, has_exception);
  layout[2] = offsetof(wf_future, value);
  layout[3] = offsetof(wf_value, type);
  layout[4] = offsetof(wf_value, size);
  layout[5] = offsetof(wf_value, as);
  layout[6] = offsetof(wf_value, as.error.message);
  layout[7] = (uint32_t)(uintptr_t)&wf__js_io.value;
  layout[8] = (uint32_t)(uintptr_t)&wf__js_io.out;
  layout[9] = (uint32_t)(uintptr_t)&wf__js_io.message;
  layout[10] = (uint32_t)(uintptr_t)&wf__js_io.budget_count;
  layout[11] = (uint32_t)(uintptr_t)&wf__js_io.budget_ms;
  layout[12] = sizeof(wf_value);
  layout[13] = offsetof(wf_future_list, items);
  return layout;
}

/* A scratch buffer of at least `size` bytes for strings and bytes on their
 * way into C; NULL if out of memory. */
EMSCRIPTEN_KEEPALIVE char* wf__js_reserve(uint32_t size) {
  if (size < 64) size = 64;
  if (size > wf__js_buffer_size) {
    char* grown = realloc(wf__js_buffer, size);
    if (grown == NULL) return NULL;
    wf__js_buffer = grown;
    wf__js_buffer_size = size;
  }
  return wf__js_buffer;
}

EMSCRIPTEN_KEEPALIVE wf_future* wf__js_future_new(wf_loop* loop) {
  wf_future* f = NULL;
  return wf_future_new(loop, &f) == 0 ? f : NULL;
}

/* Completes `future` with the value in the exchange area. On success C took
 * over a JS handle in it; on failure it is still the caller's. */
EMSCRIPTEN_KEEPALIVE int wf__js_set(wf_future* future, int is_exception) {
  return wf__future_settle_taking_js(future, &wf__js_io.value, is_exception != 0);
}

EMSCRIPTEN_KEEPALIVE int wf__js_cancel(wf_future* future, const char* msg) {
  int cancelled = 0;
  int rc = wf_future_cancel(future, msg, &cancelled);
  return rc != 0 ? rc : cancelled;
}

EMSCRIPTEN_KEEPALIVE int wf__js_result(wf_future* future) {
  return wf_future_result(future, &wf__js_io.out);
}

EMSCRIPTEN_KEEPALIVE int wf__js_exception(wf_future* future) {
  return wf_future_exception(future, &wf__js_io.out);
}

EMSCRIPTEN_KEEPALIVE int wf__js_cancel_message(wf_future* future) {
  return wf_future_cancel_message(future, &wf__js_io.message);
}

static void wf__js_then_trampoline(wf_future* future, void* arg) {
  wf__js_invoke(WF__JS_THEN, (uint32_t)(uintptr_t)arg, future);
}

static void wf__js_done_trampoline(wf_future* future, void* arg) {
  wf__js_invoke(WF__JS_DONE, (uint32_t)(uintptr_t)arg, future);
}

static void wf__js_release_arg(void* arg) { wf__platform_release_js((uint32_t)(uintptr_t)arg); }

/* kind 0: an internal continuation (then, await) called with the pointer;
 * kind 1: a user's done-callback called with the Future. On failure the
 * handle is still the caller's. */
EMSCRIPTEN_KEEPALIVE int wf__js_add_callback(wf_future* future, uint32_t handle, int kind) {
  if (kind != WF__JS_THEN && kind != WF__JS_DONE) return WF_EINVAL;
  return wf_future_add_done_callback_full(
      future, kind == WF__JS_THEN ? wf__js_then_trampoline : wf__js_done_trampoline,
      (void*)(uintptr_t)handle, wf__js_release_arg);
}

static bool wf__js_matches(const wf__callback* cb, void* ctx) {
  return cb->cb == wf__js_done_trampoline &&
         wf__js_same((uint32_t)(uintptr_t)cb->arg, (uint32_t)(uintptr_t)ctx);
}

/* Removes the user done-callbacks whose function is the one behind `handle`;
 * returns how many, or an error code. */
EMSCRIPTEN_KEEPALIVE int wf__js_remove_callback(wf_future* future, uint32_t handle) {
  size_t removed = 0;
  int rc = wf__future_remove_matching(future, wf__js_matches, (void*)(uintptr_t)handle, &removed);
  return rc != 0 ? rc : (int)removed;
}

static void wf__js_call_trampoline(void* arg) { wf__js_call((uint32_t)(uintptr_t)arg); }

/* The handle stays valid while it is queued or pending; JS holds no reference
 * to it and forgets it once it ran or JS cancelled it. */
static wf_handle* wf__js_handle_or_null(int rc, wf_handle* h) {
  if (rc != 0) return NULL;
  /* A handle that is cancelled or dropped unrun hands its JS function back. */
  wf__handle_set_release(h, wf__js_release_arg);
  wf_handle_release(h);
  return h;
}

EMSCRIPTEN_KEEPALIVE wf_handle* wf__js_call_soon(wf_loop* loop, uint32_t handle) {
  wf_handle* h = NULL;
  int rc = wf_loop_call_soon(loop, wf__js_call_trampoline, (void*)(uintptr_t)handle, &h);
  return wf__js_handle_or_null(rc, h);
}

EMSCRIPTEN_KEEPALIVE wf_handle* wf__js_call_at(wf_loop* loop, double when, uint32_t handle) {
  wf_handle* h = NULL;
  int rc = wf_loop_call_at(loop, when, wf__js_call_trampoline, (void*)(uintptr_t)handle, &h);
  return wf__js_handle_or_null(rc, h);
}

EMSCRIPTEN_KEEPALIVE int wf__js_get_budget(wf_loop* loop) {
  return wf_loop_get_budget(loop, &wf__js_io.budget_count, &wf__js_io.budget_ms);
}

/* Bytes of the wasm heap in use by malloc, for the memory test and the
 * benchmarks. */
EMSCRIPTEN_KEEPALIVE uint32_t wf__js_heap_in_use(void) {
  return (uint32_t)(emmalloc_dynamic_heap_size() - emmalloc_free_dynamic_memory());
}

/* The combinators. JS checked the arguments, so NULL means out of memory.
 * Each returns a reference the caller owns. */
static wf_future* wf__js_future_or_null(int rc, wf_future* f) { return rc == 0 ? f : NULL; }

EMSCRIPTEN_KEEPALIVE wf_future* wf__js_gather(wf_loop* loop, wf_future* const* futures, uint32_t n,
                                             int return_exceptions) {
  wf_future* out = NULL;
  return wf__js_future_or_null(wf_gather(loop, futures, n, return_exceptions, &out), out);
}

EMSCRIPTEN_KEEPALIVE wf_future* wf__js_wait(wf_loop* loop, wf_future* const* futures, uint32_t n,
                                           double timeout, int return_when) {
  wf_future* out = NULL;
  return wf__js_future_or_null(wf_wait(loop, futures, n, timeout, return_when, &out), out);
}

EMSCRIPTEN_KEEPALIVE wf_future_list* wf__js_as_completed(wf_loop* loop, wf_future* const* futures,
                                                        uint32_t n, double timeout) {
  wf_future_list* out = NULL;
  return wf_as_completed(loop, futures, n, timeout, &out) == 0 ? out : NULL;
}

EMSCRIPTEN_KEEPALIVE wf_future* wf__js_wait_for(wf_future* future, double timeout) {
  wf_future* out = NULL;
  return wf__js_future_or_null(wf_wait_for(future, timeout, &out), out);
}

EMSCRIPTEN_KEEPALIVE wf_future* wf__js_shield(wf_future* future) {
  wf_future* out = NULL;
  return wf__js_future_or_null(wf_shield(future, &out), out);
}

/* The value is in the exchange area; the sleep keeps its own copy. */
EMSCRIPTEN_KEEPALIVE wf_future* wf__js_sleep(wf_loop* loop, double delay) {
  wf_future* out = NULL;
  return wf__js_future_or_null(wf_sleep(loop, delay, &wf__js_io.value, &out), out);
}
