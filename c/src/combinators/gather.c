/* wf_gather: asyncio.gather on wf_futures. */
#include <stdlib.h>

#include "core/internal.h"

typedef struct wf__gather {
  wf__link link;
  wf_future* outer;
  int return_exceptions;
  size_t pending; /* distinct children not done */
  size_t n;
  wf_future* children[]; /* retained, repeats included, in input order */
} wf__gather;

static void wf__gather_destroy(wf__link* link) {
  wf__gather* g = (wf__gather*)link;
  for (size_t i = 0; i < g->n; i++) wf_future_release(g->children[i]);
  wf_future_release(g->outer);
  free(g);
}

/* Each child's outcome, shared into one array. */
static void wf__gather_finish(wf__gather* g) {
  wf_value* items = malloc((g->n > 0 ? g->n : 1) * sizeof *items);
  if (items == NULL) {
    wf_future_set_error(g->outer, WF_ENOMEM, wf_strerror(WF_ENOMEM));
    return;
  }
  for (size_t i = 0; i < g->n; i++) {
    wf_future* child = g->children[i];
    wf__future_mark_retrieved(child);
    items[i] = child->state == WF_FUTURE_CANCELLED ? wf__future_cancelled_error(child) : child->value;
  }
  wf_value array = wf_value_array(items, g->n);
  if (wf_future_set_result(g->outer, &array) != 0)
    wf_future_set_error(g->outer, WF_ENOMEM, wf_strerror(WF_ENOMEM));
  free(items);
}

static void wf__gather_on_child(wf_future* child, void* arg) {
  wf__gather* g = arg;
  g->pending--;
  if (g->outer->state != WF_FUTURE_PENDING) {
    wf__future_mark_retrieved(child);
  } else if (!g->return_exceptions && child->state == WF_FUTURE_CANCELLED) {
    wf_value error = wf__future_cancelled_error(child);
    wf_future_set_exception(g->outer, &error);
  } else if (!g->return_exceptions && child->has_exception) {
    wf__future_copy_outcome(g->outer, child);
  } else if (g->pending == 0) {
    wf__gather_finish(g);
  }
  wf__link_unref(g);
}

static void wf__gather_on_outer(wf_future* outer, void* arg) {
  wf__gather* g = arg;
  if (outer->state == WF_FUTURE_CANCELLED)
    for (size_t i = 0; i < g->n; i++) wf_future_cancel(g->children[i], outer->cancel_message, NULL);
  wf__link_unref(g);
}

static int wf__gather_watch(wf_future* child, void* ctx) {
  wf__gather* g = ctx;
  int rc = wf__link_watch(child, wf__gather_on_child, &g->link);
  if (rc == 0) g->pending++;
  return rc;
}

static int wf__gather_unwatch(wf_future* child, void* ctx) {
  return wf_future_remove_done_callback(child, wf__gather_on_child, ctx, NULL);
}

int wf_gather(wf_loop* loop, wf_future* const* children, size_t n, int return_exceptions,
              wf_future** out) {
  if (out == NULL || (children == NULL && n > 0)) return WF_EINVAL;
  for (size_t i = 0; i < n; i++)
    if (children[i] == NULL) return WF_EINVAL;
  if (n > (SIZE_MAX - sizeof(wf__gather)) / sizeof(wf_future*)) return WF_ENOMEM;
  wf__gather* g = calloc(1, sizeof *g + n * sizeof *children);
  if (g == NULL) return WF_ENOMEM;
  int rc = wf_future_new(loop, &g->outer);
  if (rc != 0) {
    free(g);
    return rc;
  }
  g->link.refs = 1; /* ours, until the callbacks are in place */
  g->link.destroy = wf__gather_destroy;
  g->return_exceptions = return_exceptions != 0;
  g->n = n;
  for (size_t i = 0; i < n; i++) {
    g->children[i] = children[i];
    wf_future_retain(children[i]);
  }
  rc = wf__future_each_distinct(children, n, wf__gather_watch, g, NULL);
  if (rc == 0) rc = wf__link_watch(g->outer, wf__gather_on_outer, &g->link);
  if (rc != 0) {
    /* Out of memory: callbacks already queued for done children find the
     * outer cancelled and only let go. */
    wf__future_each_distinct(children, n, wf__gather_unwatch, g, NULL);
    wf_future_cancel(g->outer, NULL, NULL);
    wf__link_unref(g);
    return rc;
  }
  if (n == 0) wf__gather_finish(g);
  *out = g->outer;
  wf_future_retain(g->outer);
  wf__link_unref(g);
  return 0;
}
