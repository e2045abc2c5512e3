/* The loop's inbox: handles posted from other threads, under a mutex, which
 * the loop's thread moves to its ready queue at the start of every drain
 * (wf_loop_run_once) and whenever the platform wakes it for a post. Part of
 * the core, as asyncio's call_soon_threadsafe is part of its event loop; the
 * concurrent layer (call_soon_threadsafe, wrap_cfuture, run_threadsafe) posts
 * through it. Only in builds with threads. */
#include <stdlib.h>

#include "core/core_internal.h"

wf_handle* wf__loop_posted_new(wf_loop* loop, wf_callback fn, void* arg) {
  /* Not from the loop's pool of handles, which only its own thread touches. */
  wf_handle* h = calloc(1, sizeof *h);
  if (h == NULL) return NULL;
  wf__queue_init(&h->node);
  h->loop = loop;
  h->refcount = 1;
  h->heap_index = UINT32_MAX;
  h->fn = fn;
  h->arg = arg;
  return h;
}

void wf__loop_post(wf_loop* loop, wf_handle* h) {
  pthread_mutex_lock(&loop->inbox_lock);
  wf__queue_insert_tail(&loop->inbox, &h->node);
  int wake = !loop->inbox_signalled;
  loop->inbox_signalled = 1;
  pthread_mutex_unlock(&loop->inbox_lock);
  if (wake) wf__platform_wake_threadsafe(loop);
}

void wf__loop_take_inbox(wf_loop* loop) {
  wf__queue posted;
  wf__queue_init(&posted);
  pthread_mutex_lock(&loop->inbox_lock);
  wf__queue_append(&loop->inbox, &posted);
  loop->inbox_signalled = 0;
  pthread_mutex_unlock(&loop->inbox_lock);
  while (!wf__queue_empty(&posted)) {
    wf__queue* q = wf__queue_head(&posted);
    wf__queue_remove(q);
    wf_handle* h = wf__queue_data(q, wf_handle, node);
    /* From here the handle is the loop's like any other: it counts as one of
     * the loop's live objects until it ran and went back to the pool. */
    wf__loop_ref(loop);
    wf__loop_enqueue(loop, h);
  }
}
