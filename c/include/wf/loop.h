/* The loop: a FIFO ready queue and a timer heap (asyncio's BaseEventLoop). */
#ifndef WF_LOOP_H
#define WF_LOOP_H

#include <stddef.h>
#include <stdint.h>

#include "wf/value.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wf_loop wf_loop;
typedef struct wf_handle wf_handle;
typedef struct wf_future wf_future;

typedef void (*wf_callback)(void* arg);

/* How the loop asks its host to run it. */
typedef enum wf_run_kind {
  WF_RUN_NONE = 0,
  WF_RUN_MICROTASK = 1, /* the queue became non-empty: drain it soon */
  WF_RUN_MACROTASK = 2  /* the drain budget ran out: continue after the host's other tasks */
} wf_run_kind;

/* The platform hooks. On WebAssembly the defaults queue a JS microtask (or a
 * macrotask), arm one JS timer and read performance.now(); natively the
 * defaults do nothing and the clock is manual (wf_loop_advance_time), so tests
 * drive the loop by hand and take no wall time. */
typedef struct wf_loop_hooks {
  /* Called once per batch: when the queue becomes non-empty and no run is
   * scheduled, or when a drain stops on its budget. */
  void (*schedule)(wf_loop* loop, wf_run_kind kind, void* data);
  /* Arm the one host timer for absolute time `due` (ms), which may be past
   * (fire at once); `due` < 0 disarms. A timer due before 0 is armed for 0;
   * a timer due at INFINITY arms nothing. */
  void (*arm_timer)(wf_loop* loop, double due, void* data);
  /* Milliseconds on a monotonic clock that reads 0 or more, and finite. */
  double (*now)(wf_loop* loop, void* data);
  void* data;
} wf_loop_hooks;

typedef struct wf_exception_context {
  const char* message;        /* always set */
  wf_future* future;          /* borrowed; NULL when not about a future */
  const wf_value* exception;  /* borrowed; NULL when none */
} wf_exception_context;

typedef void (*wf_exception_handler)(wf_loop* loop, const wf_exception_context* ctx, void* arg);

/* Creates a loop. `hooks` NULL: the platform's defaults. Caller owns *out and
 * frees it with wf_loop_close. */
int wf_loop_new(wf_loop** out, const wf_loop_hooks* hooks);
/* Frees the loop. WF_EBUSY while futures or handles of it are alive or a
 * drain runs; then nothing is freed. */
int wf_loop_close(wf_loop* loop);
/* The loop that wasm-future's JS wrapper uses; created on first use. Owned by
 * the library. NULL only if out of memory. */
wf_loop* wf_loop_default(void);

/* Appends fn(arg) to the ready queue. `out` may be NULL; otherwise it receives
 * a handle reference the caller owns (wf_handle_release). */
int wf_loop_call_soon(wf_loop* loop, wf_callback fn, void* arg, wf_handle** out);
/* Schedules fn(arg) at absolute loop time `when`, or after `delay` ms, which
 * is call_at(wf_loop_time() + delay), as in asyncio. Any time but NaN
 * (WF_EINVAL) is taken: a time in the past (a negative delay, a negative
 * `when`, -INFINITY) is due at once, and INFINITY is never due (nor keeps the
 * host's timer armed). Due timers run in order of due time, then in the order
 * they were scheduled, whether their times are past or not. */
int wf_loop_call_later(wf_loop* loop, double delay, wf_callback fn, void* arg, wf_handle** out);
int wf_loop_call_at(wf_loop* loop, double when, wf_callback fn, void* arg, wf_handle** out);
/* The loop's clock, in ms. */
double wf_loop_time(wf_loop* loop);

/* Runs one drain: exactly the callbacks that were ready when it began (due
 * timers included), or fewer if the budget runs out, in which case the rest
 * stays first in line and a macrotask is scheduled. *ran (may be NULL)
 * receives how many ran. WF_EBUSY when called from inside a drain. */
int wf_loop_run_once(wf_loop* loop, size_t* ran);
/* Moves the timers due by now to the ready queue and re-arms the host timer.
 * The host calls it when its timer fires. */
int wf_loop_fire_timers(wf_loop* loop);
/* The manual clock of the native default hooks: advances it by `ms` (>= 0)
 * and fires the timers then due. WF_EINVAL with custom or wasm hooks, and
 * when the clock would not stay finite (INFINITY, or past DBL_MAX). */
int wf_loop_advance_time(wf_loop* loop, double ms);
/* How many drains have run (a double, so JS reads it whole). */
double wf_loop_drain_count(const wf_loop* loop);
/* How many callbacks are ready, and how many timers are pending. */
size_t wf_loop_ready_count(const wf_loop* loop);
size_t wf_loop_timer_count(const wf_loop* loop);

/* The anti-starvation budget: after `count` callbacks or `ms` of consecutive
 * microtask drains, the rest continues in a macrotask. count 0 or ms <= 0 or
 * NaN is WF_EINVAL. Defaults: 10000 callbacks, 8 ms. */
int wf_loop_set_budget(wf_loop* loop, uint32_t count, double ms);
int wf_loop_get_budget(const wf_loop* loop, uint32_t* count, double* ms);

/* Exception handler: NULL restores the default (stderr natively, the JS
 * wrapper's handler on WebAssembly). */
int wf_loop_set_exception_handler(wf_loop* loop, wf_exception_handler fn, void* arg);
int wf_loop_call_exception_handler(wf_loop* loop, const wf_exception_context* ctx);

/* Handles. Cancelling a queued handle or a pending timer means its callback
 * never runs; cancelling twice, or after it ran, is allowed and does nothing. */
int wf_handle_cancel(wf_handle* handle);
/* 1 if cancelled, 0 if not, WF_EINVAL for NULL. */
int wf_handle_cancelled(const wf_handle* handle);
/* The due time of a timer handle; WF_EINVAL for a handle of call_soon. */
int wf_handle_when(const wf_handle* handle, double* when);
void wf_handle_retain(wf_handle* handle);
void wf_handle_release(wf_handle* handle);

#ifdef __cplusplus
}
#endif
#endif
