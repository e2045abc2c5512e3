/* wf_sleep: asyncio.sleep as a future. */
#include <math.h>
#include <stdlib.h>

#include "core/internal.h"

typedef struct wf__sleep {
  wf__link link;
  wf_future* outer;
  wf_handle* timer;
  wf_value value;
} wf__sleep;

static void wf__sleep_destroy(wf__link* link) {
  wf__sleep* s = (wf__sleep*)link;
  wf__value_destroy(&s->value);
  wf_handle_release(s->timer);
  wf_future_release(s->outer);
  free(s);
}

static void wf__sleep_on_timer(void* arg) {
  wf__sleep* s = arg;
  if (s->outer->state == WF_FUTURE_PENDING && wf_future_set_result(s->outer, &s->value) != 0)
    wf_future_set_error(s->outer, WF_ENOMEM, wf_strerror(WF_ENOMEM));
  wf__link_unref(s);
}

/* Whichever way it ended, the host timer goes. */
static void wf__sleep_on_outer(wf_future* outer, void* arg) {
  wf__sleep* s = arg;
  if (s->timer != NULL) wf_handle_cancel(s->timer);
  wf__link_unref(s);
}

int wf_sleep(wf_loop* loop, double delay, const wf_value* value, wf_future** out) {
  if (out == NULL || isnan(delay)) return WF_EINVAL;
  wf_value none = wf_value_none();
  if (value == NULL) value = &none;
  int rc = wf__value_check(value);
  if (rc != 0) return rc;
  wf__sleep* s = calloc(1, sizeof *s);
  if (s == NULL) return WF_ENOMEM;
  rc = wf_future_new(loop, &s->outer);
  if (rc == 0) rc = wf__value_copy(&s->value, value);
  if (rc != 0) {
    s->value = wf_value_none();
    wf_future_release(s->outer);
    free(s);
    return rc;
  }
  s->link.refs = 1;
  s->link.destroy = wf__sleep_destroy;
  if (delay != INFINITY)
    rc = wf__link_call_later(s->outer->loop, delay, wf__sleep_on_timer, &s->link, &s->timer);
  if (rc == 0) rc = wf__link_watch(s->outer, wf__sleep_on_outer, &s->link);
  if (rc != 0) {
    if (s->timer != NULL) wf_handle_cancel(s->timer);
    wf__link_unref(s);
    return rc;
  }
  *out = s->outer;
  wf_future_retain(s->outer);
  wf__link_unref(s);
  return 0;
}
