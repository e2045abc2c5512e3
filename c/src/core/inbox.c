/* The loop's inbox (core/inbox.h): the loop's thread takes in what other
 * threads posted. Only in builds with threads. */
#include "core/inbox.h"

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
