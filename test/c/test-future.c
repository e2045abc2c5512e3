#include <pthread.h>

#include "core/core_internal.h"
#include "task.h"
#include "wf/wf.h"

static wf_loop* loop;
static int calls[64];
static int ncalls;

static void setup(void) {
  ASSERT_OK(wf_loop_new(&loop, NULL));
  ncalls = 0;
}

static void teardown(void) { ASSERT_OK(wf_loop_close(loop)); }

static void drain(void) {
  while (wf_loop_ready_count(loop) > 0) ASSERT_OK(wf_loop_run_once(loop, NULL));
}

static wf_future* pending(void) {
  wf_future* f = NULL;
  ASSERT_OK(wf_future_new(loop, &f));
  return f;
}

static void record(wf_future* f, void* arg) { calls[ncalls++] = (int)(intptr_t)arg; }

TEST(a_new_future_is_pending_and_has_no_result) {
  setup();
  wf_future* f = pending();
  const wf_value* v;
  ASSERT_EQ(wf_future_state_of(f), WF_FUTURE_PENDING);
  ASSERT_EQ(wf_future_done(f), 0);
  ASSERT_EQ(wf_future_cancelled(f), 0);
  ASSERT_EQ(wf_future_result(f, &v), WF_EINVALSTATE);
  ASSERT_EQ(wf_future_exception(f, &v), WF_EINVALSTATE);
  const char* msg;
  ASSERT_EQ(wf_future_cancel_message(f, &msg), WF_EINVALSTATE);
  ASSERT(wf_future_get_loop(f) == loop);
  wf_future_release(f);
  teardown();
}

TEST(set_result_finishes_once_and_copies_the_value) {
  setup();
  wf_future* f = pending();
  char text[] = "forty-two";
  wf_value v = wf_value_string(text);
  ASSERT_OK(wf_future_set_result(f, &v));
  text[0] = 'F';
  ASSERT_EQ(wf_future_state_of(f), WF_FUTURE_FINISHED);
  const wf_value* out;
  ASSERT_OK(wf_future_result(f, &out));
  ASSERT_STR_EQ(out->as.string, "forty-two");
  ASSERT_OK(wf_future_exception(f, &out));
  ASSERT_NULL(out);
  wf_value other = wf_value_int(1);
  ASSERT_EQ(wf_future_set_result(f, &other), WF_EINVALSTATE);
  ASSERT_EQ(wf_future_set_exception(f, &other), WF_EINVALSTATE);
  ASSERT_EQ(wf_future_set_error(f, 1, "x"), WF_EINVALSTATE);
  int cancelled = -1;
  ASSERT_OK(wf_future_cancel(f, "late", &cancelled));
  ASSERT_EQ(cancelled, 0);
  ASSERT_OK(wf_future_result(f, &out));
  ASSERT_STR_EQ(out->as.string, "forty-two");
  wf_future_release(f);
  teardown();
}

TEST(set_exception_makes_result_report_it) {
  setup();
  wf_future* f = pending();
  wf_value e = wf_value_int(7);
  ASSERT_OK(wf_future_set_exception(f, &e));
  const wf_value* out = NULL;
  ASSERT_EQ(wf_future_result(f, &out), WF_EEXCEPTION);
  ASSERT_EQ(out->as.integer, 7);
  ASSERT_OK(wf_future_exception(f, &out));
  ASSERT_EQ(out->as.integer, 7);
  wf_future_release(f);
  teardown();
}

TEST(set_error_stores_a_code_and_a_copied_message) {
  setup();
  wf_future* f = pending();
  ASSERT_OK(wf_future_set_error(f, -42, "disk on fire"));
  const wf_value* out;
  ASSERT_OK(wf_future_exception(f, &out));
  ASSERT_EQ(out->type, WF_VALUE_ERROR);
  ASSERT_EQ(out->as.error.code, -42);
  ASSERT_STR_EQ(out->as.error.message, "disk on fire");
  wf_future_release(f);
  teardown();
}

TEST(cancel_keeps_its_message_and_happens_once) {
  setup();
  wf_future* f = pending();
  int cancelled = 0;
  ASSERT_OK(wf_future_cancel(f, "stop now", &cancelled));
  ASSERT_EQ(cancelled, 1);
  ASSERT_EQ(wf_future_cancelled(f), 1);
  ASSERT_EQ(wf_future_done(f), 1);
  const char* msg;
  ASSERT_OK(wf_future_cancel_message(f, &msg));
  ASSERT_STR_EQ(msg, "stop now");
  const wf_value* out;
  ASSERT_EQ(wf_future_result(f, &out), WF_ECANCELLED);
  ASSERT_EQ(wf_future_exception(f, &out), WF_ECANCELLED);
  ASSERT_OK(wf_future_cancel(f, "again", &cancelled));
  ASSERT_EQ(cancelled, 0);
  ASSERT_OK(wf_future_cancel_message(f, &msg));
  ASSERT_STR_EQ(msg, "stop now");
  wf_value v = wf_value_none();
  ASSERT_EQ(wf_future_set_result(f, &v), WF_EINVALSTATE);
  wf_future_release(f);
  teardown();
}

TEST(cancel_without_a_message_has_none) {
  setup();
  wf_future* f = pending();
  ASSERT_OK(wf_future_cancel(f, NULL, NULL));
  const char* msg = "unset";
  ASSERT_OK(wf_future_cancel_message(f, &msg));
  ASSERT_NULL(msg);
  wf_future_release(f);
  teardown();
}

TEST(callbacks_never_run_synchronously) {
  setup();
  wf_future* f = pending();
  ASSERT_OK(wf_future_add_done_callback(f, record, (void*)1));
  wf_value v = wf_value_none();
  ASSERT_OK(wf_future_set_result(f, &v));
  ASSERT_EQ(ncalls, 0);
  ASSERT_OK(wf_future_add_done_callback(f, record, (void*)2));
  ASSERT_EQ(ncalls, 0);
  drain();
  ASSERT_EQ(ncalls, 2);
  ASSERT_EQ(calls[0], 1);
  ASSERT_EQ(calls[1], 2);
  wf_future_release(f);
  teardown();
}

TEST(callbacks_run_in_the_order_added) {
  setup();
  wf_future* f = pending();
  for (intptr_t i = 0; i < 20; i++) ASSERT_OK(wf_future_add_done_callback(f, record, (void*)i));
  ASSERT_OK(wf_future_cancel(f, NULL, NULL));
  drain();
  ASSERT_EQ(ncalls, 20);
  for (int i = 0; i < 20; i++) ASSERT_EQ(calls[i], i);
  wf_future_release(f);
  teardown();
}

static int released;
static void count_release(void* arg) { released++; }

TEST(remove_counts_every_match_and_releases_it) {
  setup();
  released = 0;
  wf_future* f = pending();
  ASSERT_OK(wf_future_add_done_callback_full(f, record, (void*)1, count_release));
  ASSERT_OK(wf_future_add_done_callback(f, record, (void*)2));
  ASSERT_OK(wf_future_add_done_callback_full(f, record, (void*)1, count_release));
  ASSERT_OK(wf_future_add_done_callback(f, record, (void*)3));
  size_t removed = 0;
  ASSERT_OK(wf_future_remove_done_callback(f, record, (void*)1, &removed));
  ASSERT_EQ(removed, 2);
  ASSERT_EQ(released, 2);
  ASSERT_OK(wf_future_remove_done_callback(f, record, (void*)9, &removed));
  ASSERT_EQ(removed, 0);
  /* callback0 is empty now, the array is not: a new one goes last */
  ASSERT_OK(wf_future_add_done_callback(f, record, (void*)4));
  wf_value v = wf_value_none();
  ASSERT_OK(wf_future_set_result(f, &v));
  drain();
  ASSERT_EQ(ncalls, 3);
  ASSERT_EQ(calls[0], 2);
  ASSERT_EQ(calls[1], 3);
  ASSERT_EQ(calls[2], 4);
  ASSERT_EQ(released, 2);
  ASSERT_OK(wf_future_remove_done_callback(f, record, (void*)2, &removed));
  ASSERT_EQ(removed, 0);
  wf_future_release(f);
  teardown();
}

TEST(a_dropped_pending_future_releases_its_callbacks) {
  setup();
  released = 0;
  wf_future* f = pending();
  ASSERT_OK(wf_future_add_done_callback_full(f, record, NULL, count_release));
  ASSERT_OK(wf_future_add_done_callback_full(f, record, NULL, count_release));
  wf_future_release(f);
  ASSERT_EQ(released, 2);
  ASSERT_EQ(ncalls, 0);
  teardown();
}

static bool taken_if_arg_1(const wf__callback* cb) { return cb->arg == (void*)1; }

TEST(settling_taking_callbacks_drops_them_or_changes_nothing) {
  setup();
  released = 0;
  wf_value v = wf_value_int(7);
  /* Every callback taken: dropped unrun and unreleased, handles reserved. */
  wf_future* f = pending();
  ASSERT_OK(wf_future_add_done_callback_full(f, record, (void*)1, count_release));
  ASSERT_OK(wf_future_add_done_callback_full(f, record, (void*)1, count_release));
  ASSERT(wf__loop_idle(loop));
  ASSERT_EQ(wf__future_settle_taking_callbacks(f, &v, false, taken_if_arg_1), 1);
  ASSERT_EQ(wf_future_state_of(f), WF_FUTURE_FINISHED);
  ASSERT_EQ(wf_loop_ready_count(loop), 0);
  ASSERT(wf__loop_idle(loop));
  ASSERT(loop->free_handle_count >= 2);
  ASSERT_EQ(released, 0);
  /* One refused: nothing changes. */
  wf_future* g = pending();
  ASSERT_OK(wf_future_add_done_callback_full(g, record, (void*)1, count_release));
  ASSERT_OK(wf_future_add_done_callback_full(g, record, (void*)2, count_release));
  ASSERT_EQ(wf__future_settle_taking_callbacks(g, &v, false, taken_if_arg_1), WF_EINVAL);
  ASSERT_EQ(wf_future_state_of(g), WF_FUTURE_PENDING);
  ASSERT_EQ(wf__future_callback_total(g), 2);
  /* No callbacks, or done: as wf__future_settle_taking_js. */
  wf_future* h = pending();
  ASSERT_OK(wf__future_settle_taking_callbacks(h, &v, true, taken_if_arg_1));
  ASSERT_EQ(wf__future_settle_taking_callbacks(h, &v, true, taken_if_arg_1), WF_EINVALSTATE);
  const wf_value* out;
  ASSERT_EQ(wf_future_result(h, &out), WF_EEXCEPTION);
  ASSERT_OK(wf_future_set_result(g, &v));
  ASSERT(!wf__loop_idle(loop));
  drain();
  ASSERT_EQ(ncalls, 2);
  ASSERT(wf__loop_idle(loop));
  wf_future_release(f);
  wf_future_release(g);
  wf_future_release(h);
  /* Taken ones were the caller's; run ones owned their arg. */
  ASSERT_EQ(released, 0);
  teardown();
}

static void release_future(wf_future* f, void* arg) {
  record(f, arg);
  wf_future_release(f);
}

TEST(a_callback_may_release_the_last_reference) {
  setup();
  wf_future* f = pending();
  ASSERT_OK(wf_future_add_done_callback(f, release_future, (void*)1));
  ASSERT_OK(wf_future_add_done_callback(f, record, (void*)2));
  wf_value v = wf_value_string("kept alive by the queue");
  ASSERT_OK(wf_future_set_result(f, &v));
  drain();
  ASSERT_EQ(ncalls, 2);
  teardown();
}

static void cancel_it(wf_future* f, void* arg) {
  int cancelled = -1;
  ASSERT_OK(wf_future_cancel(f, "too late", &cancelled));
  calls[ncalls++] = cancelled;
}

static void remove_record(wf_future* f, void* arg) {
  size_t removed = 99;
  ASSERT_OK(wf_future_remove_done_callback(f, record, (void*)2, &removed));
  calls[ncalls++] = (int)removed;
}

static void add_record(wf_future* f, void* arg) {
  ASSERT_OK(wf_future_add_done_callback(f, record, (void*)7));
  calls[ncalls++] = 5;
}

TEST(callbacks_may_cancel_remove_and_add_on_the_future_being_completed) {
  setup();
  wf_future* f = pending();
  ASSERT_OK(wf_future_add_done_callback(f, cancel_it, NULL));
  ASSERT_OK(wf_future_add_done_callback(f, remove_record, NULL));
  ASSERT_OK(wf_future_add_done_callback(f, add_record, NULL));
  ASSERT_OK(wf_future_add_done_callback(f, record, (void*)2));
  wf_value v = wf_value_int(1);
  ASSERT_OK(wf_future_set_result(f, &v));
  size_t ran;
  ASSERT_OK(wf_loop_run_once(loop, &ran));
  ASSERT_EQ(ran, 4);
  /* cancel on a done future: false; removal finds nothing (all scheduled) */
  int expected[] = {0, 0, 5, 2};
  for (int i = 0; i < 4; i++) ASSERT_EQ(calls[i], expected[i]);
  ASSERT_OK(wf_loop_run_once(loop, &ran));
  ASSERT_EQ(ran, 1);
  ASSERT_EQ(calls[4], 7);
  ASSERT_EQ(wf_future_state_of(f), WF_FUTURE_FINISHED);
  wf_future_release(f);
  teardown();
}

static int reports;
static wf_future* reported;
static int keep_reported;
static void on_report(wf_loop* l, const wf_exception_context* ctx, void* arg) {
  reports++;
  ASSERT_STR_EQ(ctx->message, "Future exception was never retrieved");
  ASSERT_NOT_NULL(ctx->exception);
  ASSERT_EQ(ctx->exception->as.error.code, 5);
  reported = ctx->future;
  if (keep_reported) wf_future_retain(ctx->future);
}

TEST(an_exception_never_retrieved_is_reported_when_the_future_dies) {
  setup();
  reports = 0;
  keep_reported = 0;
  ASSERT_OK(wf_loop_set_exception_handler(loop, on_report, NULL));
  wf_future* f = pending();
  ASSERT_OK(wf_future_set_error(f, 5, "lost"));
  wf_future_release(f);
  ASSERT_EQ(reports, 1);

  wf_future* g = pending();
  ASSERT_OK(wf_future_set_error(g, 5, "seen"));
  const wf_value* out;
  ASSERT_OK(wf_future_exception(g, &out));
  wf_future_release(g);
  ASSERT_EQ(reports, 1);

  wf_future* h = pending();
  ASSERT_OK(wf_future_set_error(h, 5, "seen through result"));
  ASSERT_EQ(wf_future_result(h, &out), WF_EEXCEPTION);
  wf_future_release(h);
  ASSERT_EQ(reports, 1);
  teardown();
}

TEST(a_report_handler_may_keep_the_future_and_it_is_reported_once) {
  setup();
  reports = 0;
  keep_reported = 1;
  ASSERT_OK(wf_loop_set_exception_handler(loop, on_report, NULL));
  wf_future* f = pending();
  ASSERT_OK(wf_future_set_error(f, 5, "kept"));
  wf_future_release(f);
  ASSERT_EQ(reports, 1);
  ASSERT(reported == f);
  ASSERT_EQ(wf_future_state_of(f), WF_FUTURE_FINISHED);
  wf_future_release(f);
  ASSERT_EQ(reports, 1);
  teardown();
}

static int destroyed;
static void destroy_thing(void* p) { destroyed++; }

TEST(a_pointer_result_is_destroyed_with_the_future_and_only_when_taken) {
  setup();
  destroyed = 0;
  int thing;
  wf_value v = wf_value_pointer(&thing, destroy_thing);
  wf_future* f = pending();
  ASSERT_OK(wf_future_set_result(f, &v));
  ASSERT_EQ(wf_future_set_result(f, &v), WF_EINVALSTATE);
  wf_future_release(f);
  ASSERT_EQ(destroyed, 1);
  teardown();
}

TEST(every_entry_point_rejects_null) {
  setup();
  wf_future* f = pending();
  const wf_value* out;
  wf_value v = wf_value_none();
  ASSERT_EQ(wf_future_new(loop, NULL), WF_EINVAL);
  ASSERT_EQ(wf_future_set_result(NULL, &v), WF_EINVAL);
  ASSERT_EQ(wf_future_set_result(f, NULL), WF_EINVAL);
  ASSERT_EQ(wf_future_set_exception(NULL, &v), WF_EINVAL);
  ASSERT_EQ(wf_future_set_error(NULL, 1, "x"), WF_EINVAL);
  ASSERT_EQ(wf_future_cancel(NULL, NULL, NULL), WF_EINVAL);
  ASSERT_EQ(wf_future_done(NULL), WF_EINVAL);
  ASSERT_EQ(wf_future_cancelled(NULL), WF_EINVAL);
  ASSERT_EQ(wf_future_state_of(NULL), WF_EINVAL);
  ASSERT_EQ(wf_future_result(NULL, &out), WF_EINVAL);
  ASSERT_EQ(wf_future_result(f, NULL), WF_EINVAL);
  ASSERT_EQ(wf_future_exception(NULL, &out), WF_EINVAL);
  ASSERT_EQ(wf_future_cancel_message(NULL, NULL), WF_EINVAL);
  ASSERT_NULL(wf_future_get_loop(NULL));
  ASSERT_EQ(wf_future_add_done_callback(NULL, record, NULL), WF_EINVAL);
  ASSERT_EQ(wf_future_add_done_callback(f, NULL, NULL), WF_EINVAL);
  ASSERT_EQ(wf_future_remove_done_callback(NULL, record, NULL, NULL), WF_EINVAL);
  ASSERT_EQ(wf_future_remove_done_callback(f, NULL, NULL, NULL), WF_EINVAL);
  wf_value bad = wf_value_none();
  bad.type = 1234;
  ASSERT_EQ(wf_future_set_result(f, &bad), WF_EINVAL);
  ASSERT_EQ(wf_future_state_of(f), WF_FUTURE_PENDING);
  wf_future_retain(NULL);
  wf_future_release(NULL);
  wf_future_release(f);
  teardown();
}

TEST(the_loop_cannot_close_while_a_future_lives) {
  setup();
  wf_future* f = pending();
  ASSERT_EQ(wf_loop_close(loop), WF_EBUSY);
  wf_future_retain(f);
  wf_future_release(f);
  ASSERT_EQ(wf_loop_close(loop), WF_EBUSY);
  wf_future_release(f);
  teardown();
}

TEST(a_future_without_a_loop_uses_the_default_loop) {
  wf_future* f;
  ASSERT_OK(wf_future_new(NULL, &f));
  ASSERT(wf_future_get_loop(f) == wf_loop_default());
  wf_future_release(f);
  ASSERT_OK(wf_loop_close(wf_loop_default()));
}

TEST(only_a_future_not_yet_freed_is_live) {
  setup();
  wf_future* f = pending();
  ASSERT(wf__future_is_live(f));
  ASSERT(!wf__future_is_live((char*)f + 4));
  ASSERT(!wf__future_is_live(&ncalls));
  ASSERT(!wf__future_is_live(NULL));
  wf_future_retain(f);
  wf_future_release(f);
  ASSERT(wf__future_is_live(f));
  wf_future_release(f);
  ASSERT(!wf__future_is_live(f));
  teardown();
}

TEST(liveness_holds_for_thousands_of_futures_freed_in_any_order) {
  setup();
  enum { N = 5000 };
  static wf_future* fs[N];
  for (int i = 0; i < N; i++) fs[i] = pending();
  /* A full-period walk over 0..N-1 (7919 is prime to 5000): an order that
   * is neither creation order nor its reverse. */
  for (int k = 0, i = 0; k < N; k++, i = (i + 7919) % N) {
    wf_future_release(fs[i]);
    fs[i] = NULL;
    for (int j = 0; j < N; j += 97) ASSERT_EQ(wf__future_is_live(fs[j]), fs[j] != NULL);
  }
  teardown();
}

/* Futures made and freed on a loop of its own, on another thread. */
static void* churn(void* arg) {
  wf_loop* own;
  ASSERT_OK(wf_loop_new(&own, NULL));
  wf_future* fs[100];
  for (int round = 0; round < 200; round++) {
    for (int i = 0; i < 100; i++) ASSERT_OK(wf_future_new(own, &fs[i]));
    for (int i = 0; i < 100; i++) ASSERT(wf__future_is_live(fs[i]));
    for (int i = 0; i < 100; i++) wf_future_release(fs[i]);
  }
  ASSERT_OK(wf_loop_close(own));
  return NULL;
}

TEST(loops_on_two_threads_make_and_free_futures_at_once) {
  pthread_t a, b;
  ASSERT_OK(pthread_create(&a, NULL, churn, NULL));
  ASSERT_OK(pthread_create(&b, NULL, churn, NULL));
  ASSERT_OK(pthread_join(a, NULL));
  ASSERT_OK(pthread_join(b, NULL));
}

RUN_TESTS(TEST_ENTRY(a_new_future_is_pending_and_has_no_result),
          TEST_ENTRY(set_result_finishes_once_and_copies_the_value),
          TEST_ENTRY(set_exception_makes_result_report_it),
          TEST_ENTRY(set_error_stores_a_code_and_a_copied_message),
          TEST_ENTRY(cancel_keeps_its_message_and_happens_once),
          TEST_ENTRY(cancel_without_a_message_has_none),
          TEST_ENTRY(callbacks_never_run_synchronously), TEST_ENTRY(callbacks_run_in_the_order_added),
          TEST_ENTRY(remove_counts_every_match_and_releases_it),
          TEST_ENTRY(a_dropped_pending_future_releases_its_callbacks),
          TEST_ENTRY(settling_taking_callbacks_drops_them_or_changes_nothing),
          TEST_ENTRY(a_callback_may_release_the_last_reference),
          TEST_ENTRY(callbacks_may_cancel_remove_and_add_on_the_future_being_completed),
          TEST_ENTRY(an_exception_never_retrieved_is_reported_when_the_future_dies),
          TEST_ENTRY(a_report_handler_may_keep_the_future_and_it_is_reported_once),
          TEST_ENTRY(a_pointer_result_is_destroyed_with_the_future_and_only_when_taken),
          TEST_ENTRY(every_entry_point_rejects_null),
          TEST_ENTRY(the_loop_cannot_close_while_a_future_lives),
          TEST_ENTRY(a_future_without_a_loop_uses_the_default_loop),
          TEST_ENTRY(only_a_future_not_yet_freed_is_live),
          TEST_ENTRY(liveness_holds_for_thousands_of_futures_freed_in_any_order),
          TEST_ENTRY(loops_on_two_threads_make_and_free_futures_at_once))
