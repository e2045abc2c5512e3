/* The registry of named tasks (wf/tasks.h): C functions that JS runs on the
 * pool by name. */
#include <string.h>

#include "core/core_internal.h"
#include "wf/tasks.h"

enum { WF__MAX_TASKS = 64 };

static wf_named_task wf__tasks[WF__MAX_TASKS];
static size_t wf__task_count;

int wf_task_register(const char* name, const char* signature, wf_named_task_fn fn) {
  if (name == NULL || *name == '\0' || fn == NULL) return WF_EINVAL;
  if (wf_task_find(name) >= 0) return WF_EINVALSTATE;
  if (wf__task_count == WF__MAX_TASKS) return WF_ENOMEM;
  wf__tasks[wf__task_count++] = (wf_named_task){name, signature == NULL ? name : signature, fn};
  return 0;
}

size_t wf_task_count(void) { return wf__task_count; }

const wf_named_task* wf_task_at(size_t index) {
  return index < wf__task_count ? &wf__tasks[index] : NULL;
}

int wf_task_find(const char* name) {
  if (name == NULL) return WF_EINVAL;
  for (size_t i = 0; i < wf__task_count; i++)
    if (strcmp(wf__tasks[i].name, name) == 0) return (int)i;
  return WF_ENOTFOUND;
}
