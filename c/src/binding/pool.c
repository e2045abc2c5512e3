/* The thread pool of createThreadPool in a module built with threads: the
 * named tasks (wf_task_register) run on a wf_executor, and each task's
 * wf_cfuture reaches the loop as a loop future through wf_wrap_cfuture, in
 * this module's memory. JS sees an ordinary Future; it keeps the cfuture
 * only to tell a queued task from a running one. */
#include <assert.h>
#include <stdlib.h>

#include "binding/binding_internal.h"
#include "concurrent/concurrent_internal.h"
#include "wf/tasks.h"

typedef struct wf__job {
  const wf_named_task* task;
  wf_value args; /* an owned WF_VALUE_ARRAY */
} wf__job;

static void wf__pool_run(wf_cfuture* future, void* arg) {
  wf__job* job = arg;
  job->task->fn(future, job->args.as.array, job->args.size);
}

static void wf__pool_job_free(void* arg) {
  wf__job* job = arg;
  wf__value_destroy(&job->args);
  free(job);
}

wf_executor* wf__pool_new(uint32_t workers) {
  wf_executor* ex = NULL;
  return wf_executor_new(workers, &ex) == 0 ? ex : NULL;
}

/* Queues task `index` with a copy of `args` and returns its loop future on
 * `loop` (the caller's reference); the task's cfuture (also the caller's
 * reference) goes to *task_out. On failure returns NULL with *task_out the
 * error code, and nothing is queued. *task_out is a pointer or an error code,
 * told apart by the NULL returned: a code is never 0 (JS throws for it). */
wf_future* wf__pool_submit(wf_executor* ex, wf_loop* loop, uint32_t index, const wf_value* args,
                           uint32_t nargs, intptr_t* task_out) {
  const wf_named_task* task = wf_task_at(index);
  if (ex == NULL || task == NULL) {
    *task_out = WF_EINVAL;
    return NULL;
  }
  wf__job* job = calloc(1, sizeof *job);
  if (job == NULL) {
    *task_out = WF_ENOMEM;
    return NULL;
  }
  job->task = task;
  wf_value view = wf_value_array(args, nargs);
  int rc = wf__value_copy(&job->args, &view);
  if (rc != 0) {
    assert(rc < 0);
    free(job);
    *task_out = rc;
    return NULL;
  }
  wf_cfuture* cf = NULL;
  rc = wf_executor_submit(ex, wf__pool_run, job, wf__pool_job_free, &cf);
  if (rc != 0) {
    assert(rc < 0);
    wf__pool_job_free(job);
    *task_out = rc;
    return NULL;
  }
  wf_future* future = NULL;
  rc = wf_wrap_cfuture(loop, cf, &future);
  if (rc != 0) {
    /* Queued but nobody can see it: it must not run. A worker that took it
     * already finishes it unseen. */
    assert(rc < 0);
    wf_cfuture_cancel(cf, NULL);
    wf_cfuture_release(cf);
    *task_out = rc;
    return NULL;
  }
  assert(cf != NULL && future != NULL);
  *task_out = (intptr_t)cf;
  return future;
}

/* Cancels the task if it has not started: 1 if it will never run, 0 if it
 * runs or ran. */
int wf__pool_cancel(wf_cfuture* task) {
  int cancelled = 0;
  wf_cfuture_cancel(task, &cancelled);
  return cancelled;
}

/* Workers whose threads run already. */
uint32_t wf__pool_started_workers(wf_executor* ex) { return wf__executor_started_workers(ex); }

/* Workers still running; 0 once shutdown let every one end. */
uint32_t wf__pool_live_workers(wf_executor* ex) { return wf__executor_live_workers(ex); }
