#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#include "concurrent/cinternal.h"
#include "task.h"

static wf_loop* loop;
static atomic_int posted_ran;

static void note(void* arg) { atomic_fetch_add(&posted_ran, 1); }

static void* post_many(void* arg) {
  for (int i = 0; i < 1000; i++) ASSERT_OK(wf_loop_call_soon_threadsafe(loop, note, NULL));
  return NULL;
}

static void run_until(int (*done)(void*), void* arg) {
  while (!done(arg)) {
    ASSERT_OK(wf_loop_run_once(loop, NULL));
    sched_yield();
  }
}

static int all_posted_ran(void* arg) { return atomic_load(&posted_ran) == 4000; }

TEST(call_soon_threadsafe_from_four_threads_runs_every_callback_on_the_loop) {
  ASSERT_OK(wf_loop_new(&loop, NULL));
  atomic_store(&posted_ran, 0);
  pthread_t t[4];
  for (int i = 0; i < 4; i++) ASSERT_OK(pthread_create(&t[i], NULL, post_many, NULL));
  run_until(all_posted_ran, NULL);
  for (int i = 0; i < 4; i++) pthread_join(t[i], NULL);
  ASSERT_OK(wf_loop_run_once(loop, NULL));
  ASSERT_OK(wf_loop_close(loop));
}

static int future_done(void* arg) { return wf_future_done(arg) == 1; }

/* The loop closes once the callbacks the wrap posted have run; a leak fails
 * here instead of hanging. */
static void close_loop(void) {
  int rc = wf_loop_close(loop);
  for (int i = 0; i < 10000 && rc == WF_EBUSY; i++) {
    ASSERT_OK(wf_loop_run_once(loop, NULL));
    sched_yield();
    rc = wf_loop_close(loop);
  }
  ASSERT_OK(rc);
}

static void square(wf_cfuture* f, void* arg) {
  wf_value v = wf_value_int((int64_t)(intptr_t)arg * (int64_t)(intptr_t)arg);
  wf_cfuture_set_result(f, &v);
}

TEST(a_wrapped_cfuture_brings_its_result_to_the_loop) {
  ASSERT_OK(wf_loop_new(&loop, NULL));
  wf_executor* ex;
  ASSERT_OK(wf_executor_new(2, &ex));
  wf_cfuture* cf;
  ASSERT_OK(wf_executor_submit(ex, square, (void*)9, NULL, &cf));
  wf_future* fut;
  ASSERT_OK(wf_wrap_cfuture(loop, cf, &fut));
  run_until(future_done, fut);
  const wf_value* v;
  ASSERT_OK(wf_future_result(fut, &v));
  ASSERT_EQ(v->as.integer, 81);
  wf_future_release(fut);
  wf_cfuture_release(cf);
  wf_executor_free(ex);
  close_loop();
}

TEST(cancelling_the_loop_future_cancels_the_cfuture) {
  ASSERT_OK(wf_loop_new(&loop, NULL));
  wf_cfuture* cf;
  ASSERT_OK(wf_cfuture_new(&cf));
  wf_future* fut;
  ASSERT_OK(wf_wrap_cfuture(loop, cf, &fut));
  ASSERT_OK(wf_future_cancel(fut, NULL, NULL));
  while (wf_cfuture_done(cf) != 1) ASSERT_OK(wf_loop_run_once(loop, NULL));
  ASSERT_EQ(wf_cfuture_state_of(cf), WF_CFUTURE_CANCELLED);
  wf_future_release(fut);
  wf_cfuture_release(cf);
  close_loop();
}

TEST(a_failed_or_cancelled_cfuture_fails_or_cancels_the_loop_future) {
  ASSERT_OK(wf_loop_new(&loop, NULL));
  wf_cfuture *failed, *cancelled;
  ASSERT_OK(wf_cfuture_new(&failed));
  ASSERT_OK(wf_cfuture_new(&cancelled));
  wf_future *a, *b;
  ASSERT_OK(wf_wrap_cfuture(loop, failed, &a));
  ASSERT_OK(wf_wrap_cfuture(loop, cancelled, &b));
  ASSERT_OK(wf_cfuture_set_error(failed, 21, "worker failed"));
  ASSERT_OK(wf_cfuture_cancel(cancelled, NULL));
  run_until(future_done, a);
  run_until(future_done, b);
  const wf_value* v;
  ASSERT_OK(wf_future_exception(a, &v));
  ASSERT_EQ(v->as.error.code, 21);
  ASSERT_EQ(wf_future_cancelled(b), 1);
  wf_future_release(a);
  wf_future_release(b);
  wf_cfuture_release(failed);
  wf_cfuture_release(cancelled);
  close_loop();
}

TEST(bad_input_is_einval) {
  ASSERT_OK(wf_loop_new(&loop, NULL));
  wf_future* fut;
  wf_cfuture* cf;
  ASSERT_OK(wf_cfuture_new(&cf));
  ASSERT_EQ(wf_loop_call_soon_threadsafe(NULL, note, NULL), WF_EINVAL);
  ASSERT_EQ(wf_loop_call_soon_threadsafe(loop, NULL, NULL), WF_EINVAL);
  ASSERT_EQ(wf_wrap_cfuture(loop, NULL, &fut), WF_EINVAL);
  ASSERT_EQ(wf_wrap_cfuture(loop, cf, NULL), WF_EINVAL);
  wf_cfuture_release(cf);
  ASSERT_OK(wf_loop_close(loop));
}

RUN_TESTS(TEST_ENTRY(call_soon_threadsafe_from_four_threads_runs_every_callback_on_the_loop),
          TEST_ENTRY(a_wrapped_cfuture_brings_its_result_to_the_loop),
          TEST_ENTRY(cancelling_the_loop_future_cancels_the_cfuture),
          TEST_ENTRY(a_failed_or_cancelled_cfuture_fails_or_cancels_the_loop_future),
          TEST_ENTRY(bad_input_is_einval))
