/* wf_shield: asyncio.shield on a wf_future. */
#include <assert.h>
#include <stdlib.h>

#include "core/core_internal.h"

typedef struct wf__shield {
  wf__link link;
  /* A reference while `inner_held`; once the outer is cancelled, borrowed:
   * the inner's own callback (wf__shield_on_inner) is then what keeps this
   * link, and a reference back would keep an inner nobody holds for ever. */
  wf_future* inner;
  bool inner_held;
  /* Not a reference: the caller's. NULL once it is done or freed; until
   * then it is alive. */
  wf_future* outer;
} wf__shield;

static void wf__shield_destroy(wf__link* link) {
  wf__shield* s = (wf__shield*)link;
  if (s->inner_held) wf_future_release(s->inner);
  free(s);
}

static void wf__shield_on_inner(wf_future* inner, void* arg) {
  wf__shield* s = arg;
  if (s->outer != NULL && s->outer->state == WF_FUTURE_PENDING)
    wf__future_copy_outcome(s->outer, inner);
  else
    wf__future_mark_retrieved(inner);
  wf__link_unref(s);
}

/* The shield is gone (nobody holds its outer): it stops watching the inner. */
static void wf__shield_let_go(wf__shield* s) {
  /* Dropped while pending: the outer's own callback never ran, so the inner
   * is still held. */
  assert(s->inner_held);
  s->outer = NULL;
  if (s->inner->state == WF_FUTURE_PENDING)
    wf_future_remove_done_callback(s->inner, wf__shield_on_inner, s, NULL);
}

/* The outer is done: cancelled, or a copy of the inner. A cancelled outer
 * keeps watching the inner, as asyncio's shield does, so that an exception
 * the inner ends with later is marked retrieved (wf__shield_on_inner):
 * whoever cancelled the shield chose not to hear of it. */
static void wf__shield_on_outer(wf_future* outer, void* arg) {
  wf__shield* s = arg;
  s->outer = NULL;
  if (s->inner_held && s->inner->state == WF_FUTURE_PENDING) {
    /* Beware: this may free the inner, and with it its callback's reference
     * to this link; ours (the outer callback's) keeps the link until below. */
    s->inner_held = false;
    wf_future_release(s->inner);
  }
  wf__link_unref(s);
}

static void wf__shield_dropped(void* arg) {
  wf__shield_let_go(arg);
  wf__link_unref(arg);
}

int wf_shield(wf_future* future, wf_future** out) {
  if (future == NULL || out == NULL) return WF_EINVAL;
  if (future->state != WF_FUTURE_PENDING) {
    wf_future_retain(future);
    *out = future;
    return 0;
  }
  wf__shield* s = calloc(1, sizeof *s);
  if (s == NULL) return WF_ENOMEM;
  wf_future* outer;
  int rc = wf_future_new(future->loop, &outer);
  if (rc != 0) {
    free(s);
    return rc;
  }
  s->link.refs = 1;
  s->link.destroy = wf__shield_destroy;
  s->inner = future;
  s->inner_held = true;
  wf_future_retain(future);
  s->outer = outer;
  rc = wf__link_watch(future, wf__shield_on_inner, &s->link);
  if (rc == 0) {
    rc = wf__link_watch_weak(outer, wf__shield_on_outer, &s->link, wf__shield_dropped);
    if (rc != 0) wf_future_remove_done_callback(future, wf__shield_on_inner, s, NULL);
  }
  if (rc != 0) {
    s->outer = NULL;
    wf_future_release(outer);
    wf__link_unref(s);
    return rc;
  }
  *out = outer;
  wf__link_unref(s);
  return 0;
}
