/* wf_cfuture: the concurrent.futures.Future state machine. State changes
 * happen under the future's mutex; callbacks run after it is released. */
#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "concurrent/concurrent_internal.h"

int wf_cfuture_new(wf_cfuture** out) {
  if (out == NULL) return WF_EINVAL;
  wf_cfuture* f = calloc(1, sizeof *f);
  if (f == NULL) return WF_ENOMEM;
  if (pthread_mutex_init(&f->lock, NULL) != 0) {
    free(f);
    return WF_ENOMEM;
  }
  if (pthread_cond_init(&f->cond, NULL) != 0) {
    pthread_mutex_destroy(&f->lock);
    free(f);
    return WF_ENOMEM;
  }
  f->refcount = 1;
  *out = f;
  return 0;
}

void wf_cfuture_retain(wf_cfuture* future) {
  if (future == NULL) return;
  uint32_t before = __atomic_fetch_add(&future->refcount, 1, __ATOMIC_RELAXED);
  assert(before > 0); /* one at 0 is being freed */
  (void)before;
}

void wf_cfuture_release(wf_cfuture* future) {
  if (future == NULL) return;
  uint32_t left = __atomic_sub_fetch(&future->refcount, 1, __ATOMIC_ACQ_REL);
  assert(left != UINT32_MAX); /* never below zero */
  if (left > 0) return;
  wf__value_destroy(&future->value);
  free(future->callbacks);
  free(future->waiters);
  pthread_cond_destroy(&future->cond);
  pthread_mutex_destroy(&future->lock);
  free(future);
}

bool wf__cfuture_is_done(const wf_cfuture* f) {
  return f->state == WF_CFUTURE_CANCELLED || f->state == WF_CFUTURE_CANCELLED_AND_NOTIFIED ||
         f->state == WF_CFUTURE_FINISHED;
}

/* Takes the callbacks out under the lock; they run once it is released. */
typedef struct {
  wf__ccallback* items;
  uint32_t count;
} wf__taken_callbacks;

static wf__taken_callbacks wf__cfuture_take_callbacks(wf_cfuture* f) {
  assert(wf__mutex_held(&f->lock));
  wf__taken_callbacks taken = {f->callbacks, f->callback_count};
  f->callbacks = NULL;
  f->callback_count = 0;
  f->callback_capacity = 0;
  return taken;
}

static void wf__cfuture_run_callbacks(wf_cfuture* f, wf__taken_callbacks taken) {
  for (uint32_t i = 0; i < taken.count; i++) {
    int rc = taken.items[i].cb(f, taken.items[i].arg);
    if (rc != 0) wf__platform_report("a wf_cfuture callback failed", rc);
  }
  free(taken.items);
}

static void wf__cfuture_notify_waiters(wf_cfuture* f, wf__outcome outcome) {
  assert(wf__mutex_held(&f->lock));
  for (uint32_t i = 0; i < f->waiter_count; i++) wf__cwaiter_notify(f->waiters[i], f, outcome);
}

int wf_cfuture_cancel(wf_cfuture* future, int* cancelled) {
  if (future == NULL) return WF_EINVAL;
  pthread_mutex_lock(&future->lock);
  if (future->state == WF_CFUTURE_RUNNING || future->state == WF_CFUTURE_FINISHED) {
    pthread_mutex_unlock(&future->lock);
    if (cancelled != NULL) *cancelled = 0;
    return 0;
  }
  if (future->state == WF_CFUTURE_PENDING) {
    future->state = WF_CFUTURE_CANCELLED;
    wf__cfuture_notify_waiters(future, WF__OUTCOME_CANCELLED);
    pthread_cond_broadcast(&future->cond);
  } else {
    /* cancelled before: its callbacks were taken then */
    assert(future->callback_count == 0);
  }
  wf__taken_callbacks taken = wf__cfuture_take_callbacks(future);
  pthread_mutex_unlock(&future->lock);
  wf__cfuture_run_callbacks(future, taken);
  if (cancelled != NULL) *cancelled = 1;
  return 0;
}

int wf_cfuture_set_running_or_notify_cancel(wf_cfuture* future, int* run) {
  if (future == NULL || run == NULL) return WF_EINVAL;
  int rc = 0;
  pthread_mutex_lock(&future->lock);
  if (future->state == WF_CFUTURE_CANCELLED) {
    future->state = WF_CFUTURE_CANCELLED_AND_NOTIFIED;
    *run = 0;
  } else if (future->state == WF_CFUTURE_PENDING) {
    future->state = WF_CFUTURE_RUNNING;
    *run = 1;
  } else {
    rc = WF_EINVALSTATE;
  }
  pthread_mutex_unlock(&future->lock);
  return rc;
}

static int wf__cfuture_complete(wf_cfuture* f, const wf_value* value, bool is_exception) {
  if (f == NULL || value == NULL) return WF_EINVAL;
  wf_value copy;
  int rc = wf__value_copy(&copy, value);
  if (rc != 0) return rc;
  pthread_mutex_lock(&f->lock);
  if (f->state != WF_CFUTURE_PENDING && f->state != WF_CFUTURE_RUNNING) {
    pthread_mutex_unlock(&f->lock);
    wf__value_destroy(&copy);
    return WF_EINVALSTATE;
  }
  assert(f->value.type == WF_VALUE_NONE); /* not done: no value yet */
  f->value = copy;
  f->has_exception = is_exception;
  f->state = WF_CFUTURE_FINISHED;
  wf__cfuture_notify_waiters(f, is_exception ? WF__OUTCOME_EXCEPTION : WF__OUTCOME_RESULT);
  pthread_cond_broadcast(&f->cond);
  wf__taken_callbacks taken = wf__cfuture_take_callbacks(f);
  pthread_mutex_unlock(&f->lock);
  wf__cfuture_run_callbacks(f, taken);
  return 0;
}

int wf_cfuture_set_result(wf_cfuture* future, const wf_value* result) {
  return wf__cfuture_complete(future, result, false);
}

int wf_cfuture_set_exception(wf_cfuture* future, const wf_value* exception) {
  return wf__cfuture_complete(future, exception, true);
}

int wf_cfuture_set_error(wf_cfuture* future, int32_t code, const char* message) {
  wf_value error = wf_value_error(code, message);
  return wf__cfuture_complete(future, &error, true);
}

int wf_cfuture_state_of(wf_cfuture* future) {
  if (future == NULL) return WF_EINVAL;
  pthread_mutex_lock(&future->lock);
  int state = future->state;
  pthread_mutex_unlock(&future->lock);
  return state;
}

int wf_cfuture_done(wf_cfuture* future) {
  if (future == NULL) return WF_EINVAL;
  pthread_mutex_lock(&future->lock);
  int done = wf__cfuture_is_done(future);
  pthread_mutex_unlock(&future->lock);
  return done;
}

void wf__future_settle_from(wf_future* future, wf_cfuture* source) {
  if (future->state != WF_FUTURE_PENDING) return;
  pthread_mutex_lock(&source->lock);
  int state = source->state;
  int has_exception = source->has_exception;
  pthread_mutex_unlock(&source->lock);
  if (state == WF_CFUTURE_FINISHED) {
    int rc = has_exception ? wf_future_set_exception(future, &source->value)
                           : wf_future_set_result(future, &source->value);
    if (rc == WF_ENOMEM)
      wf_future_set_error(future, WF_ENOMEM,
                          "out of memory for copying the outcome from the thread that set it");
  }
  if (future->state == WF_FUTURE_PENDING) wf_future_cancel(future, NULL, NULL);
}

int wf__deadline(double timeout, struct timespec* deadline) {
  if (isnan(timeout) || timeout < 0) return WF_EINVAL;
  if (isinf(timeout)) return 0;
  clock_gettime(CLOCK_REALTIME, deadline);
  double ns = (double)deadline->tv_nsec + fmod(timeout, 1000.0) * 1e6;
  deadline->tv_sec += (time_t)(timeout / 1000.0) + (time_t)(ns / 1e9);
  deadline->tv_nsec = (long)fmod(ns, 1e9);
  return 0;
}

static int wf__cfuture_wait_done(wf_cfuture* f, double timeout) {
  assert(wf__mutex_held(&f->lock));
  struct timespec deadline;
  int rc = wf__deadline(timeout, &deadline);
  if (rc != 0) return rc;
  while (!wf__cfuture_is_done(f)) {
    if (isinf(timeout)) {
      pthread_cond_wait(&f->cond, &f->lock);
    } else if (pthread_cond_timedwait(&f->cond, &f->lock, &deadline) == ETIMEDOUT) {
      return wf__cfuture_is_done(f) ? 0 : WF_ETIMEDOUT;
    }
  }
  return 0;
}

static int wf__cfuture_outcome(wf_cfuture* f, double timeout, const wf_value** out, bool result) {
  if (f == NULL || out == NULL) return WF_EINVAL;
  pthread_mutex_lock(&f->lock);
  int rc = wf__cfuture_wait_done(f, timeout);
  if (rc == 0) {
    if (f->state != WF_CFUTURE_FINISHED) {
      rc = WF_ECANCELLED;
    } else if (result) {
      *out = &f->value;
      rc = f->has_exception ? WF_EEXCEPTION : 0;
    } else {
      *out = f->has_exception ? &f->value : NULL;
    }
  }
  pthread_mutex_unlock(&f->lock);
  return rc;
}

int wf_cfuture_result(wf_cfuture* future, double timeout, const wf_value** out) {
  return wf__cfuture_outcome(future, timeout, out, true);
}

int wf_cfuture_exception(wf_cfuture* future, double timeout, const wf_value** out) {
  return wf__cfuture_outcome(future, timeout, out, false);
}

int wf_cfuture_add_done_callback(wf_cfuture* future, wf_cfuture_callback cb, void* arg) {
  if (future == NULL || cb == NULL) return WF_EINVAL;
  pthread_mutex_lock(&future->lock);
  if (!wf__cfuture_is_done(future)) {
    if (future->callback_count == future->callback_capacity) {
      uint32_t capacity = future->callback_capacity == 0 ? 2 : future->callback_capacity * 2;
      wf__ccallback* grown = realloc(future->callbacks, capacity * sizeof *grown);
      if (grown == NULL) {
        pthread_mutex_unlock(&future->lock);
        return WF_ENOMEM;
      }
      future->callbacks = grown;
      future->callback_capacity = capacity;
    }
    future->callbacks[future->callback_count++] = (wf__ccallback){cb, arg};
    pthread_mutex_unlock(&future->lock);
    return 0;
  }
  assert(future->callback_count == 0); /* taken as it became done */
  pthread_mutex_unlock(&future->lock);
  int rc = cb(future, arg);
  if (rc != 0) wf__platform_report("a wf_cfuture callback failed", rc);
  return 0;
}
