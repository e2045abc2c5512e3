/* wf_future: the asyncio.Future state machine. */
#include <assert.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_internal.h"
#include "core/ptrset.h"

/* Every live future of the library, whatever its loop, so that a pointer
 * from outside C (JS) can be checked before anything reads or writes through
 * it. Every future's creation and free pass here: keep it cheap. With threads,
 * loops on different threads create and free futures at once, hence the lock.
 */
static wf__ptrset wf__live_futures;
#ifdef WF_THREADS
static pthread_mutex_t wf__live_lock = PTHREAD_MUTEX_INITIALIZER;
#define WF__LIVE_LOCK() pthread_mutex_lock(&wf__live_lock)
#define WF__LIVE_UNLOCK() pthread_mutex_unlock(&wf__live_lock)
#else
#define WF__LIVE_LOCK() ((void)0)
#define WF__LIVE_UNLOCK() ((void)0)
#endif

bool wf__future_is_live(const void* ptr) {
  WF__LIVE_LOCK();
  bool live = wf__ptrset_has(&wf__live_futures, ptr);
  WF__LIVE_UNLOCK();
  return live;
}

int wf_future_new(wf_loop* loop, wf_future** out) {
  if (out == NULL) return WF_EINVAL;
  if (loop == NULL) loop = wf_loop_default();
  if (loop == NULL) return WF_ENOMEM;
  wf_future* f = calloc(1, sizeof *f);
  if (f == NULL) return WF_ENOMEM;
  WF__LIVE_LOCK();
  int rc = wf__ptrset_add(&wf__live_futures, f);
  WF__LIVE_UNLOCK();
  if (rc != 0) {
    free(f);
    return rc;
  }
  f->refcount = 1;
  f->loop = loop;
  wf__loop_ref(loop);
  *out = f;
  return 0;
}

void wf_future_retain(wf_future* future) {
  if (future == NULL) return;
  assert(future->refcount > 0); /* one at 0 is being freed */
  future->refcount++;
}

static void wf__callback_release(wf__callback* cb) {
  if (cb->release != NULL) cb->release(cb->arg);
  memset(cb, 0, sizeof *cb);
}

static void wf__future_clear_callbacks(wf_future* f) {
  if (f->callback0.cb != NULL) wf__callback_release(&f->callback0);
  wf__callbacks* more = f->more;
  f->more = NULL;
  if (more == NULL) return;
  for (uint32_t i = 0; i < more->count; i++) wf__callback_release(&more->items[i]);
  free(more);
}

/* asyncio's Future.__del__: an exception nobody retrieved is reported once,
 * with the future alive for the handler (which may keep it). */
static bool wf__future_report_unretrieved(wf_future* f) {
  if (!f->log_traceback || f->reporting) return false;
  f->log_traceback = 0;
  f->reporting = 1;
  f->refcount = 1;
  wf_exception_context ctx = {"Future exception was never retrieved", f, &f->value};
  wf_loop_call_exception_handler(f->loop, &ctx);
  f->reporting = 0;
  return --f->refcount > 0;
}

void wf_future_release(wf_future* future) {
  if (future == NULL) return;
  assert(future->refcount > 0);
  if (--future->refcount > 0) return;
  if (wf__future_report_unretrieved(future)) return;
  wf__value_destroy(&future->value);
  wf__future_clear_callbacks(future);
  wf__loop_unref(future->loop);
  WF__LIVE_LOCK();
  wf__ptrset_remove(&wf__live_futures, future);
  WF__LIVE_UNLOCK();
  free(future);
}

uint32_t wf__future_callback_total(const wf_future* f) {
  return (f->callback0.cb != NULL ? 1 : 0) + (f->more != NULL ? f->more->count : 0);
}

/* Moves every callback to the ready queue, in order. Handles were reserved,
 * so this cannot fail halfway. */
static void wf__future_schedule_callbacks(wf_future* f) {
  assert(f->state != WF_FUTURE_PENDING);
  if (f->callback0.cb != NULL) {
    wf__callback cb = f->callback0;
    memset(&f->callback0, 0, sizeof cb);
    wf__loop_schedule_done(f->loop, cb.cb, f, cb.arg, cb.release);
  }
  wf__callbacks* more = f->more;
  f->more = NULL;
  if (more == NULL) return;
  for (uint32_t i = 0; i < more->count; i++) {
    wf__callback cb = more->items[i];
    wf__loop_schedule_done(f->loop, cb.cb, f, cb.arg, cb.release);
  }
  free(more);
}

/* Completes pending `f`: 0, or an error code with nothing changed. With
 * `taken` (else NULL), callbacks that it all accepts are dropped instead of
 * scheduled, and 1 is returned (wf__future_settle_taking_callbacks). */
static int wf__future_complete(wf_future* f, const wf_value* value, bool is_exception,
                               bool take_js, bool (*taken)(const wf__callback* cb)) {
  if (f == NULL || value == NULL) return WF_EINVAL;
  if (f->state != WF_FUTURE_PENDING) return WF_EINVALSTATE;
  /* A pending future holds no value and no exception. */
  assert(f->value.type == WF_VALUE_NONE && !f->has_exception && !f->log_traceback);
  uint32_t total = wf__future_callback_total(f);
  bool drop = taken != NULL && total > 0;
  if (drop) {
    if (f->callback0.cb != NULL && !taken(&f->callback0)) return WF_EINVAL;
    for (uint32_t i = 0; f->more != NULL && i < f->more->count; i++)
      if (!taken(&f->more->items[i])) return WF_EINVAL;
  }
  /* Dropped callbacks get theirs too: the caller may queue them after all. */
  int rc = wf__loop_reserve_handles(f->loop, total);
  if (rc != 0) return rc;
  /* A JS handle taken over, or a value that owns nothing, is stored as it is. */
  if ((take_js && value->type == WF_VALUE_JS) || value->type <= WF_VALUE_DOUBLE) {
    f->value = *value;
  } else {
    rc = wf__value_copy(&f->value, value);
    if (rc != 0) {
      f->value = wf_value_none();
      return rc;
    }
  }
  f->state = WF_FUTURE_FINISHED;
  f->has_exception = is_exception;
  f->log_traceback = is_exception;
  if (!drop) {
    wf__future_schedule_callbacks(f);
    return 0;
  }
  memset(&f->callback0, 0, sizeof f->callback0);
  free(f->more);
  f->more = NULL;
  return 1;
}

int wf_future_set_result(wf_future* future, const wf_value* result) {
  return wf__future_complete(future, result, false, false, NULL);
}

int wf_future_set_exception(wf_future* future, const wf_value* exception) {
  return wf__future_complete(future, exception, true, false, NULL);
}

int wf_future_set_error(wf_future* future, int32_t code, const char* message) {
  wf_value error = wf_value_error(code, message);
  return wf__future_complete(future, &error, true, false, NULL);
}

int wf__future_settle_taking_js(wf_future* future, const wf_value* value, bool is_exception) {
  return wf__future_complete(future, value, is_exception, true, NULL);
}

int wf__future_settle_taking_callbacks(wf_future* future, const wf_value* value, bool is_exception,
                                       bool (*taken)(const wf__callback* cb)) {
  return wf__future_complete(future, value, is_exception, true, taken);
}

int wf_future_cancel(wf_future* future, const char* msg, int* cancelled) {
  if (future == NULL) return WF_EINVAL;
  if (future->state != WF_FUTURE_PENDING) {
    if (cancelled != NULL) *cancelled = 0;
    return 0;
  }
  assert(future->value.type == WF_VALUE_NONE && !future->has_exception);
  int rc = wf__loop_reserve_handles(future->loop, wf__future_callback_total(future));
  if (rc != 0) return rc;
  char* message = NULL;
  size_t size = 0;
  if (msg != NULL) {
    size = strlen(msg);
    message = malloc(size + 1);
    if (message == NULL) return WF_ENOMEM;
    memcpy(message, msg, size + 1);
  }
  /* A pending future holds no value: the message takes its place. */
  future->value = wf_value_none();
  future->value.type = WF_VALUE_ERROR;
  future->value.size = (uint32_t)size;
  future->value.as.error.code = WF_ECANCELLED;
  future->value.as.error.message = message;
  future->state = WF_FUTURE_CANCELLED;
  wf__future_schedule_callbacks(future);
  if (cancelled != NULL) *cancelled = 1;
  return 0;
}

int wf_future_done(const wf_future* future) {
  if (future == NULL) return WF_EINVAL;
  return future->state != WF_FUTURE_PENDING;
}

int wf_future_cancelled(const wf_future* future) {
  if (future == NULL) return WF_EINVAL;
  return future->state == WF_FUTURE_CANCELLED;
}

int wf_future_state_of(const wf_future* future) {
  if (future == NULL) return WF_EINVAL;
  return future->state;
}

int wf_future_result(wf_future* future, const wf_value** out) {
  if (future == NULL || out == NULL) return WF_EINVAL;
  if (future->state == WF_FUTURE_PENDING) return WF_EINVALSTATE;
  if (future->state == WF_FUTURE_CANCELLED) return WF_ECANCELLED;
  future->log_traceback = 0;
  *out = &future->value;
  return future->has_exception ? WF_EEXCEPTION : 0;
}

int wf_future_exception(wf_future* future, const wf_value** out) {
  if (future == NULL || out == NULL) return WF_EINVAL;
  if (future->state == WF_FUTURE_PENDING) return WF_EINVALSTATE;
  if (future->state == WF_FUTURE_CANCELLED) return WF_ECANCELLED;
  future->log_traceback = 0;
  *out = future->has_exception ? &future->value : NULL;
  return 0;
}

int wf_future_cancel_message(const wf_future* future, const char** out) {
  if (future == NULL || out == NULL) return WF_EINVAL;
  if (future->state != WF_FUTURE_CANCELLED) return WF_EINVALSTATE;
  *out = wf__future_cancel_text(future);
  return 0;
}

wf_loop* wf_future_get_loop(const wf_future* future) {
  return future == NULL ? NULL : future->loop;
}

int wf_future_add_done_callback_full(wf_future* future, wf_done_callback cb, void* arg,
                                     void (*release)(void* arg)) {
  if (future == NULL || cb == NULL) return WF_EINVAL;
  if (future->state != WF_FUTURE_PENDING) {
    /* Its callbacks were all scheduled as it became done. */
    assert(future->callback0.cb == NULL && future->more == NULL);
    int rc = wf__loop_reserve_handles(future->loop, 1);
    if (rc != 0) return rc;
    wf__loop_schedule_done(future->loop, cb, future, arg, release);
    return 0;
  }
  wf__callback entry = {cb, arg, release};
  wf__callbacks* more = future->more;
  if (future->callback0.cb == NULL && (more == NULL || more->count == 0)) {
    future->callback0 = entry;
    return 0;
  }
  assert(more == NULL || more->count <= more->capacity);
  if (more == NULL || more->count == more->capacity) {
    uint64_t capacity = more == NULL ? 4 : (uint64_t)more->capacity * 2;
    /* The array's size in bytes must fit a uint32_t, wasm32's size_t. */
    if (capacity > (UINT32_MAX - sizeof *more) / sizeof(wf__callback)) return WF_ENOMEM;
    wf__callbacks* grown = realloc(more, sizeof *more + capacity * sizeof(wf__callback));
    if (grown == NULL) return WF_ENOMEM;
    if (more == NULL) grown->count = 0;
    grown->capacity = (uint32_t)capacity;
    future->more = more = grown;
  }
  more->items[more->count++] = entry;
  return 0;
}

int wf_future_add_done_callback(wf_future* future, wf_done_callback cb, void* arg) {
  return wf_future_add_done_callback_full(future, cb, arg, NULL);
}

int wf__future_remove_matching(wf_future* future, wf__callback_match match, void* ctx,
                               size_t* removed) {
  if (future == NULL) return WF_EINVAL;
  size_t count = 0;
  if (future->callback0.cb != NULL && match(&future->callback0, ctx)) {
    wf__callback_release(&future->callback0);
    count++;
  }
  wf__callbacks* more = future->more;
  uint32_t kept = 0;
  for (uint32_t i = 0; more != NULL && i < more->count; i++) {
    if (match(&more->items[i], ctx)) {
      wf__callback_release(&more->items[i]);
      count++;
    } else {
      more->items[kept++] = more->items[i];
    }
  }
  if (more != NULL) more->count = kept;
  if (removed != NULL) *removed = count;
  return 0;
}

void wf__future_each_callback(wf_future* future, void (*fn)(wf__callback* cb, void* ctx), void* ctx) {
  if (future->callback0.cb != NULL) fn(&future->callback0, ctx);
  wf__callbacks* more = future->more;
  for (uint32_t i = 0; more != NULL && i < more->count; i++) fn(&more->items[i], ctx);
}

static bool wf__callback_equal(const wf__callback* cb, void* ctx) {
  const wf__callback* target = ctx;
  return cb->cb == target->cb && cb->arg == target->arg;
}

int wf_future_remove_done_callback(wf_future* future, wf_done_callback cb, void* arg,
                                   size_t* removed) {
  if (cb == NULL) return WF_EINVAL;
  wf__callback target = {cb, arg, NULL};
  return wf__future_remove_matching(future, wf__callback_equal, &target, removed);
}

void wf__future_mark_retrieved(wf_future* f) { f->log_traceback = 0; }

void wf__future_retrieve(wf_future* future, void* arg) { wf__future_mark_retrieved(future); }

void wf__future_replace_callbacks(wf_future* future, wf_done_callback cb, void* arg,
                                  wf_done_callback by) {
  void (*release)(void*) = NULL;
  size_t replaced = 0;
  uint32_t more = future->more != NULL ? future->more->count : 0;
  for (uint32_t i = 0; i <= more; i++) {
    wf__callback* entry = i == 0 ? &future->callback0 : &future->more->items[i - 1];
    if (entry->cb != cb || entry->arg != arg) continue;
    release = entry->release;
    *entry = (wf__callback){by, NULL, NULL};
    replaced++;
  }
  /* Only now: a release may free the future. */
  while (release != NULL && replaced-- > 0) release(arg);
}

wf_value wf__future_cancelled_error(const wf_future* f) {
  return wf_value_error(WF_ECANCELLED, wf__future_cancel_text(f));
}

int wf__future_copy_outcome(wf_future* dst, wf_future* src) {
  assert(dst->state == WF_FUTURE_PENDING && src->state != WF_FUTURE_PENDING);
  if (src->state == WF_FUTURE_CANCELLED)
    return wf_future_cancel(dst, wf__future_cancel_text(src), NULL);
  src->log_traceback = 0;
  return src->has_exception ? wf_future_set_exception(dst, &src->value)
                            : wf_future_set_result(dst, &src->value);
}

int wf__future_each_distinct(wf_future* const* futures, size_t n, wf__distinct_fn fn, void* ctx,
                             size_t* distinct) {
  size_t count = 0;
  int rc = 0;
  size_t i;
#ifndef NDEBUG
  /* Scans never nest over the same futures: a mark left by another would
   * read as a repeat. */
  for (i = 0; i < n; i++) assert(!futures[i]->scan_mark);
#endif
  for (i = 0; i < n && rc == 0; i++) {
    if (futures[i]->scan_mark) continue;
    futures[i]->scan_mark = 1;
    count++;
    rc = fn(futures[i], ctx);
  }
  for (size_t j = 0; j < i; j++) futures[j]->scan_mark = 0;
  if (distinct != NULL) *distinct = count;
  return rc;
}

int wf__link_watch(wf_future* future, wf_done_callback cb, wf__link* link) {
  int rc = wf_future_add_done_callback_full(future, cb, link, wf__link_unref);
  if (rc == 0) wf__link_ref(link);
  return rc;
}

int wf__link_watch_weak(wf_future* future, wf_done_callback cb, wf__link* link,
                        void (*dropped)(void* link)) {
  int rc = wf_future_add_done_callback_full(future, cb, link, dropped);
  if (rc == 0) wf__link_ref(link);
  return rc;
}

int wf__link_call_later(wf_loop* loop, double delay, wf_callback fn, wf__link* link,
                        wf_handle** timer) {
  double when = wf_loop_time(loop) + delay;
  if (when == INFINITY) {
    *timer = NULL;
    return 0;
  }
  int rc = wf_loop_call_at(loop, when, fn, link, timer);
  if (rc != 0) return rc;
  wf__link_ref(link);
  wf__handle_set_release(*timer, wf__link_unref);
  return 0;
}
