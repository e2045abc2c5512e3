/* wf_as_completed: asyncio.as_completed on wf_futures, as one future per
 * input that resolves to the inputs in the order they complete. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>

#include "core/core_internal.h"

typedef struct wf__as_completed wf__as_completed;

/* A slot: not a reference (the caller's list holds them). NULL once it is
 * done and its callback ran, or once it was freed pending; until then it is
 * alive. */
typedef struct wf__slot {
  wf__as_completed* a;
  wf_future* future;
} wf__slot;

struct wf__as_completed {
  wf__link link;
  wf_handle* timer;
  int finished;
  size_t next;  /* the first slot that may still be filled */
  size_t n;     /* distinct inputs, and slots */
  wf__slot* slots;
  wf_future* inputs[];
};

static void wf__as_completed_destroy(wf__link* link) {
  wf__as_completed* a = (wf__as_completed*)link;
  for (size_t i = 0; i < a->n; i++) wf_future_release(a->inputs[i]);
  wf_handle_release(a->timer);
  free(a->slots);
  free(a);
}

static void wf__as_completed_on_input(wf_future* input, void* arg);

static void wf__as_completed_detach(wf__as_completed* a) {
  a->finished = 1;
  if (a->timer != NULL) wf_handle_cancel(a->timer);
  for (size_t i = 0; i < a->n; i++)
    if (a->inputs[i]->state == WF_FUTURE_PENDING)
      wf_future_remove_done_callback(a->inputs[i], wf__as_completed_on_input, a, NULL);
}

/* The next slot still pending and held, or NULL. */
static wf_future* wf__as_completed_next_slot(wf__as_completed* a) {
  assert(a->next <= a->n);
  while (a->next < a->n && (a->slots[a->next].future == NULL ||
                            a->slots[a->next].future->state != WF_FUTURE_PENDING))
    a->next++;
  return a->next < a->n ? a->slots[a->next].future : NULL;
}

static void wf__as_completed_on_input(wf_future* input, void* arg) {
  wf__as_completed* a = arg;
  wf_future* slot = a->finished ? NULL : wf__as_completed_next_slot(a);
  if (slot != NULL) {
    wf_value v = wf_value_future(input);
    if (wf_future_set_result(slot, &v) != 0) wf_future_set_error(slot, WF_ENOMEM, "asCompleted: out of memory for the next completion");
    if (wf__as_completed_next_slot(a) == NULL) wf__as_completed_detach(a);
  }
  wf__link_unref(a);
}

static void wf__as_completed_on_timer(void* arg) {
  wf__as_completed* a = arg;
  if (!a->finished) {
    wf__as_completed_detach(a);
    for (size_t i = 0; i < a->n; i++)
      if (a->slots[i].future != NULL)
        wf_future_set_error(a->slots[i].future, WF_ETIMEDOUT, "as_completed timed out");
  }
  wf__link_unref(a);
}

/* A slot is done, or freed while pending: once no slot is left pending,
 * nobody is listening. */
static void wf__as_completed_slot_gone(wf__slot* slot) {
  wf__as_completed* a = slot->a;
  slot->future = NULL;
  if (!a->finished && wf__as_completed_next_slot(a) == NULL) wf__as_completed_detach(a);
}

static void wf__as_completed_on_slot(wf_future* future, void* arg) {
  wf__slot* slot = arg;
  wf__as_completed* a = slot->a;
  wf__as_completed_slot_gone(slot);
  wf__link_unref(a);
}

static void wf__as_completed_slot_dropped(void* arg) {
  wf__slot* slot = arg;
  wf__as_completed* a = slot->a;
  wf__as_completed_slot_gone(slot);
  wf__link_unref(a);
}

static int wf__as_completed_collect(wf_future* f, void* ctx) {
  wf__as_completed* a = ctx;
  a->inputs[a->n++] = f;
  wf_future_retain(f);
  return 0;
}

void wf_future_list_free(wf_future_list* list) {
  if (list == NULL) return;
  for (size_t i = 0; i < list->count; i++) wf_future_release(list->items[i]);
  free(list);
}

/* The slots go to `list`, which holds their only references. */
static int wf__as_completed_setup(wf__as_completed* a, wf_loop* loop, double timeout,
                                  wf_future_list* list) {
  a->slots = calloc(a->n > 0 ? a->n : 1, sizeof *a->slots);
  if (a->slots == NULL) return WF_ENOMEM;
  for (; list->count < a->n; list->count++) {
    int rc = wf_future_new(loop, &list->items[list->count]);
    if (rc != 0) return rc;
    a->slots[list->count] = (wf__slot){a, list->items[list->count]};
  }
  for (size_t i = 0; i < a->n; i++) {
    int rc = wf_future_add_done_callback_full(list->items[i], wf__as_completed_on_slot, &a->slots[i],
                                              wf__as_completed_slot_dropped);
    if (rc != 0) return rc;
    wf__link_ref(&a->link);
  }
  for (size_t i = 0; i < a->n; i++) {
    int rc = wf__link_watch(a->inputs[i], wf__as_completed_on_input, &a->link);
    if (rc != 0) return rc;
  }
  /* No input, nothing to time out: a timer would only keep the host awake. */
  if (a->n == 0 || timeout == INFINITY) return 0;
  return wf__link_call_later(loop, timeout, wf__as_completed_on_timer, &a->link, &a->timer);
}

int wf_as_completed(wf_loop* loop, wf_future* const* futures, size_t n, double timeout,
                    wf_future_list** out) {
  if (out == NULL || (futures == NULL && n > 0) || isnan(timeout)) return WF_EINVAL;
  for (size_t i = 0; i < n; i++)
    if (futures[i] == NULL) return WF_EINVAL;
  if (n > (SIZE_MAX - sizeof(wf__as_completed)) / sizeof(wf_future*)) return WF_ENOMEM;
  wf__as_completed* a = calloc(1, sizeof *a + n * sizeof *futures);
  if (a == NULL) return WF_ENOMEM;
  a->link.refs = 1;
  a->link.destroy = wf__as_completed_destroy;
  if (loop == NULL) loop = n > 0 ? wf_future_get_loop(futures[0]) : wf_loop_default();
  wf__future_each_distinct(futures, n, wf__as_completed_collect, a, NULL);
  wf_future_list* list = calloc(1, sizeof *list + a->n * sizeof(wf_future*));
  int rc = list == NULL ? WF_ENOMEM : wf__as_completed_setup(a, loop, timeout, list);
  if (rc != 0) {
    /* Out of memory: callbacks already queued find it finished and let go;
     * freeing the slots releases their callbacks. */
    wf__as_completed_detach(a);
    wf_future_list_free(list);
    wf__link_unref(a);
    return rc;
  }
  *out = list;
  wf__link_unref(a);
  return 0;
}
