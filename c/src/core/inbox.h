/* The loop's inbox, in builds with threads: handles posted from other threads
 * under a mutex, which the loop's thread moves to its ready queue
 * (wf__loop_take_inbox, core/inbox.c) at the start of every drain and
 * whenever the platform wakes it for a post. Part of the core, as asyncio's
 * call_soon_threadsafe is part of its event loop; the concurrent layer
 * (call_soon_threadsafe, wrap_cfuture, run_threadsafe) posts through it.
 * Posting is inline, as it was when it lived with its callers: every outcome
 * a worker hands to the loop goes through it. */
#ifndef WF_CORE_INBOX_H
#define WF_CORE_INBOX_H

#ifdef WF_THREADS
#include <assert.h>
#include <stdlib.h>

#include "core/core_internal.h"

/* A handle for fn(arg) that any thread may make, for wf__loop_post; NULL when
 * out of memory. One never posted is the maker's, and goes with free(). Not
 * from the loop's pool of handles, which only the loop's thread touches. */
static inline wf_handle* wf__loop_posted_new(wf_loop* loop, wf_callback fn, void* arg) {
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

/* From any thread: queues `h` (from wf__loop_posted_new, its reference handed
 * over) in the loop's inbox and wakes the loop's thread. Cannot fail. */
static inline void wf__loop_post(wf_loop* loop, wf_handle* h) {
  assert(h->loop == loop && h->refcount == 1 && !h->queued);
  pthread_mutex_lock(&loop->inbox_lock);
  wf__queue_insert_tail(&loop->inbox, &h->node);
  int wake = !loop->inbox_signalled;
  loop->inbox_signalled = 1;
  pthread_mutex_unlock(&loop->inbox_lock);
  if (wake) wf__platform_wake_threadsafe(loop);
}
#endif

#endif
