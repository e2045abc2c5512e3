/* wf_wait: asyncio.wait on wf_futures. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>

#include "core/core_internal.h"

typedef struct wf__wait {
  wf__link link;
  /* Not a reference: the caller's. Used only until `finished`, while it is
   * alive (freed while pending, it calls wf__wait_dropped first). */
  wf_future* outer;
  wf_handle* timer;
  wf_return_when return_when;
  int finished;
  size_t remaining; /* distinct futures not done */
  size_t n;         /* distinct futures */
  wf_future* futures[];
} wf__wait;

static void wf__wait_destroy(wf__link* link) {
  wf__wait* w = (wf__wait*)link;
  for (size_t i = 0; i < w->n; i++) wf_future_release(w->futures[i]);
  wf_handle_release(w->timer);
  free(w);
}

static void wf__wait_on_future(wf_future* f, void* arg);

/* Stops watching: no timer, no callbacks left on pending futures. */
static void wf__wait_detach(wf__wait* w) {
  w->finished = 1;
  if (w->timer != NULL) wf_handle_cancel(w->timer);
  for (size_t i = 0; i < w->n; i++)
    if (w->futures[i]->state == WF_FUTURE_PENDING)
      wf_future_remove_done_callback(w->futures[i], wf__wait_on_future, w, NULL);
}

static void wf__wait_finish(wf__wait* w) {
  assert(!w->finished && w->outer->state == WF_FUTURE_PENDING);
  wf__wait_detach(w);
  wf_value* items = malloc((w->n > 0 ? w->n : 1) * sizeof *items);
  if (items == NULL) {
    wf_future_set_error(w->outer, WF_ENOMEM, "wait: out of memory for the done and pending sets");
    return;
  }
  /* done first, pending after, each group in input order */
  size_t done = 0, pending = w->n;
  for (size_t i = 0; i < w->n; i++) {
    if (w->futures[i]->state != WF_FUTURE_PENDING) items[done++] = wf_value_future(w->futures[i]);
  }
  for (size_t i = w->n; i-- > 0;) {
    if (w->futures[i]->state == WF_FUTURE_PENDING) items[--pending] = wf_value_future(w->futures[i]);
  }
  wf_value groups[2] = {wf_value_array(items, done), wf_value_array(items + done, w->n - done)};
  wf_value result = wf_value_array(groups, 2);
  if (wf_future_set_result(w->outer, &result) != 0)
    wf_future_set_error(w->outer, WF_ENOMEM, "wait: out of memory for the done and pending sets");
  free(items);
}

static void wf__wait_on_future(wf_future* f, void* arg) {
  wf__wait* w = arg;
  assert(w->remaining > 0); /* one callback per distinct future */
  w->remaining--;
  if (!w->finished && w->outer->state == WF_FUTURE_PENDING) {
    int failed = f->state == WF_FUTURE_FINISHED && f->has_exception;
    if (failed) wf__future_mark_retrieved(f);
    if (w->remaining == 0 || w->return_when == WF_FIRST_COMPLETED ||
        (w->return_when == WF_FIRST_EXCEPTION && failed))
      wf__wait_finish(w);
  }
  wf__link_unref(w);
}

static void wf__wait_on_timer(void* arg) {
  wf__wait* w = arg;
  if (!w->finished && w->outer->state == WF_FUTURE_PENDING) wf__wait_finish(w);
  wf__link_unref(w);
}

static void wf__wait_on_outer(wf_future* outer, void* arg) {
  wf__wait* w = arg;
  if (!w->finished) wf__wait_detach(w);
  wf__link_unref(w);
}

/* Nobody holds the outer any more: nobody can see the result. */
static void wf__wait_dropped(void* arg) {
  wf__wait* w = arg;
  if (!w->finished) {
    wf__link_ref(&w->link);
    wf__wait_detach(w);
    wf__link_unref(w);
  }
  wf__link_unref(w);
}

static int wf__wait_collect(wf_future* f, void* ctx) {
  wf__wait* w = ctx;
  w->futures[w->n++] = f;
  wf_future_retain(f);
  return 0;
}

int wf_wait(wf_loop* loop, wf_future* const* futures, size_t n, double timeout,
            wf_return_when return_when, wf_future** out) {
  if (out == NULL || futures == NULL || n == 0 || isnan(timeout)) return WF_EINVAL;
  if (!wf__return_when_valid(return_when)) return WF_EINVAL;
  for (size_t i = 0; i < n; i++)
    if (futures[i] == NULL) return WF_EINVAL;
  if (n > (SIZE_MAX - sizeof(wf__wait)) / sizeof(wf_future*)) return WF_ENOMEM;
  wf__wait* w = calloc(1, sizeof *w + n * sizeof *futures);
  if (w == NULL) return WF_ENOMEM;
  wf_future* outer;
  int rc = wf_future_new(loop, &outer);
  if (rc != 0) {
    free(w);
    return rc;
  }
  w->outer = outer;
  w->link.refs = 1;
  w->link.destroy = wf__wait_destroy;
  w->return_when = return_when;
  wf__future_each_distinct(futures, n, wf__wait_collect, w, NULL);
  for (size_t i = 0; i < w->n && rc == 0; i++) {
    rc = wf__link_watch(w->futures[i], wf__wait_on_future, &w->link);
    if (rc == 0) w->remaining++;
  }
  if (rc == 0 && timeout != INFINITY)
    rc = wf__link_call_later(outer->loop, timeout, wf__wait_on_timer, &w->link, &w->timer);
  if (rc == 0) rc = wf__link_watch_weak(outer, wf__wait_on_outer, &w->link, wf__wait_dropped);
  if (rc != 0) {
    /* Out of memory: callbacks already queued for done futures find it
     * finished and only let go. */
    wf__wait_detach(w);
    wf_future_release(outer);
    wf__link_unref(w);
    return rc;
  }
  *out = outer;
  wf__link_unref(w);
  return 0;
}
