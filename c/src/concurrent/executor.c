/* wf_executor: a fixed pool of threads taking tasks from one queue
 * (concurrent.futures.ThreadPoolExecutor, with libuv threadpool.c's shape). */
#include <assert.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "concurrent/concurrent_internal.h"

/* How many times a worker that just finished a task looks at the queue
 * before it sleeps (a few tens of microseconds): a loop that awaits one task
 * at a time submits the next within microseconds, and waking a sleeping
 * thread costs more than that. It polls once per finished task, never when
 * idle from the start. */
enum { WF__SPIN_POLLS = 200000 };

typedef struct wf__work {
  wf__queue node;
  wf_task_fn task;
  void* arg;
  void (*release)(void* arg);
  wf_cfuture* future;
} wf__work;

/* The workers are detached: a wait for them is a wait on `ended` until all
 * have left their loop, so a host whose main thread must not block (a
 * browser) can poll wf__executor_live_workers instead. */
struct wf_executor {
  pthread_mutex_t lock;
  pthread_cond_t cond;  /* work queued, or shutdown */
  pthread_cond_t ended; /* a worker left its loop */
  wf__queue queue;
  atomic_uint queued; /* tasks in `queue`, read without the lock while polling */
  int shutdown;
  unsigned started; /* workers that entered their loop */
  unsigned exited; /* workers that left their loop; they touch nothing after */
  unsigned workers;
};

/* The end of a task that was counted as pending work at submit. */
static void wf__work_finish(wf__work* w) {
  if (w->release != NULL) w->release(w->arg);
  wf_cfuture_release(w->future);
  free(w);
  wf__platform_work_end();
}

static void wf__work_run(wf__work* w) {
  int run = 0;
  if (wf_cfuture_set_running_or_notify_cancel(w->future, &run) == 0 && run) {
    w->task(w->future, w->arg);
    /* A task must complete its future; one that forgot fails it. */
    if (wf_cfuture_state_of(w->future) == WF_CFUTURE_RUNNING)
      wf_cfuture_set_error(w->future, WF_EINVALSTATE, "the task returned without a result");
  }
  wf__work_finish(w);
}

/* Polls `queued` until work appears or the polls run out. */
static void wf__executor_poll(wf_executor* ex) {
  for (int i = 0; i < WF__SPIN_POLLS; i++)
    if (atomic_load_explicit(&ex->queued, memory_order_relaxed) != 0) return;
}

static void* wf__executor_worker(void* arg) {
  wf_executor* ex = arg;
  bool worked = false;
  /* An idle worker keeps no program alive; its tasks do (counted at submit). */
  wf__platform_daemon_thread(true);
  pthread_mutex_lock(&ex->lock);
  ex->started++;
  pthread_mutex_unlock(&ex->lock);
  for (;;) {
    if (worked) wf__executor_poll(ex);
    pthread_mutex_lock(&ex->lock);
    while (wf__queue_empty(&ex->queue) && !ex->shutdown) pthread_cond_wait(&ex->cond, &ex->lock);
    if (wf__queue_empty(&ex->queue)) {
      ex->exited++;
      pthread_cond_broadcast(&ex->ended);
      pthread_mutex_unlock(&ex->lock);
      wf__platform_daemon_thread(false);
      return NULL;
    }
    wf__queue* q = wf__queue_head(&ex->queue);
    wf__queue_remove(q);
    /* Under the lock, `queued` is what `queue` holds. */
    assert(atomic_load_explicit(&ex->queued, memory_order_relaxed) > 0);
    atomic_fetch_sub_explicit(&ex->queued, 1, memory_order_relaxed);
    pthread_mutex_unlock(&ex->lock);
    wf__work_run(wf__queue_data(q, wf__work, node));
    worked = true;
  }
}

int wf_executor_new(unsigned workers, wf_executor** out) {
  if (out == NULL || workers == 0 || workers > 1024) return WF_EINVAL;
  wf_executor* ex = calloc(1, sizeof *ex);
  if (ex == NULL) return WF_ENOMEM;
  pthread_mutex_init(&ex->lock, NULL);
  pthread_cond_init(&ex->cond, NULL);
  pthread_cond_init(&ex->ended, NULL);
  wf__queue_init(&ex->queue);
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  for (; ex->workers < workers; ex->workers++) {
    pthread_t thread;
    if (pthread_create(&thread, &attr, wf__executor_worker, ex) != 0) {
      pthread_attr_destroy(&attr);
      wf_executor_free(ex);
      return WF_ENOMEM;
    }
  }
  pthread_attr_destroy(&attr);
  *out = ex;
  return 0;
}

unsigned wf_executor_workers(const wf_executor* executor) {
  return executor == NULL ? 0 : executor->workers;
}

int wf_executor_submit(wf_executor* executor, wf_task_fn task, void* arg,
                       void (*release)(void* arg), wf_cfuture** out) {
  if (executor == NULL || task == NULL) return WF_EINVAL;
  wf__work* w = calloc(1, sizeof *w);
  if (w == NULL) return WF_ENOMEM;
  int rc = wf_cfuture_new(&w->future);
  if (rc != 0) {
    free(w);
    return rc;
  }
  w->task = task;
  w->arg = arg;
  w->release = release;
  /* Before a worker can take it: the count never drops below the work queued. */
  wf__platform_work_begin();
  pthread_mutex_lock(&executor->lock);
  if (executor->shutdown) {
    pthread_mutex_unlock(&executor->lock);
    wf_cfuture_release(w->future);
    free(w);
    wf__platform_work_end();
    return WF_ESHUTDOWN;
  }
  if (out != NULL) {
    wf_cfuture_retain(w->future);
    *out = w->future;
  }
  wf__queue_insert_tail(&executor->queue, &w->node);
  atomic_fetch_add_explicit(&executor->queued, 1, memory_order_relaxed);
  pthread_cond_signal(&executor->cond);
  pthread_mutex_unlock(&executor->lock);
  return 0;
}

int wf_executor_shutdown(wf_executor* executor, int wait, int cancel_futures) {
  if (executor == NULL) return WF_EINVAL;
  wf__queue cancelled;
  wf__queue_init(&cancelled);
  pthread_mutex_lock(&executor->lock);
  executor->shutdown = 1;
  if (cancel_futures) {
    wf__queue_append(&executor->queue, &cancelled);
    atomic_store_explicit(&executor->queued, 0, memory_order_relaxed);
  }
  pthread_cond_broadcast(&executor->cond);
  pthread_mutex_unlock(&executor->lock);
  /* Outside the lock: cancelling runs the futures' callbacks. */
  while (!wf__queue_empty(&cancelled)) {
    wf__queue* q = wf__queue_head(&cancelled);
    wf__queue_remove(q);
    wf__work* w = wf__queue_data(q, wf__work, node);
    wf_cfuture_cancel(w->future, NULL);
    int run;
    wf_cfuture_set_running_or_notify_cancel(w->future, &run);
    wf__work_finish(w);
  }
  if (wait) {
    pthread_mutex_lock(&executor->lock);
    while (executor->exited < executor->workers) pthread_cond_wait(&executor->ended, &executor->lock);
    pthread_mutex_unlock(&executor->lock);
  }
  return 0;
}

unsigned wf__executor_started_workers(wf_executor* executor) {
  pthread_mutex_lock(&executor->lock);
  unsigned started = executor->started;
  pthread_mutex_unlock(&executor->lock);
  return started;
}

unsigned wf__executor_live_workers(wf_executor* executor) {
  pthread_mutex_lock(&executor->lock);
  unsigned live = executor->workers - executor->exited;
  pthread_mutex_unlock(&executor->lock);
  return live;
}

void wf_executor_free(wf_executor* executor) {
  if (executor == NULL) return;
  wf_executor_shutdown(executor, 1, 0);
  pthread_cond_destroy(&executor->ended);
  pthread_cond_destroy(&executor->cond);
  pthread_mutex_destroy(&executor->lock);
  free(executor);
}
