/* The named tasks for the pool's JS, in every build: the registry
 * (concurrent/task_registry.c) by index, and a task run on the calling thread
 * (the pool without threads; binding/pool.c is the pool on threads). */
#include "binding/binding_internal.h"
#include "concurrent/concurrent_internal.h"
#include "wf/tasks.h"

const char* wf__task_name(uint32_t index) {
  const wf_named_task* task = wf_task_at(index);
  return task == NULL ? NULL : task->name;
}

const char* wf__task_signature(uint32_t index) {
  const wf_named_task* task = wf_task_at(index);
  return task == NULL ? NULL : task->signature;
}

/* Runs task `index` here and now and settles the pending loop future
 * `future` as the task ended: the pool without threads. 0, or an error code
 * with `future` untouched. */
int wf__task_run_into(wf_future* future, uint32_t index, const wf_value* args, uint32_t nargs) {
  const wf_named_task* task = wf_task_at(index);
  if (future == NULL || task == NULL) return WF_EINVAL;
  if (future->state != WF_FUTURE_PENDING) return WF_EINVALSTATE;
  wf_cfuture* cf = NULL;
  int rc = wf_cfuture_new(&cf);
  if (rc != 0) return rc;
  int run = 0;
  wf_cfuture_set_running_or_notify_cancel(cf, &run);
  task->fn(cf, args, nargs);
  if (wf_cfuture_state_of(cf) == WF_CFUTURE_RUNNING)
    wf_cfuture_set_error(cf, WF_EINVALSTATE, "the task returned without a result");
  wf__future_settle_from(future, cf);
  wf_cfuture_release(cf);
  return 0;
}
