/* The ready queue, its drain and the anti-starvation budget. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_internal.h"

enum { WF__BUDGET_COUNT = 10000, WF__HANDLE_POOL_MAX = 1024, WF__CLOCK_EVERY = 64 };
#define WF__BUDGET_MS 8.0

static wf_loop* wf__default_loop;

int wf_loop_new(wf_loop** out, const wf_loop_hooks* hooks) {
  if (out == NULL) return WF_EINVAL;
  if (hooks != NULL && (hooks->schedule == NULL || hooks->arm_timer == NULL || hooks->now == NULL))
    return WF_EINVAL;
  wf_loop* loop = calloc(1, sizeof *loop);
  if (loop == NULL) return WF_ENOMEM;
  wf__queue_init(&loop->ready);
  loop->default_hooks = hooks == NULL;
  loop->hooks = hooks == NULL ? wf__platform_hooks : *hooks;
  loop->budget_count = WF__BUDGET_COUNT;
  loop->budget_ms = WF__BUDGET_MS;
  loop->armed_due = -1;
#ifdef WF_THREADS
  if (pthread_mutex_init(&loop->inbox_lock, NULL) != 0) {
    free(loop);
    return WF_ENOMEM;
  }
  wf__queue_init(&loop->inbox);
#endif
  *out = loop;
  return 0;
}

int wf_loop_close(wf_loop* loop) {
  if (loop == NULL) return WF_EINVAL;
  if (loop->running || loop->live_objects > 0) return WF_EBUSY;
#ifdef WF_THREADS
  pthread_mutex_lock(&loop->inbox_lock);
  int posted = !wf__queue_empty(&loop->inbox);
  pthread_mutex_unlock(&loop->inbox_lock);
  if (posted) return WF_EBUSY;
  pthread_mutex_destroy(&loop->inbox_lock);
#endif
  /* A queued or armed handle is a live object: none is left. */
  assert(wf__queue_empty(&loop->ready) && loop->ready_count == 0 && loop->timer_count == 0);
  while (loop->free_handles != NULL) {
    wf_handle* h = loop->free_handles;
    loop->free_handles = (wf_handle*)h->arg;
    free(h);
  }
  if (loop->armed_due >= 0) loop->hooks.arm_timer(loop, -1, loop->hooks.data);
  free(loop->timers);
  if (loop == wf__default_loop) wf__default_loop = NULL;
  free(loop);
  return 0;
}

wf_loop* wf_loop_default(void) {
  if (wf__default_loop == NULL) wf_loop_new(&wf__default_loop, NULL);
  return wf__default_loop;
}

void wf__loop_ref(wf_loop* loop) { loop->live_objects++; }
void wf__loop_unref(wf_loop* loop) {
  assert(loop->live_objects > 0);
  loop->live_objects--;
}

double wf_loop_time(wf_loop* loop) {
  if (loop == NULL) return NAN;
  return loop->hooks.now(loop, loop->hooks.data);
}

/* Handles come from a per-loop free list, linked through `arg`. */
static wf_handle* wf__handle_alloc(wf_loop* loop) {
  wf_handle* h = loop->free_handles;
  if (h != NULL) {
    loop->free_handles = (wf_handle*)h->arg;
    loop->free_handle_count--;
  } else {
    h = malloc(sizeof *h);
    if (h == NULL) return NULL;
  }
  memset(h, 0, sizeof *h);
  wf__queue_init(&h->node);
  h->loop = loop;
  h->refcount = 1;
  h->heap_index = UINT32_MAX;
  wf__loop_ref(loop);
  return h;
}

int wf__loop_reserve_handles(wf_loop* loop, size_t n) {
  while (loop->free_handle_count < n) {
    wf_handle* h = malloc(sizeof *h);
    if (h == NULL) return WF_ENOMEM;
    h->arg = loop->free_handles;
    loop->free_handles = h;
    loop->free_handle_count++;
  }
  return 0;
}

void wf_handle_retain(wf_handle* handle) {
  if (handle == NULL) return;
  assert(handle->refcount > 0);
  handle->refcount++;
}

void wf_handle_release(wf_handle* handle) {
  if (handle == NULL) return;
  assert(handle->refcount > 0);
  if (--handle->refcount > 0) return;
  /* The loop holds a reference while the handle is queued or in the heap,
   * and lets go of its arg and future first (wf__handle_retire). */
  assert(!handle->queued && handle->heap_index == UINT32_MAX);
  assert(handle->release == NULL && handle->future == NULL);
  wf_loop* loop = handle->loop;
  wf__loop_unref(loop);
  if (loop->free_handle_count < WF__HANDLE_POOL_MAX) {
    handle->arg = loop->free_handles;
    loop->free_handles = handle;
    loop->free_handle_count++;
  } else {
    free(handle);
  }
}

/* The loop lets go of a handle that left the queue or the heap. `release`
 * is still set only if the callback never ran: one that runs owns its arg. */
static void wf__handle_retire(wf_handle* h) {
  assert(!h->queued && h->heap_index == UINT32_MAX);
  if (h->release != NULL) h->release(h->arg);
  h->release = NULL;
  if (h->future != NULL) {
    wf_future* f = h->future;
    h->future = NULL;
    wf_future_release(f);
  }
  wf_handle_release(h);
}

static void wf__loop_wake(wf_loop* loop) {
  if (loop->running || loop->scheduled != WF_RUN_NONE) return;
  loop->scheduled = WF_RUN_MICROTASK;
  loop->hooks.schedule(loop, WF_RUN_MICROTASK, loop->hooks.data);
}

void wf__loop_enqueue(wf_loop* loop, wf_handle* h) {
  /* in one place at a time: the ready queue (or a batch), the heap, or neither */
  assert(h->loop == loop && !h->queued && h->heap_index == UINT32_MAX && !h->cancelled);
  h->queued = 1;
  wf__queue_insert_tail(&loop->ready, &h->node);
  loop->ready_count++;
  wf__loop_wake(loop);
}

int wf_loop_call_soon(wf_loop* loop, wf_callback fn, void* arg, wf_handle** out) {
  if (loop == NULL || fn == NULL) return WF_EINVAL;
  wf_handle* h = wf__handle_alloc(loop);
  if (h == NULL) return WF_ENOMEM;
  h->fn = fn;
  h->arg = arg;
  if (out != NULL) {
    h->refcount++;
    *out = h;
  }
  wf__loop_enqueue(loop, h);
  return 0;
}

/* Only after wf__loop_reserve_handles, so it cannot fail. */
void wf__loop_schedule_done(wf_loop* loop, wf_done_callback cb, wf_future* future, void* arg,
                            void (*release)(void*)) {
  assert(loop->free_handle_count > 0); /* reserved: taken from the pool, never malloc'd */
  wf_handle* h = wf__handle_alloc(loop);
  h->done = cb;
  h->future = future;
  wf_future_retain(future);
  h->arg = arg;
  h->release = release;
  wf__loop_enqueue(loop, h);
}

/* The hook's `due` < 0 means "disarm", so a timer due before the clock's
 * start (0) is armed for 0, which is past for every clock: armed for its own
 * negative time, the host would disarm, and that timer and every timer behind
 * it would never fire. A timer that is never due (INFINITY) arms nothing, so
 * it keeps no host alive. */
static void wf__loop_rearm(wf_loop* loop) {
  wf_handle* top = wf__timers_top(loop);
  double due = top == NULL || top->when == INFINITY ? -1 : top->when < 0 ? 0 : top->when;
  if (due == loop->armed_due) return;
  loop->armed_due = due;
  loop->hooks.arm_timer(loop, due, loop->hooks.data);
}

int wf_loop_call_at(wf_loop* loop, double when, wf_callback fn, void* arg, wf_handle** out) {
  if (loop == NULL || fn == NULL || isnan(when)) return WF_EINVAL;
  wf_handle* h = wf__handle_alloc(loop);
  if (h == NULL) return WF_ENOMEM;
  h->fn = fn;
  h->arg = arg;
  h->is_timer = 1;
  h->when = when;
  h->seq = loop->timer_seq++;
  int rc = wf__timers_push(loop, h);
  if (rc != 0) {
    wf_handle_release(h);
    return rc;
  }
  if (out != NULL) {
    h->refcount++;
    *out = h;
  }
  wf__loop_rearm(loop);
  return 0;
}

int wf_loop_call_later(wf_loop* loop, double delay, wf_callback fn, void* arg, wf_handle** out) {
  if (loop == NULL || isnan(delay)) return WF_EINVAL;
  /* asyncio's call_later is call_at(time() + delay): a negative delay is a due
   * time in the past, which still runs in order of due time. */
  return wf_loop_call_at(loop, wf_loop_time(loop) + delay, fn, arg, out);
}

static void wf__loop_move_due_timers(wf_loop* loop, double now) {
  wf_handle* top;
  while ((top = wf__timers_top(loop)) != NULL && top->when <= now) {
    wf__timers_remove(loop, top);
    wf__loop_enqueue(loop, top);
  }
}

int wf_loop_fire_timers(wf_loop* loop) {
  if (loop == NULL) return WF_EINVAL;
  /* The host timer that called us is spent. */
  loop->armed_due = -1;
  wf__loop_move_due_timers(loop, wf_loop_time(loop));
  wf__loop_rearm(loop);
  return 0;
}

int wf_loop_advance_time(wf_loop* loop, double ms) {
  /* A clock at INFINITY would make every timer due, the ones never due too. */
  if (loop == NULL || !(ms >= 0) || !isfinite(loop->manual_now + ms) || !loop->default_hooks ||
      !wf__platform_manual_clock)
    return WF_EINVAL;
  loop->manual_now += ms;
  return wf_loop_fire_timers(loop);
}

double wf_loop_drain_count(const wf_loop* loop) { return loop == NULL ? 0 : (double)loop->drains; }

size_t wf_loop_ready_count(const wf_loop* loop) { return loop == NULL ? 0 : loop->ready_count; }
size_t wf_loop_timer_count(const wf_loop* loop) { return loop == NULL ? 0 : loop->timer_count; }

int wf_loop_set_budget(wf_loop* loop, uint32_t count, double ms) {
  if (loop == NULL || count == 0 || !(ms > 0)) return WF_EINVAL;
  loop->budget_count = count;
  loop->budget_ms = ms;
  return 0;
}

int wf_loop_get_budget(const wf_loop* loop, uint32_t* count, double* ms) {
  if (loop == NULL || count == NULL || ms == NULL) return WF_EINVAL;
  *count = loop->budget_count;
  *ms = loop->budget_ms;
  return 0;
}

/* The clock is read every WF__CLOCK_EVERY callbacks, and a burst's start
 * only then: a drain of a few callbacks (most of them) reads it never. */
static bool wf__loop_budget_spent(wf_loop* loop) {
  if (loop->burst_count >= loop->budget_count) return true;
  if (loop->burst_count % WF__CLOCK_EVERY != 0) return false;
  double now = wf_loop_time(loop);
  if (isnan(loop->burst_start)) loop->burst_start = now;
  return now - loop->burst_start >= loop->budget_ms;
}

static void wf__handle_run(wf_handle* h) {
  if (h->done != NULL)
    h->done(h->future, h->arg);
  else
    h->fn(h->arg);
}

int wf_loop_run_once(wf_loop* loop, size_t* ran) {
  if (loop == NULL) return WF_EINVAL;
  if (loop->running) return WF_EBUSY;
  wf_run_kind kind = loop->scheduled;
  loop->scheduled = WF_RUN_NONE;
  loop->running = true;
  loop->drains++;
#ifdef WF_THREADS
  wf__loop_take_inbox(loop);
#endif
  if (kind == WF_RUN_MACROTASK || !loop->in_burst) {
    loop->in_burst = true;
    loop->burst_count = 0;
    loop->burst_start = NAN;
  }
  if (loop->timer_count > 0) {
    wf__loop_move_due_timers(loop, wf_loop_time(loop));
    wf__loop_rearm(loop);
  }
  /* asyncio's _run_once: only what is ready now; what these callbacks queue
   * waits for the next drain. */
  wf__queue batch;
  wf__queue_init(&batch);
  wf__queue_append(&loop->ready, &batch);
  size_t count = 0;
  bool out_of_budget = false;
  while (!wf__queue_empty(&batch)) {
    if (count > 0 && wf__loop_budget_spent(loop)) {
      out_of_budget = true;
      break;
    }
    wf_handle* h = wf__queue_data(wf__queue_head(&batch), wf_handle, node);
    assert(h->queued && loop->ready_count > 0);
    wf__queue_remove(&h->node);
    h->queued = 0;
    loop->ready_count--;
    wf__handle_run(h);
    h->release = NULL;
    wf__handle_retire(h);
    count++;
    loop->burst_count++;
  }
  if (out_of_budget) wf__queue_prepend(&batch, &loop->ready);
  loop->running = false;
  /* ready_count counts what the ready queue holds, the batch being back in
   * it; and nothing asked the host for a run while this one ran. */
  assert((loop->ready_count == 0) == (wf__queue_empty(&loop->ready) != 0));
  assert(loop->scheduled == WF_RUN_NONE);
  if (!wf__queue_empty(&loop->ready)) {
    wf_run_kind next = out_of_budget || wf__loop_budget_spent(loop) ? WF_RUN_MACROTASK
                                                                     : WF_RUN_MICROTASK;
    loop->scheduled = next;
    loop->hooks.schedule(loop, next, loop->hooks.data);
  } else {
    loop->in_burst = false;
  }
  if (ran != NULL) *ran = count;
  return 0;
}

int wf_handle_cancel(wf_handle* handle) {
  if (handle == NULL) return WF_EINVAL;
  if (handle->cancelled) return 0;
  handle->cancelled = 1;
  wf_loop* loop = handle->loop;
  if (handle->queued) {
    assert(loop->ready_count > 0);
    wf__queue_remove(&handle->node);
    handle->queued = 0;
    loop->ready_count--;
    wf__handle_retire(handle);
  } else if (handle->heap_index != UINT32_MAX) {
    wf__timers_remove(loop, handle);
    wf__loop_rearm(loop);
    wf__handle_retire(handle);
  }
  return 0;
}

void wf__handle_set_release(wf_handle* handle, void (*release)(void* arg)) {
  handle->release = release;
}

int wf_handle_cancelled(const wf_handle* handle) {
  if (handle == NULL) return WF_EINVAL;
  return handle->cancelled;
}

int wf_handle_when(const wf_handle* handle, double* when) {
  if (handle == NULL || when == NULL || !handle->is_timer) return WF_EINVAL;
  *when = handle->when;
  return 0;
}

int wf_loop_set_exception_handler(wf_loop* loop, wf_exception_handler fn, void* arg) {
  if (loop == NULL) return WF_EINVAL;
  loop->exception_handler = fn;
  loop->exception_handler_arg = arg;
  return 0;
}

int wf_loop_call_exception_handler(wf_loop* loop, const wf_exception_context* ctx) {
  if (loop == NULL || ctx == NULL || ctx->message == NULL) return WF_EINVAL;
  if (loop->exception_handler != NULL)
    loop->exception_handler(loop, ctx, loop->exception_handler_arg);
  else
    wf__platform_default_exception_handler(loop, ctx);
  return 0;
}
