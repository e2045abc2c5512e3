/* The concurrent layer's internal interface, on top of the core's: what the
 * thread-safe parts share, wf_cfuture's layout and its waiters, and what the
 * binding reads of the executor. */
#ifndef WF_CONCURRENT_INTERNAL_H
#define WF_CONCURRENT_INTERNAL_H

#include <errno.h>
#include <pthread.h>
#include <time.h>

#include "core/core_internal.h"
#include "wf/cfuture.h"

typedef enum { WF__OUTCOME_RESULT, WF__OUTCOME_EXCEPTION, WF__OUTCOME_CANCELLED } wf__outcome;

typedef struct {
  wf_cfuture_callback cb;
  void* arg;
} wf__ccallback;

/* A waiter of wf_cfuture_wait or wf_cfuture_as_completed (concurrent.futures'
 * _Waiter classes), installed on every future it watches. */
typedef struct wf__cwaiter wf__cwaiter;

struct wf_cfuture {
  pthread_mutex_t lock;
  pthread_cond_t cond; /* broadcast when it becomes done */
  uint32_t refcount;   /* atomic */
  int state;
  int has_exception;
  wf_value value;
  wf__ccallback* callbacks;
  uint32_t callback_count;
  uint32_t callback_capacity;
  wf__cwaiter** waiters;
  uint32_t waiter_count;
  uint32_t waiter_capacity;
};

/* For assert() where a lock must be held: whether some thread holds `lock`
 * (a default mutex knows no owner). A lock that was free is taken by the
 * check, which fails the assert anyway. */
static inline bool wf__mutex_held(pthread_mutex_t* lock) {
  return pthread_mutex_trylock(lock) == EBUSY;
}

bool wf__cfuture_is_done(const wf_cfuture* f);
/* With f's lock held: tells a waiter how f ended. */
void wf__cwaiter_notify(wf__cwaiter* waiter, wf_cfuture* f, wf__outcome outcome);
/* The absolute CLOCK_REALTIME time `timeout` ms from now; WF_EINVAL for NaN
 * or a negative timeout; nothing to compute for INFINITY. */
int wf__deadline(double timeout, struct timespec* deadline);

/* Settles the pending loop future `future` as the done cfuture `source`
 * ended (wrap_cfuture and the pool without threads). The value is copied
 * outside source's lock: a done cfuture's value never changes. When memory
 * runs out for the copy, `future` fails with WF_ENOMEM instead, or, if even
 * that cannot be stored, is cancelled: it never stays pending. */
void wf__future_settle_from(wf_future* future, wf_cfuture* source);

/* Workers that have not ended yet: a host that must not block (a browser's
 * main thread) polls it after shutdown before it frees the executor. */
unsigned wf__executor_live_workers(wf_executor* executor);
/* Workers whose thread runs already: on WebAssembly a thread starts only
 * once its Web Worker has loaded, after pthread_create returned. */
unsigned wf__executor_started_workers(wf_executor* executor);

#endif
