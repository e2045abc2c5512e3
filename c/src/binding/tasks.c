/* What the pool's JS needs from either build: the task table, a task run on
 * the calling thread (the pool without threads), and a cfuture's outcome. */
#include "binding/internal.h"
#include "concurrent/cinternal.h"
#include "wf/tasks.h"

const char* wf__task_name(uint32_t index) {
  const wf_named_task* task = wf_task_at(index);
  return task == NULL ? NULL : task->name;
}

const char* wf__task_signature(uint32_t index) {
  const wf_named_task* task = wf_task_at(index);
  return task == NULL ? NULL : task->signature;
}

/* Runs a task here and now; returns its done future (the caller's reference). */
wf_cfuture* wf__task_run_here(uint32_t index, const wf_value* args, uint32_t nargs) {
  const wf_named_task* task = wf_task_at(index);
  wf_cfuture* f = NULL;
  int run = 0;
  if (task == NULL || wf_cfuture_new(&f) != 0) return NULL;
  wf_cfuture_set_running_or_notify_cancel(f, &run);
  task->fn(f, args, nargs);
  if (wf_cfuture_state_of(f) == WF_CFUTURE_RUNNING)
    wf_cfuture_set_error(f, WF_EINVALSTATE, "the task returned without a result");
  return f;
}

/* 0: a result, 1: an exception, 2: cancelled, -1: not done. */
int wf__task_outcome(wf_cfuture* future) {
  switch (wf_cfuture_state_of(future)) {
    case WF_CFUTURE_FINISHED:
      return future->has_exception ? 1 : 0;
    case WF_CFUTURE_CANCELLED:
    case WF_CFUTURE_CANCELLED_AND_NOTIFIED:
      return 2;
    default:
      return -1;
  }
}

/* The result or exception of a finished future, borrowed. */
const wf_value* wf__task_value(wf_cfuture* future) { return &future->value; }
