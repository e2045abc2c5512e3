/* The WebAssembly platform's interface to its JavaScript host: the functions
 * platform/wasm.c imports, and the words it shares with JS. The platform
 * owns this interface and depends on nothing above it; the JavaScript half of
 * the binding (binding/library.js, linked with --js-library) implements the
 * imports, and the binding's table (binding/js-table.def) publishes the
 * words' addresses. Each import catches what the JS it runs throws: no JS
 * exception unwinds through a C frame. */
#ifndef WF_PLATFORM_WASM_H
#define WF_PLATFORM_WASM_H

#include <stdint.h>

#include "wf/wf.h"

/* the loop's hooks */
void wf__js_schedule(wf_loop* loop, int kind);
void wf__js_arm(wf_loop* loop, double due);
double wf__js_now(void);
/* JS values C holds */
void wf__js_release(uint32_t handle);
uint32_t wf__js_dup(uint32_t handle);
/* reports */
void wf__js_report(wf_loop* loop, const char* message, wf_future* future, const wf_value* exception);
void wf__js_report_failure(const char* what, const char* error);

#ifdef WF_THREADS
/* Watches `word` (the loop's inbox flag) from the main thread's JS and takes
 * the inbox in whenever a thread raises it. */
void wf__js_watch_inbox(wf_loop* loop, int* word);
/* Tells the main thread's JS that wf__pending_work may have changed. */
void wf__js_work_changed(void);
/* Tasks, requests and threads the program waits for (wf__platform_work_begin). */
extern int wf__pending_work;
/* 1 once JS counts every running thread as pending work. */
extern int wf__threads_counted;
#endif

#endif
