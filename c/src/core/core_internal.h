/* The core's internal interface: the layouts of wf_loop, wf_handle and
 * wf_future, and what the core's files share with each other and with the
 * layers built on it (combinators/, concurrent/, platform/, binding/), which
 * the public headers do not show. The layers depend downward only: core/
 * includes nothing of theirs, and reaches the platform only through the
 * wf__platform_* declarations at the end of this file. */
#ifndef WF_CORE_INTERNAL_H
#define WF_CORE_INTERNAL_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/queue.h"
#include "wf/wf.h"

#ifdef WF_THREADS
#include <pthread.h>
#endif

/* A queued callback or a timer (asyncio's Handle and TimerHandle). The loop
 * holds one reference while the handle is queued or in the timer heap; the
 * caller of call_soon/call_later holds one if it asked for the handle. */
struct wf_handle {
  wf__queue node; /* in the ready queue or a drain's batch */
  wf_loop* loop;
  uint32_t refcount;
  uint8_t cancelled;
  uint8_t queued; /* in the ready queue or a batch */
  uint8_t is_timer;
  /* a plain callback: fn(arg); a done-callback: done(future, arg) */
  wf_callback fn;
  wf_done_callback done;
  wf_future* future; /* a reference, for done-callbacks */
  void* arg;
  void (*release)(void* arg);
  /* timers */
  double when;
  uint64_t seq;
  uint32_t heap_index; /* UINT32_MAX when not in the heap */
};

struct wf_loop {
  wf__queue ready;
  size_t ready_count;
  wf_loop_hooks hooks;
  bool default_hooks;
  wf_run_kind scheduled; /* what the host was asked to run; one per batch */
  bool running;
  uint64_t drains; /* drains run so far, for hosts that show them */
  /* anti-starvation budget over consecutive microtask drains */
  uint32_t budget_count;
  double budget_ms;
  bool in_burst;
  uint32_t burst_count;
  double burst_start;
  /* timers: a binary min-heap on (when, seq) */
  wf_handle** timers;
  uint32_t timer_count;
  uint32_t timer_capacity;
  uint64_t timer_seq;
  double armed_due; /* -1 when the host timer is disarmed */
  double manual_now;
  /* pooled handles, so a done-callback costs no malloc in the steady state */
  wf_handle* free_handles;
  size_t free_handle_count;
  size_t live_objects; /* futures and handles that point at this loop */
  wf_exception_handler exception_handler;
  void* exception_handler_arg;
#ifdef WF_THREADS
  /* handles posted from other threads, taken in by the loop's thread */
  pthread_mutex_t inbox_lock;
  wf__queue inbox;
  int inbox_signalled;
#endif
};

/* One done-callback. */
typedef struct wf__callback {
  wf_done_callback cb;
  void* arg;
  void (*release)(void* arg);
} wf__callback;

/* A future's callbacks after its first, allocated with room for `capacity`. */
typedef struct wf__callbacks {
  uint32_t count;
  uint32_t capacity;
  wf__callback items[];
} wf__callbacks;

/* Kept small: a program may hold a million pending futures, and each costs
 * this much of the wasm heap (56 bytes in wasm32, 64 with malloc's header). */
struct wf_future {
  uint32_t refcount;
  /* The JS wrapper reads state, has_exception and value (and reads and
   * writes binding) straight from wasm memory, at offsets the binding's
   * table publishes (binding/js-table.def), so reads cost no call. */
  uint8_t state;
  uint8_t has_exception;
  uint8_t log_traceback : 1; /* an exception not yet retrieved */
  uint8_t reporting : 1;     /* inside the never-retrieved report */
  uint8_t scan_mark : 1;     /* set while a combinator scans its inputs for repeats */
  uint8_t binding;           /* the JS binding's own bits; C only zeroes it */
  /* The result or the exception; a cancelled future's cancel message, as
   * {WF_VALUE_ERROR, WF_ECANCELLED, message or NULL}. */
  wf_value value;
  wf_loop* loop;
  /* CPython's _asynciomodule.c layout: the first callback is stored inline in
   * callback0 and the array is allocated only for a second one. Invariants:
   * the callbacks run in the order callback0 (if set), then more->items;
   * a new callback goes to callback0 only when both are empty; removal may
   * empty callback0 while the array still holds callbacks. */
  wf__callback callback0;
  wf__callbacks* more; /* NULL until a second callback */
};

/* The callbacks a pending future holds. */
uint32_t wf__future_callback_total(const wf_future* f);

/* The cancel message of a cancelled future; NULL if it has none. */
static inline const char* wf__future_cancel_text(const wf_future* f) {
  assert(f->state == WF_FUTURE_CANCELLED); /* else `value` is a result or an exception */
  return f->value.as.error.message;
}

/* values */
int wf__value_check(const wf_value* v);
int wf__value_copy(wf_value* dst, const wf_value* src);
void wf__value_destroy(wf_value* v);

/* loop internals used by future.c */
void wf__loop_enqueue(wf_loop* loop, wf_handle* h);
int wf__loop_reserve_handles(wf_loop* loop, size_t n);
void wf__loop_schedule_done(wf_loop* loop, wf_done_callback cb, wf_future* future, void* arg,
                            void (*release)(void*));
/* Nothing runs and nothing waits to run: a callback queued now would run
 * first, in the drain that queueing it asks for. (Not running, nothing asked
 * of the host: so the ready queue is empty.) */
static inline bool wf__loop_idle(const wf_loop* loop) {
  return !loop->running && loop->scheduled == WF_RUN_NONE;
}
void wf__loop_ref(wf_loop* loop);
void wf__loop_unref(wf_loop* loop);

/* timers.c */
int wf__timers_push(wf_loop* loop, wf_handle* timer);
void wf__timers_remove(wf_loop* loop, wf_handle* timer);
wf_handle* wf__timers_top(const wf_loop* loop);

/* A predicate over a callback, for removals that C cannot compare alone. */
typedef bool (*wf__callback_match)(const wf__callback* cb, void* ctx);
int wf__future_remove_matching(wf_future* future, wf__callback_match match, void* ctx,
                               size_t* removed);
/* fn(callback, ctx) for each pending callback, in the order they run; fn may
 * change the callback's arg, nothing else of the future. */
void wf__future_each_callback(wf_future* future, void (*fn)(wf__callback* cb, void* ctx), void* ctx);

static inline bool wf__return_when_valid(int return_when) {
  return return_when == WF_FIRST_COMPLETED || return_when == WF_FIRST_EXCEPTION ||
         return_when == WF_ALL_COMPLETED;
}

/* future.c: true if `ptr` is a future of this library that is not freed
 * (not one inside or near it), from any thread. For pointers that come from
 * outside C. */
bool wf__future_is_live(const void* ptr);

/* future.c: for the JS wrapper. Like set_result/set_exception, but a JS
 * handle is taken over instead of duplicated. */
int wf__future_settle_taking_js(wf_future* future, const wf_value* value, bool is_exception);
/* The same, for a pending future whose callbacks `taken` all accepts: they
 * are dropped instead of scheduled (nothing is released: the caller runs
 * what they stood for), and 1 is returned; the loop has handles reserved for
 * as many, so the caller may queue them on the done future without failing.
 * 0: completed, its callbacks (if any) scheduled; WF_EINVAL, with nothing
 * changed, if `taken` refused one. */
int wf__future_settle_taking_callbacks(wf_future* future, const wf_value* value, bool is_exception,
                                       bool (*taken)(const wf__callback* cb));

/* future.c: for combinators */
/* Completes pending `dst` as `src` (done) ended: the result or exception
 * shared, or a cancellation with its message. Marks src's exception
 * retrieved. */
int wf__future_copy_outcome(wf_future* dst, wf_future* src);
/* The WF_VALUE_ERROR view (WF_ECANCELLED, message) of a cancelled future. */
wf_value wf__future_cancelled_error(const wf_future* f);
void wf__future_mark_retrieved(wf_future* f);
/* Replaces, in place, every pending callback (cb, arg) of `future` by (by,
 * NULL) with no release, then runs the release of each replaced one. It
 * allocates nothing, so it cannot fail, and the order of callbacks stays. */
void wf__future_replace_callbacks(wf_future* future, wf_done_callback cb, void* arg,
                                  wf_done_callback by);
/* A done-callback that only marks the exception retrieved (`by` above). */
void wf__future_retrieve(wf_future* future, void* arg);
/* Marks each future once, calling fn(future, ctx) for the first sighting;
 * returns how many were distinct, or a code fn returned. Marks are cleared. */
typedef int (*wf__distinct_fn)(wf_future* future, void* ctx);
int wf__future_each_distinct(wf_future* const* futures, size_t n, wf__distinct_fn fn, void* ctx,
                             size_t* distinct);

/* loop.c: the `release` of a handle's arg, called if it never runs. */
void wf__handle_set_release(wf_handle* handle, void (*release)(void* arg));

/* A combinator's state: reference counted by each callback and timer that
 * points at it (their `release`, or the callback itself once it ran). */
typedef struct wf__link {
  uint32_t refs;
  void (*destroy)(struct wf__link* link);
} wf__link;

static inline void* wf__link_ref(wf__link* link) {
  assert(link->refs > 0); /* a link at 0 is destroyed */
  link->refs++;
  return link;
}

static inline void wf__link_unref(void* arg) {
  wf__link* link = arg;
  assert(link->refs > 0);
  if (--link->refs == 0) link->destroy(link);
}

/* cb(future, link) once `future` is done, holding a reference to the link.
 * The caller holds one too, so a failure never destroys the link. */
int wf__link_watch(wf_future* future, wf_done_callback cb, wf__link* link);
/* The same for a future the link holds no reference to (a combinator's
 * output): if nobody holds it any more and it is freed while pending,
 * dropped(link) runs instead of cb, and must let go of that reference. A link
 * that held its output would keep it, and the inputs, alive in a cycle with
 * the inputs' callbacks for as long as an input stays pending. */
int wf__link_watch_weak(wf_future* future, wf_done_callback cb, wf__link* link,
                        void (*dropped)(void* link));
/* fn(link) after `delay` ms, holding a reference; *timer is the caller's. A
 * delay that lands at INFINITY (never) arms nothing: *timer is NULL. */
int wf__link_call_later(wf_loop* loop, double delay, wf_callback fn, wf__link* link,
                        wf_handle** timer);

#ifdef WF_THREADS
/* inbox.c: on the loop's thread, moves what other threads posted (core/inbox.h)
 * to the ready queue. */
void wf__loop_take_inbox(wf_loop* loop);
/* platform: asks the loop's thread to call wf__loop_take_inbox soon. */
void wf__platform_wake_threadsafe(wf_loop* loop);
/* platform: work that some thread will finish and the program waits for
 * begins or ends (an executor's task from submit to its end, a request of
 * wf_loop_run_threadsafe until the loop took it, a thread that runs and is
 * not an idle executor worker). While any is pending, the host must not exit
 * (Node: a ref'd handle on the main thread); idle threads never keep it. The
 * invariant that makes this safe without a lock: work begins only on the main
 * thread or on a thread whose own work is counted, so the count never rises
 * from 0 where the main thread cannot see it. */
void wf__platform_work_begin(void);
void wf__platform_work_end(void);
/* platform: called by an executor's worker as it starts (true) and just
 * before it returns (false): where the host counts every running thread as
 * pending work, a worker takes itself out of the count while it lives. */
void wf__platform_daemon_thread(bool starting);
#endif

/* platform/native.c or platform/wasm.c, whichever the build links (c/sources.txt) */
/* Reports a failure nobody can be told of otherwise (stderr, console.error). */
void wf__platform_report(const char* what, int code);
extern const wf_loop_hooks wf__platform_hooks;
/* true natively: the default clock is loop->manual_now */
extern const bool wf__platform_manual_clock;
void wf__platform_release_js(uint32_t handle);
/* A second handle for the same JS value (natively: the same number). */
uint32_t wf__platform_dup_js(uint32_t handle);
void wf__platform_default_exception_handler(wf_loop* loop, const wf_exception_context* ctx);

#endif
