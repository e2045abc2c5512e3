/* wf_cfuture: concurrent.futures.Future in C, thread safe; wf_executor: a
 * fixed pool of threads whose submit returns a wf_cfuture; and the bridge to
 * a loop future (asyncio's wrap_future). Every function returns 0 or a
 * negative WF_E* code; a call that fails changes nothing. */
#ifndef WF_CFUTURE_H
#define WF_CFUTURE_H

#include "wf/combinators.h"
#include "wf/future.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct wf_cfuture wf_cfuture;
typedef struct wf_executor wf_executor;

typedef enum wf_cfuture_state {
  WF_CFUTURE_PENDING = 0,
  WF_CFUTURE_RUNNING = 1,
  WF_CFUTURE_CANCELLED = 2,
  WF_CFUTURE_CANCELLED_AND_NOTIFIED = 3,
  WF_CFUTURE_FINISHED = 4
} wf_cfuture_state;

/* A done-callback. It runs on the thread that completed the future (or, added
 * to a done future, at once on the adding thread), after the lock is
 * released. A non-zero return is reported on stderr; the others still run. */
typedef int (*wf_cfuture_callback)(wf_cfuture* future, void* arg);

/* A new PENDING future; the caller owns one reference. */
int wf_cfuture_new(wf_cfuture** out);
void wf_cfuture_retain(wf_cfuture* future);
void wf_cfuture_release(wf_cfuture* future);

/* concurrent.futures' cancel: *cancelled is 0 if RUNNING or FINISHED, 1 if
 * cancelled now or before. `cancelled` may be NULL. */
int wf_cfuture_cancel(wf_cfuture* future, int* cancelled);
/* For the worker about to run it: *run is 1 (now RUNNING) or 0 (it was
 * cancelled: now CANCELLED_AND_NOTIFIED). WF_EINVALSTATE in any other state. */
int wf_cfuture_set_running_or_notify_cancel(wf_cfuture* future, int* run);
/* Copies the value; WF_EINVALSTATE once cancelled or finished. */
int wf_cfuture_set_result(wf_cfuture* future, const wf_value* result);
int wf_cfuture_set_exception(wf_cfuture* future, const wf_value* exception);
int wf_cfuture_set_error(wf_cfuture* future, int32_t code, const char* message);

/* The state, or WF_EINVAL for NULL. */
int wf_cfuture_state_of(wf_cfuture* future);
/* 1 when CANCELLED, CANCELLED_AND_NOTIFIED or FINISHED; WF_EINVAL for NULL. */
int wf_cfuture_done(wf_cfuture* future);

/* Waits up to `timeout` ms (INFINITY: no limit; NaN or negative:
 * WF_EINVAL) for the future to be done. 0 with *out borrowed (valid while the
 * future lives); WF_ECANCELLED; WF_EEXCEPTION with *out the exception (for
 * wf_cfuture_result); WF_ETIMEDOUT if still not done. wf_cfuture_exception
 * gives *out NULL after a result. */
int wf_cfuture_result(wf_cfuture* future, double timeout, const wf_value** out);
int wf_cfuture_exception(wf_cfuture* future, double timeout, const wf_value** out);

/* Adds a done-callback (see wf_cfuture_callback). */
int wf_cfuture_add_done_callback(wf_cfuture* future, wf_cfuture_callback cb, void* arg);

/* concurrent.futures.wait: blocks until `return_when` holds or `timeout` ms
 * pass (INFINITY: none; NaN or negative: WF_EINVAL). done[i] (n entries,
 * the caller's) is 1 for each future done on return, 0 for the others; a
 * timeout is not an error. n == 0 returns at once. */
int wf_cfuture_wait(wf_cfuture* const* futures, size_t n, double timeout,
                    wf_return_when return_when, unsigned char* done);

/* concurrent.futures.as_completed, as an iterator: next gives each distinct
 * future once, as it completes (a borrowed pointer), WF_ETIMEDOUT past the
 * deadline (counted from start), and WF_ENOTFOUND once all were given. */
typedef struct wf_cfuture_iter wf_cfuture_iter;
int wf_cfuture_as_completed(wf_cfuture* const* futures, size_t n, double timeout,
                            wf_cfuture_iter** out);
int wf_cfuture_iter_next(wf_cfuture_iter* iter, wf_cfuture** out);
void wf_cfuture_iter_free(wf_cfuture_iter* iter);

/* The executor. A task gets its future (RUNNING) and its arg, and completes
 * the future; one that returns without doing so fails it with WF_EINVALSTATE.
 * `release` (may be NULL) gets arg once the task ran or will never run. */
typedef void (*wf_task_fn)(wf_cfuture* future, void* arg);

int wf_executor_new(unsigned workers, wf_executor** out);
/* *out (may be NULL) gets a reference the caller owns. WF_ESHUTDOWN after
 * shutdown: then the task is not taken, and release is not called. */
int wf_executor_submit(wf_executor* executor, wf_task_fn task, void* arg,
                       void (*release)(void* arg), wf_cfuture** out);
/* Stops taking tasks. cancel_futures: the queued ones are cancelled. wait:
 * returns once every worker has ended (then it must not be called from a
 * worker). Safe to call twice. */
int wf_executor_shutdown(wf_executor* executor, int wait, int cancel_futures);
/* Shuts down (waiting) if still running, then frees. */
void wf_executor_free(wf_executor* executor);
unsigned wf_executor_workers(const wf_executor* executor);

/* From any thread: fn(arg) on the loop's thread, through its ready queue. */
int wf_loop_call_soon_threadsafe(wf_loop* loop, wf_callback fn, void* arg);
/* asyncio.wrap_future: a loop future that follows `future`; cancelling it
 * cancels `future`. Call it on the loop's thread. */
int wf_wrap_cfuture(wf_loop* loop, wf_cfuture* future, wf_future** out);

/* asyncio.run_coroutine_threadsafe. From any thread: start(arg, &future) runs
 * on the loop's thread and hands over a loop future (one reference), or
 * returns a negative WF_E* code (then *out fails with it, its code the
 * error's). *out (the caller's reference) follows that future: its result,
 * its exception, its cancellation. wf_cfuture_cancel(*out) while pending
 * cancels the loop future (so a fetch it started is aborted); cancelled
 * before start ran, start never runs. release (may be NULL) gets arg once
 * start ran or never will, on the loop's thread. A JS value in the outcome
 * stays the main thread's: a worker may read its handle and drop it, never
 * look into it. Until the loop took the request, and while the thread that
 * waits is itself counted (a running thread, an executor's task), Node does
 * not exit. On failure nothing is posted and release is not called. */
typedef int (*wf_start_fn)(void* arg, wf_future** out);
int wf_loop_run_threadsafe(wf_loop* loop, wf_start_fn start, void* arg,
                           void (*release)(void* arg), wf_cfuture** out);

#ifdef __cplusplus
}
#endif
#endif
