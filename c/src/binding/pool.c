/* The thread pool of js/threads.js (threaded build only): named tasks run on
 * a wf_executor, and each finished future is announced to JS on the main
 * thread. */
#include <emscripten.h>
#include <emscripten/threading.h>
#include <stdlib.h>

#include "concurrent/cinternal.h"
#include "wf/tasks.h"

typedef struct wf__job {
  const wf_named_task* task;
  wf_value args; /* an owned WF_VALUE_ARRAY */
} wf__job;

/* library.js: tells the pool's JS that `future` is done (main thread only). */
void wf__pool_announce(wf_cfuture* future);

static void wf__pool_run(wf_cfuture* future, void* arg) {
  wf__job* job = arg;
  job->task->fn(future, job->args.as.array, job->args.size);
}

static void wf__pool_job_free(void* arg) {
  wf__job* job = arg;
  wf__value_destroy(&job->args);
  free(job);
}

static void wf__pool_announce_on_main(wf_cfuture* future) { wf__pool_announce(future); }

static int wf__pool_on_done(wf_cfuture* future, void* arg) {
  if (emscripten_is_main_runtime_thread())
    wf__pool_announce(future);
  else
    emscripten_async_run_in_main_runtime_thread(EM_FUNC_SIG_VI, wf__pool_announce_on_main, future);
  return 0;
}

EMSCRIPTEN_KEEPALIVE wf_executor* wf__pool_new(uint32_t workers) {
  wf_executor* ex = NULL;
  return wf_executor_new(workers, &ex) == 0 ? ex : NULL;
}

/* Queues task `index` with a copy of `args`; returns its future (the caller's
 * reference), announced to Module.wfTaskDone once done, or NULL. */
EMSCRIPTEN_KEEPALIVE wf_cfuture* wf__pool_submit(wf_executor* ex, uint32_t index, const wf_value* args,
                                                 uint32_t nargs) {
  const wf_named_task* task = wf_task_at(index);
  wf__job* job = task == NULL ? NULL : calloc(1, sizeof *job);
  if (job == NULL) return NULL;
  job->task = task;
  wf_value view = wf_value_array(args, nargs);
  if (wf__value_copy(&job->args, &view) != 0) {
    free(job);
    return NULL;
  }
  wf_cfuture* future = NULL;
  if (wf_executor_submit(ex, wf__pool_run, job, wf__pool_job_free, &future) != 0) {
    wf__pool_job_free(job);
    return NULL;
  }
  if (wf_cfuture_add_done_callback(future, wf__pool_on_done, NULL) != 0) {
    wf_cfuture_cancel(future, NULL);
    wf_cfuture_release(future);
    return NULL;
  }
  return future;
}

/* 1 if cancelled (it will never run), 0 if it runs or ran. */
EMSCRIPTEN_KEEPALIVE int wf__pool_cancel(wf_cfuture* future) {
  int cancelled = 0;
  wf_cfuture_cancel(future, &cancelled);
  return cancelled;
}

/* Workers still running; 0 once shutdown let every one end. */
EMSCRIPTEN_KEEPALIVE uint32_t wf__pool_live_workers(wf_executor* ex) { return wf__executor_live_workers(ex); }
