/* wf_wait_for: asyncio.wait_for on a wf_future. */
#include <math.h>
#include <stdlib.h>

#include "core/core_internal.h"

typedef struct wf__wait_for {
  wf__link link;
  wf_future* inner;
  /* Not a reference: the caller's. NULL once it is done or freed; until
   * then it is alive. */
  wf_future* outer;
  wf_handle* timer;
} wf__wait_for;

static const char wf__timeout_message[] = "wait_for timed out";

static void wf__wait_for_destroy(wf__link* link) {
  wf__wait_for* w = (wf__wait_for*)link;
  wf_future_release(w->inner);
  wf_handle_release(w->timer);
  free(w);
}

static void wf__wait_for_on_inner(wf_future* inner, void* arg) {
  wf__wait_for* w = arg;
  if (w->timer != NULL) wf_handle_cancel(w->timer);
  if (w->outer != NULL && w->outer->state == WF_FUTURE_PENDING)
    wf__future_copy_outcome(w->outer, inner);
  else
    wf__future_mark_retrieved(inner);
  wf__link_unref(w);
}

static void wf__wait_for_on_timer(void* arg) {
  wf__wait_for* w = arg;
  if (w->inner->state == WF_FUTURE_PENDING) {
    wf_future_cancel(w->inner, wf__timeout_message, NULL);
    if (w->outer != NULL) wf_future_set_error(w->outer, WF_ETIMEDOUT, wf__timeout_message);
  }
  wf__link_unref(w);
}

/* The outer is done or gone: the inner need not hold the wait any more, so
 * an inner that never ends keeps nothing alive. Its exception still counts
 * as retrieved, as asyncio's wait_for has it. */
static void wf__wait_for_let_go(wf__wait_for* w) {
  w->outer = NULL;
  wf__link_ref(&w->link);
  if (w->timer != NULL) wf_handle_cancel(w->timer);
  wf__future_replace_callbacks(w->inner, wf__wait_for_on_inner, w, wf__future_retrieve);
  wf__link_unref(w);
}

static void wf__wait_for_on_outer(wf_future* outer, void* arg) {
  wf__wait_for* w = arg;
  if (outer->state == WF_FUTURE_CANCELLED)
    wf_future_cancel(w->inner, wf__future_cancel_text(outer), NULL);
  wf__wait_for_let_go(w);
  wf__link_unref(w);
}

/* Nobody holds the outer any more. The timeout still cancels the inner when
 * it comes, as it would have; with no timeout there is nothing left to do. */
static void wf__wait_for_dropped(void* arg) {
  wf__wait_for* w = arg;
  if (w->timer == NULL || wf_handle_cancelled(w->timer))
    wf__wait_for_let_go(w);
  else
    w->outer = NULL;
  wf__link_unref(w);
}

int wf_wait_for(wf_future* future, double timeout, wf_future** out) {
  if (future == NULL || out == NULL || isnan(timeout)) return WF_EINVAL;
  wf_future* outer;
  int rc = wf_future_new(future->loop, &outer);
  if (rc != 0) return rc;
  if (future->state != WF_FUTURE_PENDING || timeout <= 0) {
    if (future->state == WF_FUTURE_PENDING) {
      rc = wf_future_cancel(future, wf__timeout_message, NULL);
      if (rc == 0) rc = wf_future_set_error(outer, WF_ETIMEDOUT, wf__timeout_message);
    } else {
      rc = wf__future_copy_outcome(outer, future);
    }
    if (rc != 0) {
      wf_future_release(outer);
      return rc;
    }
    *out = outer;
    return 0;
  }
  wf__wait_for* w = calloc(1, sizeof *w);
  if (w == NULL) {
    wf_future_release(outer);
    return WF_ENOMEM;
  }
  w->link.refs = 1;
  w->link.destroy = wf__wait_for_destroy;
  w->inner = future;
  wf_future_retain(future);
  w->outer = outer;
  rc = wf__link_watch(future, wf__wait_for_on_inner, &w->link);
  if (rc == 0 && timeout != INFINITY)
    rc = wf__link_call_later(future->loop, timeout, wf__wait_for_on_timer, &w->link, &w->timer);
  if (rc == 0)
    rc = wf__link_watch_weak(outer, wf__wait_for_on_outer, &w->link, wf__wait_for_dropped);
  if (rc != 0) {
    wf_future_remove_done_callback(future, wf__wait_for_on_inner, w, NULL);
    if (w->timer != NULL) wf_handle_cancel(w->timer);
    w->outer = NULL;
    wf_future_release(outer);
    wf__link_unref(w);
    return rc;
  }
  *out = outer;
  wf__link_unref(w);
  return 0;
}
