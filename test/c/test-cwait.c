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

typedef struct {
  wf_cfuture* future;
  int delay_ms;
  int fail;
} later;

static void* complete_later(void* arg) {
  later* l = arg;
  usleep((useconds_t)l->delay_ms * 1000);
  if (l->fail) {
    wf_cfuture_set_error(l->future, 1, "failed");
  } else {
    wf_value v = wf_value_int(l->delay_ms);
    wf_cfuture_set_result(l->future, &v);
  }
  return NULL;
}

TEST(first_completed_returns_after_one) {
  wf_cfuture* f[2] = {fresh(), fresh()};
  later l = {f[1], 10, 0};
  pthread_t t;
  ASSERT_OK(pthread_create(&t, NULL, complete_later, &l));
  unsigned char done[2];
  ASSERT_OK(wf_cfuture_wait(f, 2, INFINITY, WF_FIRST_COMPLETED, done));
  ASSERT_EQ(done[0], 0);
  ASSERT_EQ(done[1], 1);
  pthread_join(t, NULL);
  wf_cfuture_release(f[0]);
  wf_cfuture_release(f[1]);
}

TEST(all_completed_waits_for_each_and_a_repeat_counts_once) {
  wf_cfuture* a = fresh();
  wf_cfuture* b = fresh();
  wf_cfuture* f[3] = {a, b, a};
  later la = {a, 5, 0}, lb = {b, 15, 0};
  pthread_t ta, tb;
  ASSERT_OK(pthread_create(&ta, NULL, complete_later, &la));
  ASSERT_OK(pthread_create(&tb, NULL, complete_later, &lb));
  unsigned char done[3];
  ASSERT_OK(wf_cfuture_wait(f, 3, INFINITY, WF_ALL_COMPLETED, done));
  ASSERT(done[0] && done[1] && done[2]);
  pthread_join(ta, NULL);
  pthread_join(tb, NULL);
  wf_cfuture_release(a);
  wf_cfuture_release(b);
}

TEST(first_exception_returns_on_the_failure) {
  wf_cfuture* f[2] = {fresh(), fresh()};
  later l = {f[0], 5, 1};
  pthread_t t;
  ASSERT_OK(pthread_create(&t, NULL, complete_later, &l));
  unsigned char done[2];
  ASSERT_OK(wf_cfuture_wait(f, 2, INFINITY, WF_FIRST_EXCEPTION, done));
  ASSERT_EQ(done[0], 1);
  ASSERT_EQ(done[1], 0);
  pthread_join(t, NULL);
  wf_cfuture_release(f[0]);
  wf_cfuture_release(f[1]);
}

TEST(a_timeout_returns_with_what_is_done) {
  wf_cfuture* f[1] = {fresh()};
  unsigned char done[1] = {9};
  ASSERT_OK(wf_cfuture_wait(f, 1, 10, WF_ALL_COMPLETED, done));
  ASSERT_EQ(done[0], 0);
  ASSERT_EQ(f[0]->waiter_count, 0);
  wf_cfuture_release(f[0]);
}

TEST(a_cancel_wakes_a_waiter) {
  wf_cfuture* f[1] = {fresh()};
  ASSERT_OK(wf_cfuture_cancel(f[0], NULL));
  unsigned char done[1];
  ASSERT_OK(wf_cfuture_wait(f, 1, INFINITY, WF_ALL_COMPLETED, done));
  ASSERT_EQ(done[0], 1);
  wf_cfuture_release(f[0]);
}

/* Completes pair[1] once pair[0] is done: an order no scheduler can swap. */
static void* complete_after(void* arg) {
  wf_cfuture** pair = arg;
  const wf_value* out;
  wf_cfuture_result(pair[0], INFINITY, &out);
  wf_value v = wf_value_none();
  wf_cfuture_set_result(pair[1], &v);
  return NULL;
}

TEST(as_completed_gives_each_once_in_completion_order) {
  wf_cfuture* f[3] = {fresh(), fresh(), fresh()};
  wf_value v = wf_value_none();
  ASSERT_OK(wf_cfuture_set_result(f[2], &v));
  wf_cfuture* input[4] = {f[0], f[1], f[2], f[1]};
  wf_cfuture_iter* it;
  ASSERT_OK(wf_cfuture_as_completed(input, 4, INFINITY, &it));
  /* Started once the iterator exists, so only f[2] was done before it: f[1]
   * after 5 ms, f[0] only after f[1]. */
  later l1 = {f[1], 5, 0};
  wf_cfuture* after[2] = {f[1], f[0]};
  pthread_t t0, t1;
  ASSERT_OK(pthread_create(&t0, NULL, complete_after, after));
  ASSERT_OK(pthread_create(&t1, NULL, complete_later, &l1));
  wf_cfuture* got;
  ASSERT_OK(wf_cfuture_iter_next(it, &got));
  ASSERT(got == f[2]);
  ASSERT_OK(wf_cfuture_iter_next(it, &got));
  ASSERT(got == f[1]);
  ASSERT_OK(wf_cfuture_iter_next(it, &got));
  ASSERT(got == f[0]);
  ASSERT_EQ(wf_cfuture_iter_next(it, &got), WF_ENOTFOUND);
  wf_cfuture_iter_free(it);
  pthread_join(t0, NULL);
  pthread_join(t1, NULL);
  for (int i = 0; i < 3; i++) wf_cfuture_release(f[i]);
}

TEST(as_completed_times_out) {
  wf_cfuture* f[1] = {fresh()};
  wf_cfuture_iter* it;
  ASSERT_OK(wf_cfuture_as_completed(f, 1, 10, &it));
  wf_cfuture* got;
  ASSERT_EQ(wf_cfuture_iter_next(it, &got), WF_ETIMEDOUT);
  wf_cfuture_iter_free(it);
  ASSERT_EQ(f[0]->waiter_count, 0);
  wf_cfuture_release(f[0]);
}

TEST(bad_input_is_einval) {
  wf_cfuture* f[1] = {fresh()};
  wf_cfuture* null_input[1] = {NULL};
  unsigned char done[1];
  wf_cfuture_iter* it;
  ASSERT_EQ(wf_cfuture_wait(f, 1, -1, WF_ALL_COMPLETED, done), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_wait(f, 1, NAN, WF_ALL_COMPLETED, done), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_wait(f, 1, 1, 0, done), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_wait(f, 1, 1, WF_ALL_COMPLETED, NULL), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_wait(null_input, 1, 1, WF_ALL_COMPLETED, done), WF_EINVAL);
  ASSERT_OK(wf_cfuture_wait(NULL, 0, 1, WF_ALL_COMPLETED, NULL));
  ASSERT_EQ(wf_cfuture_as_completed(f, 1, -2, &it), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_as_completed(null_input, 1, 1, &it), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_as_completed(f, 1, 1, NULL), WF_EINVAL);
  ASSERT_EQ(wf_cfuture_iter_next(NULL, f), WF_EINVAL);
  wf_cfuture_iter_free(NULL);
  wf_cfuture_release(f[0]);
}

RUN_TESTS(TEST_ENTRY(first_completed_returns_after_one),
          TEST_ENTRY(all_completed_waits_for_each_and_a_repeat_counts_once),
          TEST_ENTRY(first_exception_returns_on_the_failure),
          TEST_ENTRY(a_timeout_returns_with_what_is_done), TEST_ENTRY(a_cancel_wakes_a_waiter),
          TEST_ENTRY(as_completed_gives_each_once_in_completion_order),
          TEST_ENTRY(as_completed_times_out), TEST_ENTRY(bad_input_is_einval))
