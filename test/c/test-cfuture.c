#include <math.h>
#include <pthread.h>
#include <unistd.h>

#include "concurrent/concurrent_internal.h"
#include "task.h"

static wf_cfuture* fresh(void) {
  wf_cfuture* f = NULL;
  ASSERT_OK(wf_cfuture_new(&f));
  return f;
}

TEST(a_new_future_is_pending) {
  wf_cfuture* f = fresh();
  ASSERT_EQ(wf_cfuture_state_of(f), WF_CFUTURE_PENDING);
  ASSERT_EQ(wf_cfuture_done(f), 0);
  const wf_value* v;
  ASSERT_EQ(wf_cfuture_result(f, 0, &v), WF_ETIMEDOUT);
  ASSERT_EQ(wf_cfuture_exception(f, 1, &v), WF_ETIMEDOUT);
  wf_cfuture_release(f);
}

TEST(cancel_follows_concurrent_futures) {
  wf_cfuture* f = fresh();
  int cancelled = -1;
  ASSERT_OK(wf_cfuture_cancel(f, &cancelled));
  ASSERT_EQ(cancelled, 1);
  ASSERT_OK(wf_cfuture_cancel(f, &cancelled));
  ASSERT_EQ(cancelled, 1); /* true when already cancelled */
  ASSERT_EQ(wf_cfuture_state_of(f), WF_CFUTURE_CANCELLED);
  const wf_value* v;
  ASSERT_EQ(wf_cfuture_result(f, INFINITY, &v), WF_ECANCELLED);
  int run = -1;
  ASSERT_OK(wf_cfuture_set_running_or_notify_cancel(f, &run));
  ASSERT_EQ(run, 0);
  ASSERT_EQ(wf_cfuture_state_of(f), WF_CFUTURE_CANCELLED_AND_NOTIFIED);
  ASSERT_EQ(wf_cfuture_set_running_or_notify_cancel(f, &run), WF_EINVALSTATE);
  wf_value x = wf_value_int(1);
  ASSERT_EQ(wf_cfuture_set_result(f, &x), WF_EINVALSTATE);
  wf_cfuture_release(f);
}

TEST(a_running_or_finished_future_cannot_be_cancelled) {
  wf_cfuture* f = fresh();
  int run = 0, cancelled = -1;
  ASSERT_OK(wf_cfuture_set_running_or_notify_cancel(f, &run));
  ASSERT_EQ(run, 1);
  ASSERT_EQ(wf_cfuture_state_of(f), WF_CFUTURE_RUNNING);
  ASSERT_OK(wf_cfuture_cancel(f, &cancelled));
  ASSERT_EQ(cancelled, 0);
  wf_value x = wf_value_string("done");
  ASSERT_OK(wf_cfuture_set_result(f, &x));
  ASSERT_OK(wf_cfuture_cancel(f, &cancelled));
  ASSERT_EQ(cancelled, 0);
  ASSERT_EQ(wf_cfuture_set_result(f, &x), WF_EINVALSTATE);
  ASSERT_EQ(wf_cfuture_set_error(f, 1, "late"), WF_EINVALSTATE);
  const wf_value* v;
  ASSERT_OK(wf_cfuture_result(f, 0, &v));
  ASSERT_STR_EQ(v->as.string, "done");
  ASSERT_OK(wf_cfuture_exception(f, 0, &v));
  ASSERT_NULL(v);
  wf_cfuture_release(f);
}

TEST(an_exception_is_reported_by_result_and_exception) {
  wf_cfuture* f = fresh();
  ASSERT_OK(wf_cfuture_set_error(f, 12, "task failed"));
  const wf_value* v;
  ASSERT_EQ(wf_cfuture_result(f, 0, &v), WF_EEXCEPTION);
  ASSERT_EQ(v->as.error.code, 12);
  ASSERT_OK(wf_cfuture_exception(f, 0, &v));
  ASSERT_STR_EQ(v->as.error.message, "task failed");
  wf_cfuture_release(f);
}

static void* finish_later(void* arg) {
  usleep(20000);
  wf_value v = wf_value_int(77);
  wf_cfuture_set_result(arg, &v);
  return NULL;
}

TEST(result_blocks_until_another_thread_finishes_it) {
  wf_cfuture* f = fresh();
  pthread_t t;
  ASSERT_OK(pthread_create(&t, NULL, finish_later, f));
  const wf_value* v;
  ASSERT_OK(wf_cfuture_result(f, INFINITY, &v));
  ASSERT_EQ(v->as.integer, 77);
  pthread_join(t, NULL);
  wf_cfuture_release(f);
}

TEST(result_reports_a_timeout) {
  wf_cfuture* f = fresh();
  const wf_value* v;
  ASSERT_EQ(wf_cfuture_result(f, 15, &v), WF_ETIMEDOUT);
  wf_cfuture_release(f);
}

static int order[8];
static int calls;
static int record(wf_cfuture* f, void* arg) {
  order[calls++] = (int)(intptr_t)arg;
  return (int)(intptr_t)arg == 2 ? WF_EINVAL : 0;
}

TEST(callbacks_run_in_order_and_one_failing_does_not_stop_the_others) {
  calls = 0;
  wf_cfuture* f = fresh();
  ASSERT_OK(wf_cfuture_add_done_callback(f, record, (void*)1));
  ASSERT_OK(wf_cfuture_add_done_callback(f, record, (void*)2));
  ASSERT_OK(wf_cfuture_add_done_callback(f, record, (void*)3));
  ASSERT_EQ(calls, 0);
  ASSERT_OK(wf_cfuture_cancel(f, NULL));
  ASSERT_EQ(calls, 3);
  ASSERT_EQ(order[2], 3);
  wf_cfuture_release(f);
}

TEST(a_callback_added_to_a_done_future_runs_at_once) {
  calls = 0;
  wf_cfuture* f = fresh();
  wf_value v = wf_value_none();
  ASSERT_OK(wf_cfuture_set_result(f, &v));
  ASSERT_OK(wf_cfuture_add_done_callback(f, record, (void*)5));
  ASSERT_EQ(calls, 1);
  ASSERT_EQ(order[0], 5);
  wf_cfuture_release(f);
}

static int reenter(wf_cfuture* f, void* arg) {
  /* the lock is released: asking about the future does not deadlock */
  ASSERT_EQ(wf_cfuture_done(f), 1);
  const wf_value* v;
  ASSERT_OK(wf_cfuture_result(f, 0, &v));
  return 0;
}

TEST(callbacks_run_after_the_lock_is_released) {
  wf_cfuture* f = fresh();
  ASSERT_OK(wf_cfuture_add_done_callback(f, reenter, NULL));
  wf_value v = wf_value_int(1);
  ASSERT_OK(wf_cfuture_set_result(f, &v));
  wf_cfuture_release(f);
}

TEST(bad_input_is_einval) {
  wf_cfuture* f = fresh();
  const wf_value* v;
  int flag;
  ASSERT_EQ(wf_cfuture_new(NULL), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_cancel(NULL, &flag), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_set_running_or_notify_cancel(NULL, &flag), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_set_running_or_notify_cancel(f, NULL), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_set_result(NULL, &(wf_value){0}), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_set_result(f, NULL), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_set_error(NULL, 1, "x"), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_result(NULL, 0, &v), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_result(f, 0, NULL), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_result(f, -1, &v), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_result(f, NAN, &v), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_exception(f, -5, &v), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_add_done_callback(NULL, record, NULL), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_add_done_callback(f, NULL, NULL), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_state_of(NULL), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_done(NULL), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_state_of(f), WF_CFUTURE_PENDING);
  wf_cfuture_retain(NULL);
  wf_cfuture_release(NULL);
  wf_cfuture_release(f);
}

RUN_TESTS(TEST_ENTRY(a_new_future_is_pending), TEST_ENTRY(cancel_follows_concurrent_futures),
          TEST_ENTRY(a_running_or_finished_future_cannot_be_cancelled),
          TEST_ENTRY(an_exception_is_reported_by_result_and_exception),
          TEST_ENTRY(result_blocks_until_another_thread_finishes_it),
          TEST_ENTRY(result_reports_a_timeout),
          TEST_ENTRY(callbacks_run_in_order_and_one_failing_does_not_stop_the_others),
          TEST_ENTRY(a_callback_added_to_a_done_future_runs_at_once),
          TEST_ENTRY(callbacks_run_after_the_lock_is_released), TEST_ENTRY(bad_input_is_einval))
