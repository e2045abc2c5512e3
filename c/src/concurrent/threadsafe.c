/* From other threads into the loop: call_soon_threadsafe through an inbox
 * under a mutex, and wrap_cfuture (asyncio.wrap_future) on top of it. */
#include <stdlib.h>

#include "concurrent/cinternal.h"

/* A handle made on any thread; the loop adopts it in wf__loop_take_inbox. */
static wf_handle* wf__posted_new(wf_loop* loop, wf_callback fn, void* arg) {
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

static void wf__loop_post(wf_loop* loop, wf_handle* h) {
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
    wf__loop_ref(loop);
    wf__loop_enqueue(loop, h);
  }
}

int wf_loop_call_soon_threadsafe(wf_loop* loop, wf_callback fn, void* arg) {
  if (loop == NULL || fn == NULL) return WF_EINVAL;
  wf_handle* h = wf__posted_new(loop, fn, arg);
  if (h == NULL) return WF_ENOMEM;
  wf__loop_post(loop, h);
  return 0;
}

/* wrap_cfuture's state. Every reference is taken and dropped on the loop's
 * thread: the cfuture's callback hands its reference to `posted`, made in
 * advance so that posting from a worker cannot fail. */
typedef struct wf__wrap {
  wf__link link;
  wf_future* future;
  wf_cfuture* source;
  wf_handle* posted;
} wf__wrap;

static void wf__wrap_destroy(wf__link* link) {
  wf__wrap* w = (wf__wrap*)link;
  wf_future_release(w->future);
  wf_cfuture_release(w->source);
  if (w->posted != NULL) free(w->posted);
  free(w);
}

/* On the loop's thread, once the cfuture is done. */
static void wf__wrap_copy(void* arg) {
  wf__wrap* w = arg;
  wf__future_settle_from(w->future, w->source);
  wf__link_unref(w);
}

/* On whichever thread completed the cfuture. */
static int wf__wrap_on_source(wf_cfuture* source, void* arg) {
  wf__wrap* w = arg;
  wf_handle* posted = w->posted;
  w->posted = NULL;
  wf__loop_post(w->future->loop, posted);
  return 0;
}

static void wf__wrap_on_future(wf_future* future, void* arg) {
  wf__wrap* w = arg;
  if (future->state == WF_FUTURE_CANCELLED) wf_cfuture_cancel(w->source, NULL);
  wf__link_unref(w);
}

int wf_wrap_cfuture(wf_loop* loop, wf_cfuture* future, wf_future** out) {
  if (future == NULL || out == NULL) return WF_EINVAL;
  wf__wrap* w = calloc(1, sizeof *w);
  if (w == NULL) return WF_ENOMEM;
  w->link.refs = 1;
  w->link.destroy = wf__wrap_destroy;
  w->source = future;
  wf_cfuture_retain(future);
  int rc = wf_future_new(loop, &w->future);
  if (rc == 0) {
    w->posted = wf__posted_new(w->future->loop, wf__wrap_copy, w);
    if (w->posted == NULL) rc = WF_ENOMEM;
  }
  if (rc == 0) rc = wf__link_watch(w->future, wf__wrap_on_future, &w->link);
  if (rc == 0) {
    wf__link_ref(&w->link); /* the cfuture callback's, handed to `posted` */
    rc = wf_cfuture_add_done_callback(future, wf__wrap_on_source, w);
    if (rc != 0) {
      w->link.refs--;
      wf_future_remove_done_callback(w->future, wf__wrap_on_future, w, NULL);
    }
  }
  if (rc != 0) {
    wf__link_unref(w);
    return rc;
  }
  *out = w->future;
  wf_future_retain(w->future);
  wf__link_unref(w);
  return 0;
}
