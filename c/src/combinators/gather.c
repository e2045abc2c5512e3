/* wf_gather: asyncio.gather on wf_futures. */
#include <assert.h>
#include <stdlib.h>

#include "core/core_internal.h"

typedef struct wf__gather {
  wf__link link;
  /* Not a reference: the caller's. NULL once it is done or freed; until
   * then it is alive (a done future stays alive while its callbacks are
   * queued, and one freed while pending tells wf__gather_dropped). */
  wf_future* outer;
  int return_exceptions;
  size_t pending; /* distinct children not done */
  size_t n;
  wf_future* children[]; /* retained, repeats included, in input order */
} wf__gather;

static void wf__gather_destroy(wf__link* link) {
  wf__gather* g = (wf__gather*)link;
  for (size_t i = 0; i < g->n; i++) wf_future_release(g->children[i]);
  free(g);
}

static void wf__gather_on_child(wf_future* child, void* arg);

static int wf__gather_let_go_of(wf_future* child, void* ctx) {
  /* asyncio's gather still marks the exceptions of children that end after
   * it as retrieved; a callback that holds nothing does that. */
  wf__future_replace_callbacks(child, wf__gather_on_child, ctx, wf__future_retrieve);
  return 0;
}

/* The outer is done or gone: the children need not hold the gather any more,
 * so a child that never ends keeps nothing alive. */
static void wf__gather_stop(wf__gather* g) {
  g->outer = NULL;
  wf__link_ref(&g->link);
  wf__future_each_distinct(g->children, g->n, wf__gather_let_go_of, g, NULL);
  wf__link_unref(g);
}

/* Each child's outcome, shared into one array. */
static void wf__gather_finish(wf__gather* g) {
  assert(g->pending == 0 && g->outer != NULL && g->outer->state == WF_FUTURE_PENDING);
  wf_value* items = malloc((g->n > 0 ? g->n : 1) * sizeof *items);
  if (items == NULL) {
    wf_future_set_error(g->outer, WF_ENOMEM, "gather: out of memory for the results");
    return;
  }
  for (size_t i = 0; i < g->n; i++) {
    wf_future* child = g->children[i];
    assert(child->state != WF_FUTURE_PENDING);
    wf__future_mark_retrieved(child);
    items[i] =
        child->state == WF_FUTURE_CANCELLED ? wf__future_cancelled_error(child) : child->value;
  }
  wf_value array = wf_value_array(items, g->n);
  if (wf_future_set_result(g->outer, &array) != 0)
    wf_future_set_error(g->outer, WF_ENOMEM, "gather: out of memory for the results");
  free(items);
}

/* Every child was done already. asyncio's gather would give this outcome
 * once its callbacks ran; giving it now means a cancel finds the gather done
 * and returns false, as asyncio's does when no child can be cancelled, and
 * the results are not lost to it. */
static void wf__gather_settle_now(wf__gather* g) {
  for (size_t i = 0; i < g->n && !g->return_exceptions; i++) {
    wf_future* child = g->children[i];
    int rc = 0;
    if (child->state == WF_FUTURE_CANCELLED) {
      wf_value error = wf__future_cancelled_error(child);
      rc = wf_future_set_exception(g->outer, &error);
    } else if (child->has_exception) {
      rc = wf__future_copy_outcome(g->outer, child);
    } else {
      continue;
    }
    if (rc != 0) wf_future_set_error(g->outer, WF_ENOMEM, "gather: out of memory for copying a child's failure");
    break;
  }
  if (g->outer->state == WF_FUTURE_PENDING) wf__gather_finish(g);
  for (size_t i = 0; i < g->n; i++) wf__future_mark_retrieved(g->children[i]);
}

static bool wf__gather_all_done(wf_future* const* children, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (children[i]->state == WF_FUTURE_PENDING) return false;
  return true;
}

static void wf__gather_on_child(wf_future* child, void* arg) {
  wf__gather* g = arg;
  assert(g->pending > 0); /* one callback per distinct child */
  g->pending--;
  if (g->outer == NULL || g->outer->state != WF_FUTURE_PENDING) {
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
    for (size_t i = 0; i < g->n; i++)
      wf_future_cancel(g->children[i], wf__future_cancel_text(outer), NULL);
  wf__gather_stop(g);
  wf__link_unref(g);
}

/* Nobody holds the outer any more: nobody can see the result. */
static void wf__gather_dropped(void* arg) {
  wf__gather_stop(arg);
  wf__link_unref(arg);
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
  wf_future* outer;
  int rc = wf_future_new(loop, &outer);
  if (rc != 0) {
    free(g);
    return rc;
  }
  g->outer = outer;
  g->link.refs = 1; /* ours, until the callbacks are in place */
  g->link.destroy = wf__gather_destroy;
  g->return_exceptions = return_exceptions != 0;
  g->n = n;
  for (size_t i = 0; i < n; i++) {
    g->children[i] = children[i];
    wf_future_retain(children[i]);
  }
  if (wf__gather_all_done(children, n)) {
    wf__gather_settle_now(g);
    *out = outer;
    wf__link_unref(g);
    return 0;
  }
  rc = wf__future_each_distinct(children, n, wf__gather_watch, g, NULL);
  if (rc == 0) rc = wf__link_watch_weak(outer, wf__gather_on_outer, &g->link, wf__gather_dropped);
  if (rc != 0) {
    /* Out of memory: callbacks already queued for done children find the
     * outer gone and only let go. */
    wf__future_each_distinct(children, n, wf__gather_unwatch, g, NULL);
    g->outer = NULL;
    wf_future_release(outer);
    wf__link_unref(g);
    return rc;
  }
  *out = outer;
  wf__link_unref(g);
  return 0;
}
