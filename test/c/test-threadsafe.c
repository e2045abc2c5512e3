#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#include "concurrent/concurrent_internal.h"
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

/* ---- wf_loop_run_threadsafe ---------------------------------------------- */

typedef struct {
  wf_future* made;      /* the loop future start handed over (a reference kept here) */
  int rc;               /* what start returns */
  atomic_int started;   /* start ran, on the loop's thread */
  atomic_int released;  /* release ran */
  pthread_t loop_thread;
  int started_on_loop;
} start_job;

static int start_future(void* arg, wf_future** out) {
  start_job* job = arg;
  job->started_on_loop = pthread_equal(pthread_self(), job->loop_thread);
  atomic_fetch_add(&job->started, 1);
  if (job->rc != 0) return job->rc;
  ASSERT_OK(wf_future_new(loop, &job->made));
  wf_future_retain(job->made);
  *out = job->made;
  return 0;
}

static void release_job(void* arg) { atomic_fetch_add(&((start_job*)arg)->released, 1); }

static int cfuture_done(void* arg) { return wf_cfuture_done(arg) == 1; }
static int job_started(void* arg) { return atomic_load(&((start_job*)arg)->started) == 1; }
static int job_released(void* arg) { return atomic_load(&((start_job*)arg)->released) == 1; }

static void* request_and_wait(void* arg) {
  start_job* job = arg;
  wf_cfuture* cf;
  ASSERT_OK(wf_loop_run_threadsafe(loop, start_future, job, release_job, &cf));
  const wf_value* v;
  ASSERT_OK(wf_cfuture_result(cf, INFINITY, &v));
  ASSERT_EQ(v->type, WF_VALUE_STRING);
  ASSERT_STR_EQ(v->as.string, "from the loop");
  wf_cfuture_release(cf);
  return NULL;
}

TEST(run_threadsafe_starts_on_the_loop_and_a_blocked_thread_gets_the_result) {
  ASSERT_OK(wf_loop_new(&loop, NULL));
  start_job job = {.loop_thread = pthread_self()};
  pthread_t t;
  ASSERT_OK(pthread_create(&t, NULL, request_and_wait, &job));
  run_until(job_started, &job);
  ASSERT_EQ(job.started_on_loop, 1);
  ASSERT_EQ(atomic_load(&job.released), 1);
  wf_value v = wf_value_string("from the loop");
  ASSERT_OK(wf_future_set_result(job.made, &v));
  ASSERT_OK(wf_loop_run_once(loop, NULL));
  pthread_join(t, NULL);
  wf_future_release(job.made);
  close_loop();
}

TEST(run_threadsafe_brings_the_loop_futures_exception) {
  ASSERT_OK(wf_loop_new(&loop, NULL));
  start_job job = {.loop_thread = pthread_self()};
  wf_cfuture* cf;
  ASSERT_OK(wf_loop_run_threadsafe(loop, start_future, &job, NULL, &cf));
  run_until(job_started, &job);
  ASSERT_OK(wf_future_set_error(job.made, 404, "not found"));
  run_until(cfuture_done, cf);
  const wf_value* v;
  ASSERT_EQ(wf_cfuture_result(cf, 0, &v), WF_EEXCEPTION);
  ASSERT_EQ(v->type, WF_VALUE_ERROR);
  ASSERT_EQ(v->as.error.code, 404);
  ASSERT_STR_EQ(v->as.error.message, "not found");
  wf_cfuture_release(cf);
  wf_future_release(job.made);
  close_loop();
}

TEST(a_negative_code_from_start_fails_the_cfuture_with_it) {
  ASSERT_OK(wf_loop_new(&loop, NULL));
  start_job job = {.loop_thread = pthread_self(), .rc = WF_ENOMEM};
  wf_cfuture* cf;
  ASSERT_OK(wf_loop_run_threadsafe(loop, start_future, &job, release_job, &cf));
  run_until(cfuture_done, cf);
  const wf_value* v;
  ASSERT_EQ(wf_cfuture_result(cf, 0, &v), WF_EEXCEPTION);
  ASSERT_EQ(v->as.error.code, WF_ENOMEM);
  ASSERT_EQ(atomic_load(&job.released), 1);
  wf_cfuture_release(cf);
  close_loop();
}

TEST(cancelling_the_cfuture_cancels_the_loop_future) {
  ASSERT_OK(wf_loop_new(&loop, NULL));
  start_job job = {.loop_thread = pthread_self()};
  wf_cfuture* cf;
  ASSERT_OK(wf_loop_run_threadsafe(loop, start_future, &job, NULL, &cf));
  run_until(job_started, &job);
  int cancelled = 0;
  ASSERT_OK(wf_cfuture_cancel(cf, &cancelled));
  ASSERT_EQ(cancelled, 1);
  while (wf_future_done(job.made) != 1) ASSERT_OK(wf_loop_run_once(loop, NULL));
  ASSERT_EQ(wf_future_cancelled(job.made), 1);
  ASSERT_OK(wf_loop_run_once(loop, NULL));
  const wf_value* v;
  ASSERT_EQ(wf_cfuture_result(cf, 0, &v), WF_ECANCELLED);
  wf_cfuture_release(cf);
  wf_future_release(job.made);
  close_loop();
}

TEST(cancelled_before_the_loop_took_it_start_never_runs_and_release_still_does) {
  ASSERT_OK(wf_loop_new(&loop, NULL));
  start_job job = {.loop_thread = pthread_self()};
  wf_cfuture* cf;
  ASSERT_OK(wf_loop_run_threadsafe(loop, start_future, &job, release_job, &cf));
  ASSERT_OK(wf_cfuture_cancel(cf, NULL));
  run_until(job_released, &job);
  ASSERT_EQ(atomic_load(&job.started), 0);
  ASSERT_EQ(wf_cfuture_state_of(cf), WF_CFUTURE_CANCELLED_AND_NOTIFIED);
  wf_cfuture_release(cf);
  close_loop();
}

TEST(the_caller_may_drop_its_cfuture_before_the_loop_future_is_done) {
  ASSERT_OK(wf_loop_new(&loop, NULL));
  start_job job = {.loop_thread = pthread_self()};
  wf_cfuture* cf;
  ASSERT_OK(wf_loop_run_threadsafe(loop, start_future, &job, NULL, &cf));
  wf_cfuture_release(cf);
  run_until(job_started, &job);
  wf_value v = wf_value_int(7);
  ASSERT_OK(wf_future_set_result(job.made, &v));
  wf_future_release(job.made);
  close_loop();
}

TEST(run_threadsafe_bad_input_is_einval_and_posts_nothing) {
  ASSERT_OK(wf_loop_new(&loop, NULL));
  start_job job = {0};
  wf_cfuture* cf = NULL;
  ASSERT_EQ(wf_loop_run_threadsafe(NULL, start_future, &job, release_job, &cf), WF_EINVAL);
  ASSERT_EQ(wf_loop_run_threadsafe(loop, NULL, &job, release_job, &cf), WF_EINVAL);
  ASSERT_EQ(wf_loop_run_threadsafe(loop, start_future, &job, release_job, NULL), WF_EINVAL);
  ASSERT_NULL(cf);
  ASSERT_OK(wf_loop_run_once(loop, NULL));
  ASSERT_EQ(atomic_load(&job.started), 0);
  ASSERT_EQ(atomic_load(&job.released), 0);
  ASSERT_OK(wf_loop_close(loop));
}

RUN_TESTS(TEST_ENTRY(call_soon_threadsafe_from_four_threads_runs_every_callback_on_the_loop),
          TEST_ENTRY(a_wrapped_cfuture_brings_its_result_to_the_loop),
          TEST_ENTRY(cancelling_the_loop_future_cancels_the_cfuture),
          TEST_ENTRY(a_failed_or_cancelled_cfuture_fails_or_cancels_the_loop_future),
          TEST_ENTRY(bad_input_is_einval),
          TEST_ENTRY(run_threadsafe_starts_on_the_loop_and_a_blocked_thread_gets_the_result),
          TEST_ENTRY(run_threadsafe_brings_the_loop_futures_exception),
          TEST_ENTRY(a_negative_code_from_start_fails_the_cfuture_with_it),
          TEST_ENTRY(cancelling_the_cfuture_cancels_the_loop_future),
          TEST_ENTRY(cancelled_before_the_loop_took_it_start_never_runs_and_release_still_does),
          TEST_ENTRY(the_caller_may_drop_its_cfuture_before_the_loop_future_is_done),
          TEST_ENTRY(run_threadsafe_bad_input_is_einval_and_posts_nothing))
