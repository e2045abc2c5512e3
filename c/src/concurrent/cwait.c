/* wf_cfuture_wait and wf_cfuture_as_completed: concurrent.futures.wait and
 * as_completed, with waiters that the futures notify under their locks. */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "concurrent/concurrent_internal.h"

enum { WF__WAIT_ANY = 0, WF__WAIT_ALL = 1, WF__WAIT_AS_COMPLETED = 2 };

struct wf__cwaiter {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  int kind;
  int stop_on_exception;
  size_t pending; /* for WF__WAIT_ALL */
  int event;
  wf_cfuture** finished; /* for WF__WAIT_AS_COMPLETED: room for every future */
  size_t finished_count;
};

void wf__cwaiter_notify(wf__cwaiter* w, wf_cfuture* f, wf__outcome outcome) {
  assert(wf__mutex_held(&f->lock));
  pthread_mutex_lock(&w->lock);
  if (w->kind == WF__WAIT_ANY) {
    w->event = 1;
  } else if (w->kind == WF__WAIT_ALL) {
    if (outcome == WF__OUTCOME_EXCEPTION && w->stop_on_exception) w->event = 1;
    if (w->pending > 0 && --w->pending == 0) w->event = 1;
  } else {
    w->finished[w->finished_count++] = f;
    w->event = 1;
  }
  pthread_cond_broadcast(&w->cond);
  pthread_mutex_unlock(&w->lock);
}

static wf__cwaiter* wf__cwaiter_new(int kind, size_t room) {
  wf__cwaiter* w = calloc(1, sizeof *w);
  if (w == NULL) return NULL;
  w->kind = kind;
  if (room > 0 && (w->finished = malloc(room * sizeof *w->finished)) == NULL) {
    free(w);
    return NULL;
  }
  pthread_mutex_init(&w->lock, NULL);
  pthread_cond_init(&w->cond, NULL);
  return w;
}

static void wf__cwaiter_free(wf__cwaiter* w) {
  if (w == NULL) return;
  pthread_cond_destroy(&w->cond);
  pthread_mutex_destroy(&w->lock);
  free(w->finished);
  free(w);
}

/* With f's lock held. */
static int wf__cfuture_add_waiter(wf_cfuture* f, wf__cwaiter* w) {
  assert(wf__mutex_held(&f->lock));
  if (f->waiter_count == f->waiter_capacity) {
    uint32_t capacity = f->waiter_capacity == 0 ? 2 : f->waiter_capacity * 2;
    wf__cwaiter** grown = realloc(f->waiters, capacity * sizeof *grown);
    if (grown == NULL) return WF_ENOMEM;
    f->waiters = grown;
    f->waiter_capacity = capacity;
  }
  f->waiters[f->waiter_count++] = w;
  return 0;
}

static void wf__cfuture_remove_waiter(wf_cfuture* f, wf__cwaiter* w) {
  pthread_mutex_lock(&f->lock);
  for (uint32_t i = 0; i < f->waiter_count; i++) {
    if (f->waiters[i] == w) {
      f->waiters[i] = f->waiters[--f->waiter_count];
      break;
    }
  }
  pthread_mutex_unlock(&f->lock);
}

static int wf__compare_addresses(const void* a, const void* b) {
  uintptr_t x = (uintptr_t) * (wf_cfuture* const*)a, y = (uintptr_t) * (wf_cfuture* const*)b;
  return x < y ? -1 : x > y;
}

/* The distinct futures in address order, the order they are locked in, as
 * concurrent.futures' _AcquireFutures does, so two waits cannot deadlock. */
static wf_cfuture** wf__distinct_sorted(wf_cfuture* const* futures, size_t n, size_t* count) {
  wf_cfuture** sorted = malloc(n * sizeof *sorted);
  if (sorted == NULL) return NULL;
  memcpy(sorted, futures, n * sizeof *sorted);
  qsort(sorted, n, sizeof *sorted, wf__compare_addresses);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (k == 0 || sorted[k - 1] != sorted[i]) sorted[k++] = sorted[i];
  *count = k;
  return sorted;
}

static int wf__check_futures(wf_cfuture* const* futures, size_t n) {
  if (futures == NULL && n > 0) return WF_EINVAL;
  for (size_t i = 0; i < n; i++)
    if (futures[i] == NULL) return WF_EINVAL;
  return 0;
}

/* What both waits check and compute first: the futures (none NULL), the
 * deadline, and the distinct futures in locking order (NULL when n == 0). */
static int wf__cwait_prepare(wf_cfuture* const* futures, size_t n, double timeout,
                             struct timespec* deadline, wf_cfuture*** sorted, size_t* count) {
  if (wf__check_futures(futures, n) != 0) return WF_EINVAL;
  int rc = wf__deadline(timeout, deadline);
  if (rc != 0) return rc;
  *count = 0;
  *sorted = n == 0 ? NULL : wf__distinct_sorted(futures, n, count);
  return n > 0 && *sorted == NULL ? WF_ENOMEM : 0;
}

/* Waits on w's condition until its event or the deadline. */
static bool wf__cwaiter_wait(wf__cwaiter* w, double timeout, const struct timespec* deadline) {
  assert(wf__mutex_held(&w->lock));
  while (!w->event) {
    if (isinf(timeout))
      pthread_cond_wait(&w->cond, &w->lock);
    else if (pthread_cond_timedwait(&w->cond, &w->lock, deadline) == ETIMEDOUT)
      return w->event != 0;
  }
  return true;
}

int wf_cfuture_wait(wf_cfuture* const* futures, size_t n, double timeout,
                    wf_return_when return_when, unsigned char* done) {
  if (done == NULL && n > 0) return WF_EINVAL;
  if (!wf__return_when_valid(return_when)) return WF_EINVAL;
  struct timespec deadline;
  size_t count = 0;
  wf_cfuture** sorted = NULL;
  int rc = wf__cwait_prepare(futures, n, timeout, &deadline, &sorted, &count);
  if (rc != 0) return rc;
  wf__cwaiter* w = NULL;
  for (size_t i = 0; i < count; i++) pthread_mutex_lock(&sorted[i]->lock);
  size_t finished = 0;
  bool failed = false;
  for (size_t i = 0; i < count; i++) {
    if (!wf__cfuture_is_done(sorted[i])) continue;
    finished++;
    failed = failed || (sorted[i]->state == WF_CFUTURE_FINISHED && sorted[i]->has_exception);
  }
  bool satisfied = finished == count || (return_when == WF_FIRST_COMPLETED && finished > 0) ||
                   (return_when == WF_FIRST_EXCEPTION && failed);
  if (!satisfied) {
    w = wf__cwaiter_new(return_when == WF_FIRST_COMPLETED ? WF__WAIT_ANY : WF__WAIT_ALL, 0);
    if (w == NULL) rc = WF_ENOMEM;
    for (size_t i = 0; i < count && rc == 0; i++) {
      if (wf__cfuture_is_done(sorted[i])) continue;
      rc = wf__cfuture_add_waiter(sorted[i], w);
      if (rc == 0) w->pending++;
    }
    if (w != NULL) w->stop_on_exception = return_when == WF_FIRST_EXCEPTION;
  }
  for (size_t i = count; i-- > 0;) pthread_mutex_unlock(&sorted[i]->lock);
  if (w != NULL) {
    if (rc == 0) {
      pthread_mutex_lock(&w->lock);
      wf__cwaiter_wait(w, timeout, &deadline);
      pthread_mutex_unlock(&w->lock);
    }
    for (size_t i = 0; i < count; i++) wf__cfuture_remove_waiter(sorted[i], w);
    wf__cwaiter_free(w);
  }
  free(sorted);
  if (rc != 0) return rc;
  for (size_t i = 0; i < n; i++) done[i] = (unsigned char)(wf_cfuture_done(futures[i]) == 1);
  return 0;
}

struct wf_cfuture_iter {
  wf__cwaiter* waiter;
  double timeout;
  struct timespec deadline;
  size_t count;   /* distinct futures */
  size_t given;   /* how many next() gave */
  wf_cfuture** ready; /* done, not yet given: room for every future */
  size_t ready_count;
  size_t ready_next;
  wf_cfuture* futures[];
};

void wf_cfuture_iter_free(wf_cfuture_iter* iter) {
  if (iter == NULL) return;
  for (size_t i = 0; i < iter->count; i++) {
    if (iter->waiter != NULL) wf__cfuture_remove_waiter(iter->futures[i], iter->waiter);
    wf_cfuture_release(iter->futures[i]);
  }
  wf__cwaiter_free(iter->waiter);
  free(iter->ready);
  free(iter);
}

int wf_cfuture_as_completed(wf_cfuture* const* futures, size_t n, double timeout,
                            wf_cfuture_iter** out) {
  if (out == NULL) return WF_EINVAL;
  struct timespec deadline;
  size_t count = 0;
  wf_cfuture** sorted = NULL;
  int rc = wf__cwait_prepare(futures, n, timeout, &deadline, &sorted, &count);
  if (rc != 0) return rc;
  wf_cfuture_iter* iter = calloc(1, sizeof *iter + count * sizeof(wf_cfuture*));
  wf__cwaiter* w = wf__cwaiter_new(WF__WAIT_AS_COMPLETED, count);
  wf_cfuture** ready = malloc((count > 0 ? count : 1) * sizeof *ready);
  if (iter == NULL || w == NULL || ready == NULL) {
    free(sorted);
    free(iter);
    wf__cwaiter_free(w);
    free(ready);
    return WF_ENOMEM;
  }
  iter->timeout = timeout;
  iter->deadline = deadline;
  iter->ready = ready;
  for (size_t i = 0; i < count; i++) pthread_mutex_lock(&sorted[i]->lock);
  for (size_t i = 0; i < count && rc == 0; i++) {
    if (wf__cfuture_is_done(sorted[i])) iter->ready[iter->ready_count++] = sorted[i];
    else rc = wf__cfuture_add_waiter(sorted[i], w);
  }
  for (size_t i = count; i-- > 0;) pthread_mutex_unlock(&sorted[i]->lock);
  iter->waiter = w;
  for (size_t i = 0; i < count; i++) {
    iter->futures[i] = sorted[i];
    wf_cfuture_retain(sorted[i]);
  }
  iter->count = count;
  free(sorted);
  if (rc != 0) {
    wf_cfuture_iter_free(iter);
    return rc;
  }
  *out = iter;
  return 0;
}

int wf_cfuture_iter_next(wf_cfuture_iter* iter, wf_cfuture** out) {
  if (iter == NULL || out == NULL) return WF_EINVAL;
  if (iter->given == iter->count) return WF_ENOTFOUND;
  if (iter->ready_next == iter->ready_count) {
    wf__cwaiter* w = iter->waiter;
    pthread_mutex_lock(&w->lock);
    bool arrived = wf__cwaiter_wait(w, iter->timeout, &iter->deadline);
    if (arrived) {
      for (size_t i = 0; i < w->finished_count; i++) iter->ready[iter->ready_count++] = w->finished[i];
      w->finished_count = 0;
      w->event = 0;
    }
    pthread_mutex_unlock(&w->lock);
    if (!arrived) return WF_ETIMEDOUT;
  }
  *out = iter->ready[iter->ready_next++];
  iter->given++;
  return 0;
}
