/* wf_wait_for: asyncio.wait_for on a wf_future. */
#include <math.h>
#include <stdlib.h>

#include "core/internal.h"

typedef struct wf__wait_for {
  wf__link link;
  wf_future* inner;
  wf_future* outer;
  wf_handle* timer;
} wf__wait_for;

static const char wf__timeout_message[] = "wait_for timed out";

static void wf__wait_for_destroy(wf__link* link) {
  wf__wait_for* w = (wf__wait_for*)link;
  wf_future_release(w->inner);
  wf_future_release(w->outer);
  wf_handle_release(w->timer);
  free(w);
}

static void wf__wait_for_on_inner(wf_future* inner, void* arg) {
  wf__wait_for* w = arg;
  if (w->timer != NULL) wf_handle_cancel(w->timer);
  if (w->outer->state == WF_FUTURE_PENDING)
    wf__future_copy_outcome(w->outer, inner);
  else
    wf__future_mark_retrieved(inner);
  wf__link_unref(w);
}

static void wf__wait_for_on_timer(void* arg) {
  wf__wait_for* w = arg;
  if (w->inner->state == WF_FUTURE_PENDING) {
    wf_future_cancel(w->inner, wf__timeout_message, NULL);
    wf_future_set_error(w->outer, WF_ETIMEDOUT, wf__timeout_message);
  }
  wf__link_unref(w);
}

static void wf__wait_for_on_outer(wf_future* outer, void* arg) {
  wf__wait_for* w = arg;
  if (w->timer != NULL) wf_handle_cancel(w->timer);
  if (outer->state == WF_FUTURE_CANCELLED) wf_future_cancel(w->inner, outer->cancel_message, NULL);
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
  wf_future_retain(outer);
  rc = wf__link_watch(future, wf__wait_for_on_inner, &w->link);
  if (rc == 0) rc = wf__link_watch(outer, wf__wait_for_on_outer, &w->link);
  if (rc == 0 && timeout != INFINITY)
    rc = wf__link_call_later(future->loop, timeout, wf__wait_for_on_timer, &w->link, &w->timer);
  if (rc != 0) {
    wf_future_remove_done_callback(future, wf__wait_for_on_inner, w, NULL);
    wf_future_remove_done_callback(outer, wf__wait_for_on_outer, w, NULL);
    wf_future_release(outer);
    wf__link_unref(w);
    return rc;
  }
  *out = outer;
  wf__link_unref(w);
  return 0;
}
