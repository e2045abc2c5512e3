/* The C half of the JS binding. JavaScript (the module runtime inside the
 * module, and wasm-future/attach outside it) reaches C through one table,
 * wf__js_bind(): every entry point it calls, as a function pointer, every
 * offset and address it reads memory at, and every constant it mirrors, each
 * under its name; JS reads the names, so it never depends on how emcc named
 * the exports. JS's hot paths use the offsets and constants as literals,
 * which scripts/gen-abi.mjs writes from this same list into js/core/abi.js
 * (which the module runtime imports too); attach checks them against a user
 * module's table.
 *
 * The entry points pass values through a static exchange area instead of
 * arguments, so one call sets any value, and return pointers (NULL on
 * failure) where JS has no out-parameters. None of them takes or returns a
 * 64-bit integer: a function from the table is called without Emscripten's
 * legalisation, whatever -sWASM_BIGINT the module was linked with. */
#include <emscripten.h>
#include <malloc.h>
#include <stdlib.h>

#include "binding/binding_internal.h"
#include "binding/js-abi.h"
#include "concurrent/concurrent_internal.h"
#include "wf/js.h"
#include "wf/tasks.h"

static struct {
  wf_value value;        /* JS writes here, then calls wf__js_set */
  const wf_value* out;   /* wf_future_result / wf_future_exception write here */
  const char* message;   /* wf_future_cancel_message writes here */
  uint32_t budget_count;
  double budget_ms;
} wf__js_io;

/* The scratch buffer for strings and bytes on their way into C: each use
 * ends with the C call that copies out of it, so one buffer serves every
 * call. Up to WF__JS_SCRATCH_KEEP bytes it is kept; a larger request gets a
 * buffer of its own, freed by the next request or by wf__js_reserve_trim,
 * which JS calls once the call that used it returned: a 50 MB string must
 * not keep 50 MB of the heap for good. */
static char* wf__js_scratch;
static uint32_t wf__js_scratch_size;
static char* wf__js_big;

static void wf__js_reserve_trim(void) {
  free(wf__js_big);
  wf__js_big = NULL;
}

/* A scratch buffer of at least `size` bytes; NULL if out of memory. */
static char* wf__js_reserve(uint32_t size) {
  wf__js_reserve_trim();
  if (size <= WF__JS_SCRATCH_KEEP) {
    /* An empty string or array needs a buffer too: NULL means out of memory. */
    if (size > wf__js_scratch_size || wf__js_scratch == NULL) {
      uint32_t grown_size = size < 64 ? 64 : size;
      char* grown = realloc(wf__js_scratch, grown_size);
      if (grown == NULL) return NULL;
      wf__js_scratch = grown;
      wf__js_scratch_size = grown_size;
    }
    return wf__js_scratch;
  }
  wf__js_big = malloc(size);
  return wf__js_big;
}

/* A new future whose binding byte (the JS wrapper's flags) starts as
 * `binding`: written here, new Future() costs JS no write of its own into
 * wasm memory. */
static wf_future* wf__js_future_new(wf_loop* loop, int binding) {
  wf_future* f = NULL;
  if (wf_future_new(loop, &f) != 0) return NULL;
  f->binding = (uint8_t)binding;
  return f;
}

/* Completes `future` with `value`: 0, or an error code with nothing changed.
 * `held` > 0: JS holds that many then-callbacks of the future that C does
 * not list, and C lists none (js/future/weak-callbacks.js, unlisted); C
 * answers where JS runs them. 1: the loop is idle, so in a microtask of JS's
 * own, which is where the loop would run them (nothing is queued before
 * them, and what is queued after asks for a drain behind that microtask),
 * without the drain and its crossings (BENCHMARKS.md, a2). 2: the loop is
 * busy, so JS queues them now, behind what is queued already, as C would
 * have; their handles are reserved, so that cannot fail. */
static int wf__js_settle(wf_future* future, const wf_value* value, int is_exception, int held) {
  if (held <= 0) return wf__future_settle_taking_js(future, value, is_exception != 0);
  if (future == NULL || wf__future_callback_total(future) != 0) return WF_EINVAL;
  int rc = wf__loop_reserve_handles(future->loop, (size_t)held);
  if (rc != 0) return rc;
  rc = wf__future_settle_taking_js(future, value, is_exception != 0);
  if (rc != 0) return rc;
  return wf__loop_idle(future->loop) ? 1 : 2;
}

/* The value is in the exchange area. On success C took over a JS handle in
 * it; on failure it is still the caller's. */
static int wf__js_set(wf_future* future, int is_exception, int held) {
  return wf__js_settle(future, &wf__js_io.value, is_exception, held);
}

/* setResult's most common value, without the trip through wf__js_io. */
static int wf__js_set_number(wf_future* future, double number, int held) {
  wf_value value = wf_value_double(number);
  return wf__js_settle(future, &value, false, held);
}

static int wf__js_cancel(wf_future* future, const char* msg) {
  int cancelled = 0;
  int rc = wf_future_cancel(future, msg, &cancelled);
  return rc != 0 ? rc : cancelled;
}

static int wf__js_result(wf_future* future) { return wf_future_result(future, &wf__js_io.out); }

static int wf__js_exception(wf_future* future) {
  return wf_future_exception(future, &wf__js_io.out);
}

static int wf__js_cancel_message(wf_future* future) {
  return wf_future_cancel_message(future, &wf__js_io.message);
}

/* A JS callback's arg is its function's handle, or 0 while the future's JS
 * wrapper holds the function itself (a weak callback, js/future/weak-callbacks.js).
 * A weak callback that runs asks JS for the wrapper's next weak function
 * (handle 0): JS keeps a wrapper whose weak callbacks are queued alive until
 * they ran, and one it no longer has had nothing behind it. */
static void wf__js_then_trampoline(wf_future* future, void* arg) {
  wf__js_invoke(WF__JS_THEN, (uint32_t)(uintptr_t)arg, future);
}

static void wf__js_done_trampoline(wf_future* future, void* arg) {
  wf__js_invoke(WF__JS_DONE, (uint32_t)(uintptr_t)arg, future);
}

static void wf__js_release_arg(void* arg) {
  if (arg != NULL) wf__platform_release_js((uint32_t)(uintptr_t)arg);
}

/* kind 0: an internal continuation (then, await) called with the pointer;
 * kind 1: a user's done-callback called with the Future. `handle` 0 adds a
 * weak callback. On failure the handle is still the caller's. */
static int wf__js_add_callback(wf_future* future, uint32_t handle, int kind) {
  if (kind != WF__JS_THEN && kind != WF__JS_DONE) return WF_EINVAL;
  return wf_future_add_done_callback_full(
      future, kind == WF__JS_THEN ? wf__js_then_trampoline : wf__js_done_trampoline,
      (void*)(uintptr_t)handle, wf__js_release_arg);
}

/* Lists, after the callbacks C has, `n` weak then-callbacks whose functions
 * JS held unlisted (js/future/weak-callbacks.js, list): all or, with an
 * error code, none. */
static int wf__js_list_weak(wf_future* future, uint32_t n) {
  if (future == NULL || future->state != WF_FUTURE_PENDING) return WF_EINVAL;
  int rc = wf__future_reserve_callbacks(future, n);
  if (rc != 0) return rc;
  /* None of these can fail: room was reserved. */
  for (uint32_t i = 0; i < n; i++) wf__js_add_callback(future, 0, WF__JS_THEN);
  return 0;
}

typedef struct wf__js_weak_binding {
  uint32_t* handles;
  uint32_t count;
  uint32_t seen; /* weak callbacks passed so far */
  bool bind;     /* false: only count them */
} wf__js_weak_binding;

static void wf__js_bind_one(wf__callback* cb, void* ctx) {
  wf__js_weak_binding* b = ctx;
  bool weak = cb->arg == NULL &&
              (cb->cb == wf__js_then_trampoline || cb->cb == wf__js_done_trampoline);
  if (!weak || b->seen == b->count) return;
  uint32_t* handle = &b->handles[b->seen++];
  if (!b->bind || *handle == 0) return;
  cb->arg = (void*)(uintptr_t)*handle;
  if (cb->cb == wf__js_then_trampoline) *handle = 0;
}

/* Gives the future's first `count` weak callbacks, in the order they run,
 * the functions behind handles[0..count), which C then owns; a 0 leaves its
 * callback weak. On return an entry keeps its handle only if that callback
 * is a done-callback (JS gives those their Future), and is 0 otherwise.
 * WF_EINVAL, with nothing changed, if the future has fewer weak callbacks.
 * One pass over the callbacks, however many are bound: a future a hundred
 * thousand coroutines await is pinned once. */
static int wf__js_bind_weak(wf_future* future, uint32_t* handles, uint32_t count) {
  wf__js_weak_binding b = {handles, count, 0, false};
  wf__future_each_callback(future, wf__js_bind_one, &b);
  if (b.seen < count) return WF_EINVAL;
  b.seen = 0;
  b.bind = true;
  wf__future_each_callback(future, wf__js_bind_one, &b);
  return 0;
}

static bool wf__js_matches(const wf__callback* cb, void* ctx) {
  return cb->cb == wf__js_done_trampoline && cb->arg != NULL &&
         wf__js_same((uint32_t)(uintptr_t)cb->arg, (uint32_t)(uintptr_t)ctx);
}

/* Removes the user done-callbacks whose function is the one behind `handle`;
 * returns how many, or an error code. */
static int wf__js_remove_callback(wf_future* future, uint32_t handle) {
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

static wf_handle* wf__js_call_soon(wf_loop* loop, uint32_t handle) {
  wf_handle* h = NULL;
  int rc = wf_loop_call_soon(loop, wf__js_call_trampoline, (void*)(uintptr_t)handle, &h);
  return wf__js_handle_or_null(rc, h);
}

static wf_handle* wf__js_call_at(wf_loop* loop, double when, uint32_t handle) {
  wf_handle* h = NULL;
  int rc = wf_loop_call_at(loop, when, wf__js_call_trampoline, (void*)(uintptr_t)handle, &h);
  return wf__js_handle_or_null(rc, h);
}

static int wf__js_run_once(wf_loop* loop) { return wf_loop_run_once(loop, NULL); }

static int wf__js_get_budget(wf_loop* loop) {
  return wf_loop_get_budget(loop, &wf__js_io.budget_count, &wf__js_io.budget_ms);
}

/* Bytes of the wasm heap that malloc handed out and did not take back, for
 * the memory test and the benchmarks. */
static uint32_t wf__js_heap_in_use(void) {
  struct mallinfo info = mallinfo();
  return (uint32_t)info.uordblks;
}

/* The combinators. JS checked the arguments, so NULL means out of memory.
 * Each returns a reference the caller owns. */
static wf_future* wf__js_future_or_null(int rc, wf_future* f) { return rc == 0 ? f : NULL; }

static wf_future* wf__js_gather(wf_loop* loop, wf_future* const* futures, uint32_t n,
                                int return_exceptions) {
  wf_future* out = NULL;
  return wf__js_future_or_null(wf_gather(loop, futures, n, return_exceptions, &out), out);
}

static wf_future* wf__js_wait(wf_loop* loop, wf_future* const* futures, uint32_t n, double timeout,
                              int return_when) {
  wf_future* out = NULL;
  return wf__js_future_or_null(wf_wait(loop, futures, n, timeout, return_when, &out), out);
}

static wf_future_list* wf__js_as_completed(wf_loop* loop, wf_future* const* futures, uint32_t n,
                                           double timeout) {
  wf_future_list* out = NULL;
  return wf_as_completed(loop, futures, n, timeout, &out) == 0 ? out : NULL;
}

static wf_future* wf__js_wait_for(wf_future* future, double timeout) {
  wf_future* out = NULL;
  return wf__js_future_or_null(wf_wait_for(future, timeout, &out), out);
}

static wf_future* wf__js_shield(wf_future* future) {
  wf_future* out = NULL;
  return wf__js_future_or_null(wf_shield(future, &out), out);
}

/* The value is in the exchange area; the sleep keeps its own copy. */
static wf_future* wf__js_sleep(wf_loop* loop, double delay) {
  wf_future* out = NULL;
  return wf__js_future_or_null(wf_sleep(loop, delay, &wf__js_io.value, &out), out);
}

int wf_js_fetch(wf_loop* loop, const char* url, wf_future** out) {
  if (url == NULL || out == NULL) return WF_EINVAL;
  wf_future* f = wf__js_fetch(loop == NULL ? wf_loop_default() : loop, url);
  if (f == NULL) return WF_ENOMEM;
  *out = f;
  return 0;
}

int wf_js_describe(const wf_value* value, char** out) {
  if (value == NULL || out == NULL || value->type != WF_VALUE_JS) return WF_EINVAL;
  char* text = wf__js_describe(value->as.js);
  if (text == NULL) return WF_ENOMEM;
  *out = text;
  return 0;
}

/* Everything JS reads of C, by name (binding/js-table.def, expanded twice
 * here): the names in one block, each after a digit for its kind (0 entry
 * point, 1 offset or address, 2 constant), ended by an empty one, and the
 * values in an array in the same order. The browser module's block is empty:
 * its runtime comes with it and knows its entries by position (browserTable
 * in js/core/abi.js, which scripts/gen-abi.mjs writes from this same list),
 * which keeps the names out of what browsers download (7 675 -> 7 385 bytes
 * of .wasm gzipped). Its JS refuses a table whose first two values are not
 * the ABI version and the size it knows (a .wasm of another release in a
 * cache): a change of entries that keeps the size needs a new ABI version. */
#ifdef WF_BROWSER_MODULE
static const char wf__js_names[] = "";
#define WF__FN(name, fn) +1
#define WF__AT(name, value) +1
#define WF__ADDRESS(name, object) +1
#define WF__CONSTANT(name, value) +1
enum {
  WF__JS_TABLE_SIZE = 0
#include "binding/js-table.def"
};
#undef WF__FN
#undef WF__AT
#undef WF__ADDRESS
#undef WF__CONSTANT
#else
#define WF__FN(name, fn) "0" name "\0"
#define WF__AT(name, value) "1" name "\0"
#define WF__ADDRESS(name, object) "1" name "\0"
#define WF__CONSTANT(name, value) "2" name "\0"
static const char wf__js_names[] =
#include "binding/js-table.def"
    "";
#undef WF__FN
#undef WF__AT
#undef WF__ADDRESS
#undef WF__CONSTANT
#endif

#define WF__FN(name, fn) (uint32_t)(uintptr_t)(fn),
#define WF__AT(name, value) (uint32_t)(value),
#define WF__ADDRESS(name, object) (uint32_t)(uintptr_t)&(object),
#define WF__CONSTANT(name, value) (uint32_t)(int32_t)(value),
static const uint32_t wf__js_values[] = {
#include "binding/js-table.def"
};

static const struct {
  const char* names;
  const uint32_t* values;
} wf__js_table = {wf__js_names, wf__js_values};

EMSCRIPTEN_KEEPALIVE const void* wf__js_bind(void) { return &wf__js_table; }
