/* Named tasks: C functions that JS can run on the thread pool by name
 * (wasm-future/threads: pool.submit('name', ...args)). */
#ifndef WF_TASKS_H
#define WF_TASKS_H

#include "wf/cfuture.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Runs on a worker thread with its future RUNNING and its arguments (numbers
 * as WF_VALUE_DOUBLE or WF_VALUE_INT, strings, bytes; borrowed for the call),
 * and completes the future. */
typedef void (*wf_named_task_fn)(wf_cfuture* future, const wf_value* args, uint32_t nargs);

typedef struct wf_named_task {
  const char* name;
  const char* signature; /* for people: "mandelbrot(x0, y0, x1, y1, width, height, maxIterations)" */
  wf_named_task_fn fn;
} wf_named_task;

/* Adds a task; call it before the pool runs. `name` and `signature` are
 * borrowed (static strings). WF_EINVALSTATE for a name taken, WF_ENOMEM when
 * the table (64 tasks) is full. */
int wf_task_register(const char* name, const char* signature, wf_named_task_fn fn);
/* The registered tasks, in the order they were registered. */
size_t wf_task_count(void);
const wf_named_task* wf_task_at(size_t index);
/* The index of `name`, or WF_ENOTFOUND. */
int wf_task_find(const char* name);

#ifdef __cplusplus
}
#endif
#endif
