/* wf_sleep: asyncio.sleep as a future. */
#include <math.h>
#include <stdlib.h>

#include "core/core_internal.h"

typedef struct wf__sleep {
  wf__link link;
  /* Not a reference: the caller's. NULL once it is done or freed; until
   * then it is alive. */
  wf_future* outer;
  wf_handle* timer;
  wf_value value;
} wf__sleep;

static void wf__sleep_destroy(wf__link* link) {
  wf__sleep* s = (wf__sleep*)link;
  wf__value_destroy(&s->value);
  wf_handle_release(s->timer);
  free(s);
}

static void wf__sleep_on_timer(void* arg) {
  wf__sleep* s = arg;
  if (s->outer != NULL && s->outer->state == WF_FUTURE_PENDING &&
      wf_future_set_result(s->outer, &s->value) != 0)
    wf_future_set_error(s->outer, WF_ENOMEM, "sleep: out of memory for copying its value");
  wf__link_unref(s);
}

/* Whichever way it ended, or if nobody holds it any more, the host timer
 * goes. */
static void wf__sleep_let_go(wf__sleep* s) {
  s->outer = NULL;
  if (s->timer != NULL) wf_handle_cancel(s->timer);
}

static void wf__sleep_on_outer(wf_future* outer, void* arg) {
  wf__sleep_let_go(arg);
  wf__link_unref(arg);
}

static void wf__sleep_dropped(void* arg) {
  wf__sleep_let_go(arg);
  wf__link_unref(arg);
}

int wf_sleep(wf_loop* loop, double delay, const wf_value* value, wf_future** out) {
  if (out == NULL || isnan(delay)) return WF_EINVAL;
  wf_value none = wf_value_none();
  if (value == NULL) value = &none;
  int rc = wf__value_check(value);
  if (rc != 0) return rc;
  wf__sleep* s = calloc(1, sizeof *s);
  if (s == NULL) return WF_ENOMEM;
  wf_future* outer = NULL;
  rc = wf_future_new(loop, &outer);
  if (rc == 0) rc = wf__value_copy(&s->value, value);
  if (rc != 0) {
    s->value = wf_value_none();
    wf_future_release(outer);
    free(s);
    return rc;
  }
  s->outer = outer;
  s->link.refs = 1;
  s->link.destroy = wf__sleep_destroy;
  if (delay != INFINITY)
    rc = wf__link_call_later(outer->loop, delay, wf__sleep_on_timer, &s->link, &s->timer);
  if (rc == 0) rc = wf__link_watch_weak(outer, wf__sleep_on_outer, &s->link, wf__sleep_dropped);
  if (rc != 0) {
    wf__sleep_let_go(s);
    wf_future_release(outer);
    wf__link_unref(s);
    return rc;
  }
  *out = outer;
  wf__link_unref(s);
  return 0;
}
