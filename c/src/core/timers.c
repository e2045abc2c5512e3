/* The timer heap: a binary min-heap of timer handles on (when, seq), so that
 * timers due at the same time run in the order they were scheduled. */
#include <assert.h>
#include <stdlib.h>

#include "core/core_internal.h"

static bool wf__timer_before(const wf_handle* a, const wf_handle* b) {
  return a->when < b->when || (a->when == b->when && a->seq < b->seq);
}

static void wf__timers_place(wf_loop* loop, uint32_t i, wf_handle* h) {
  loop->timers[i] = h;
  h->heap_index = i;
}

static void wf__timers_sift_up(wf_loop* loop, uint32_t i) {
  wf_handle* h = loop->timers[i];
  while (i > 0) {
    uint32_t parent = (i - 1) / 2;
    if (!wf__timer_before(h, loop->timers[parent])) break;
    wf__timers_place(loop, i, loop->timers[parent]);
    i = parent;
  }
  wf__timers_place(loop, i, h);
}

static void wf__timers_sift_down(wf_loop* loop, uint32_t i) {
  wf_handle* h = loop->timers[i];
  for (;;) {
    uint32_t child = 2 * i + 1;
    if (child >= loop->timer_count) break;
    if (child + 1 < loop->timer_count &&
        wf__timer_before(loop->timers[child + 1], loop->timers[child]))
      child++;
    if (!wf__timer_before(loop->timers[child], h)) break;
    wf__timers_place(loop, i, loop->timers[child]);
    i = child;
  }
  wf__timers_place(loop, i, h);
}

int wf__timers_push(wf_loop* loop, wf_handle* timer) {
  assert(timer->is_timer && timer->heap_index == UINT32_MAX && !timer->queued);
  if (loop->timer_count == loop->timer_capacity) {
    uint32_t capacity = loop->timer_capacity == 0 ? 16 : loop->timer_capacity * 2;
    if (capacity <= loop->timer_capacity) return WF_ENOMEM;
    wf_handle** grown = realloc(loop->timers, capacity * sizeof *grown);
    if (grown == NULL) return WF_ENOMEM;
    loop->timers = grown;
    loop->timer_capacity = capacity;
  }
  loop->timers[loop->timer_count] = timer;
  wf__timers_sift_up(loop, loop->timer_count++);
  return 0;
}

void wf__timers_remove(wf_loop* loop, wf_handle* timer) {
  uint32_t i = timer->heap_index;
  assert(i < loop->timer_count && loop->timers[i] == timer);
  timer->heap_index = UINT32_MAX;
  wf_handle* last = loop->timers[--loop->timer_count];
  if (i == loop->timer_count) return;
  wf__timers_place(loop, i, last);
  wf__timers_sift_down(loop, i);
  wf__timers_sift_up(loop, last->heap_index);
}

wf_handle* wf__timers_top(const wf_loop* loop) {
  return loop->timer_count == 0 ? NULL : loop->timers[0];
}
