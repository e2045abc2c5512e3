/* From other threads into the loop: call_soon_threadsafe through the loop's
 * inbox (core/inbox.h), and wrap_cfuture (asyncio.wrap_future) and
 * run_threadsafe on top of it. */
#include <assert.h>
#include <stdlib.h>

#include "concurrent/concurrent_internal.h"
#include "core/inbox.h"

int wf_loop_call_soon_threadsafe(wf_loop* loop, wf_callback fn, void* arg) {
  if (loop == NULL || fn == NULL) return WF_EINVAL;
  wf_handle* h = wf__loop_posted_new(loop, fn, arg);
  if (h == NULL) return WF_ENOMEM;
  wf__loop_post(loop, h);
  return 0;
}

/* wrap_cfuture's state. Every reference is taken and dropped on the loop's
 * thread: the cfuture's callback hands its reference to `posted`, made in
 * advance so that posting from a worker cannot fail. */
typedef struct wf__wrap {
  wf__link link;
  wf_future* future;
  wf_cfuture* source;
  wf_handle* posted;
} wf__wrap;

static void wf__wrap_destroy(wf__link* link) {
  wf__wrap* w = (wf__wrap*)link;
  wf_future_release(w->future);
  wf_cfuture_release(w->source);
  if (w->posted != NULL) free(w->posted);
  free(w);
}

/* On the loop's thread, once the cfuture is done. */
static void wf__wrap_copy(void* arg) {
  wf__wrap* w = arg;
  wf__future_settle_from(w->future, w->source);
  wf__link_unref(w);
}

/* On whichever thread completed the cfuture. */
static int wf__wrap_on_source(wf_cfuture* source, void* arg) {
  wf__wrap* w = arg;
  wf_handle* posted = w->posted;
  assert(posted != NULL); /* a cfuture runs a callback once */
  w->posted = NULL;
  wf__loop_post(w->future->loop, posted);
  return 0;
}

static void wf__wrap_on_future(wf_future* future, void* arg) {
  wf__wrap* w = arg;
  if (future->state == WF_FUTURE_CANCELLED) wf_cfuture_cancel(w->source, NULL);
  wf__link_unref(w);
}

int wf_wrap_cfuture(wf_loop* loop, wf_cfuture* future, wf_future** out) {
  if (future == NULL || out == NULL) return WF_EINVAL;
  wf__wrap* w = calloc(1, sizeof *w);
  if (w == NULL) return WF_ENOMEM;
  w->link.refs = 1;
  w->link.destroy = wf__wrap_destroy;
  w->source = future;
  wf_cfuture_retain(future);
  int rc = wf_future_new(loop, &w->future);
  if (rc == 0) {
    w->posted = wf__loop_posted_new(w->future->loop, wf__wrap_copy, w);
    if (w->posted == NULL) rc = WF_ENOMEM;
  }
  if (rc == 0) rc = wf__link_watch(w->future, wf__wrap_on_future, &w->link);
  if (rc == 0) {
    wf__link_ref(&w->link); /* the cfuture callback's, handed to `posted` */
    rc = wf_cfuture_add_done_callback(future, wf__wrap_on_source, w);
    if (rc != 0) {
      w->link.refs--;
      wf_future_remove_done_callback(w->future, wf__wrap_on_future, w, NULL);
    }
  }
  if (rc != 0) {
    wf__link_unref(w);
    return rc;
  }
  *out = w->future;
  wf_future_retain(w->future);
  wf__link_unref(w);
  return 0;
}

/* run_threadsafe's state, shared by the caller's thread, the loop's thread
 * and whichever thread cancels the cfuture: `refs` is atomic. The loop
 * future is touched only on the loop's thread (start, copy, cancel_loop), so
 * its reference never needs a lock. Both posted handles are made up front:
 * posting from another thread cannot fail once the call returned 0. */
typedef struct wf__run {
  uint32_t refs; /* atomic: the start handle's, the cfuture callback's */
  wf_loop* loop;
  wf_start_fn start;
  void* arg;
  void (*release)(void* arg);
  wf_cfuture* result;    /* a reference: what the caller's *out follows */
  wf_future* future;     /* the loop future start handed over; loop thread only */
  wf_handle* cancel_post; /* posted once if `result` is cancelled; else freed */
} wf__run;

static void wf__run_unref(wf__run* run) {
  uint32_t left = __atomic_sub_fetch(&run->refs, 1, __ATOMIC_ACQ_REL);
  assert(left != UINT32_MAX); /* never below zero */
  if (left != 0) return;
  /* run->future is NULL here: copy let go of it on the loop's thread. */
  assert(run->future == NULL);
  wf_cfuture_release(run->result);
  free(run->cancel_post);
  free(run);
}

/* The loop future is done: `result` ends the same way (asyncio's
 * _set_concurrent_future_state). On the loop's thread. */
static void wf__run_copy(wf_future* future, void* arg) {
  wf__run* run = arg;
  if (future->state == WF_FUTURE_CANCELLED) wf_cfuture_cancel(run->result, NULL);
  int running = 0;
  if (wf_cfuture_set_running_or_notify_cancel(run->result, &running) == 0 && running) {
    /* Read through the API: an exception handed on counts as retrieved. */
    const wf_value* value = NULL;
    int rc = wf_future_result(future, &value);
    if (rc == WF_EEXCEPTION)
      rc = wf_cfuture_set_exception(run->result, value);
    else if (rc == 0)
      rc = wf_cfuture_set_result(run->result, value);
    if (rc != 0) wf_cfuture_set_error(run->result, rc, "could not copy the loop future's outcome");
  }
  run->future = NULL;
  wf_future_release(future);
  wf__run_unref(run);
}

/* On the loop's thread: runs start unless `result` was cancelled first. */
static void wf__run_start(void* arg) {
  wf__run* run = arg;
  wf_future* future = NULL;
  int rc = 0;
  if (wf_cfuture_state_of(run->result) == WF_CFUTURE_PENDING) {
    rc = run->start(run->arg, &future);
    if (rc == 0 && future == NULL) rc = WF_EINVAL;
    if (rc > 0) rc = WF_EINVAL;
  }
  if (run->release != NULL) run->release(run->arg);
  /* The request is taken: from here the loop future's own work (a fetch, a
   * timer) is what keeps the host alive. */
  wf__platform_work_end();
  if (future == NULL) {
    int running = 0;
    if (rc != 0 && wf_cfuture_set_running_or_notify_cancel(run->result, &running) == 0 && running)
      wf_cfuture_set_error(run->result, rc, wf_strerror(rc));
    else if (rc == 0)
      wf_cfuture_set_running_or_notify_cancel(run->result, &running); /* cancelled before start */
    wf__run_unref(run);
    return;
  }
  run->future = future;
  /* The start handle's reference passes to the done-callback. */
  if (wf_future_add_done_callback(future, wf__run_copy, run) != 0) {
    /* Out of memory: the caller must not wait for ever. */
    wf_future_cancel(future, "wasm-future: out of memory", NULL);
    int running = 0;
    if (wf_cfuture_set_running_or_notify_cancel(run->result, &running) == 0 && running)
      wf_cfuture_set_error(run->result, WF_ENOMEM,
                           "wf_loop_run_threadsafe: out of memory for following the loop's future");
    run->future = NULL;
    wf_future_release(future);
    wf__run_unref(run);
  }
}

/* On the loop's thread, after `result` was cancelled: the loop future too
 * (which aborts a fetch it stands for). */
static void wf__run_cancel_loop(void* arg) {
  wf__run* run = arg;
  if (run->future != NULL) wf_future_cancel(run->future, NULL, NULL);
  wf__run_unref(run);
}

/* On the thread that completed `result`: a cancel travels to the loop. */
static int wf__run_on_result(wf_cfuture* result, void* arg) {
  wf__run* run = arg;
  int state = wf_cfuture_state_of(result);
  if (state == WF_CFUTURE_CANCELLED || state == WF_CFUTURE_CANCELLED_AND_NOTIFIED) {
    wf_handle* post = run->cancel_post;
    assert(post != NULL); /* a cfuture ends once */
    run->cancel_post = NULL;
    wf__loop_post(run->loop, post); /* its reference is this callback's */
    return 0;
  }
  wf__run_unref(run);
  return 0;
}

int wf_loop_run_threadsafe(wf_loop* loop, wf_start_fn start, void* arg, void (*release)(void* arg),
                           wf_cfuture** out) {
  if (loop == NULL || start == NULL || out == NULL) return WF_EINVAL;
  wf__run* run = calloc(1, sizeof *run);
  if (run == NULL) return WF_ENOMEM;
  run->loop = loop;
  run->start = start;
  run->arg = arg;
  run->release = release;
  wf_handle* start_post = wf__loop_posted_new(loop, wf__run_start, run);
  run->cancel_post = wf__loop_posted_new(loop, wf__run_cancel_loop, run);
  int rc = start_post == NULL || run->cancel_post == NULL ? WF_ENOMEM : wf_cfuture_new(&run->result);
  if (rc == 0) {
    run->refs = 2;
    rc = wf_cfuture_add_done_callback(run->result, wf__run_on_result, run);
    if (rc != 0) wf_cfuture_release(run->result);
  }
  if (rc != 0) {
    free(start_post);
    free(run->cancel_post);
    free(run);
    return rc;
  }
  wf_cfuture_retain(run->result);
  *out = run->result;
  /* Counted until the loop took the request: the host must not exit while
   * it waits in the inbox. */
  wf__platform_work_begin();
  wf__loop_post(loop, start_post);
  return 0;
}
