/* What the binding's C files share: the functions they import from the
 * JavaScript half of the binding (binding/library.js, linked with
 * --js-library), each of which catches what the JS it runs throws (no JS
 * exception unwinds through a C frame), and the binding's own entry points
 * that its table (js-table.def) publishes. */
#ifndef WF_BINDING_INTERNAL_H
#define WF_BINDING_INTERNAL_H

#include <stdint.h>

/* The platform's words that the table publishes (wf__pending_work,
 * wf__threads_counted). The platform's imports are declared there too: the
 * platform owns that interface, and binding/library.js implements it. */
#include "platform/wasm.h"
#include "wf/cfuture.h"
#include "wf/wf.h"

/* JS callbacks held for C: kind 0 a continuation called with the future's
 * pointer, kind 1 a done-callback called with its Future. */
void wf__js_invoke(int kind, uint32_t handle, wf_future* future);
void wf__js_call(uint32_t handle);
int wf__js_same(uint32_t a, uint32_t b);

/* fetch(url) in JS; a new future (the caller's reference) or NULL. */
wf_future* wf__js_fetch(wf_loop* loop, const char* url);

/* wf_js_describe's text of a JS value, malloc'd, or NULL. */
char* wf__js_describe(uint32_t handle);

/* binding/named_tasks.c: the task registry by index, and a task run on the
 * calling thread. */
const char* wf__task_name(uint32_t index);
const char* wf__task_signature(uint32_t index);
int wf__task_run_into(wf_future* future, uint32_t index, const wf_value* args, uint32_t nargs);

#ifdef WF_THREADS
/* binding/pool.c: the pool on threads. */
wf_executor* wf__pool_new(uint32_t workers);
wf_future* wf__pool_submit(wf_executor* ex, wf_loop* loop, uint32_t index, const wf_value* args,
                           uint32_t nargs, intptr_t* task_out);
uint32_t wf__pool_live_workers(wf_executor* ex);
uint32_t wf__pool_started_workers(wf_executor* ex);
int wf__pool_cancel(wf_cfuture* task);
#endif

#endif
