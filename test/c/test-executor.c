#include <math.h>
#include <stdatomic.h>
#include <unistd.h>

#include "concurrent/concurrent_internal.h"
#include "task.h"

static void square(wf_cfuture* f, void* arg) {
  int64_t n = (int64_t)(intptr_t)arg;
  wf_value v = wf_value_int(n * n);
  wf_cfuture_set_result(f, &v);
}

static void forgetful(wf_cfuture* f, void* arg) {}

static atomic_int released;
static void count_release(void* arg) { atomic_fetch_add(&released, 1); }

TEST(submit_runs_tasks_on_the_pool) {
  wf_executor* ex;
  ASSERT_OK(wf_executor_new(2, &ex));
  ASSERT_EQ(wf_executor_workers(ex), 2);
  wf_cfuture* f[10];
  for (intptr_t i = 0; i < 10; i++) ASSERT_OK(wf_executor_submit(ex, square, (void*)i, NULL, &f[i]));
  for (int i = 0; i < 10; i++) {
    const wf_value* v;
    ASSERT_OK(wf_cfuture_result(f[i], INFINITY, &v));
    ASSERT_EQ(v->as.integer, i * i);
    wf_cfuture_release(f[i]);
  }
  wf_executor_free(ex);
}

TEST(a_task_that_sets_nothing_fails_its_future) {
  wf_executor* ex;
  ASSERT_OK(wf_executor_new(1, &ex));
  wf_cfuture* f;
  ASSERT_OK(wf_executor_submit(ex, forgetful, NULL, NULL, &f));
  const wf_value* v;
  ASSERT_EQ(wf_cfuture_result(f, INFINITY, &v), WF_EEXCEPTION);
  ASSERT_EQ(v->as.error.code, WF_EINVALSTATE);
  wf_cfuture_release(f);
  wf_executor_free(ex);
}

static void slow(wf_cfuture* f, void* arg) {
  usleep(20000);
  square(f, arg);
}

TEST(a_task_cancelled_before_it_runs_never_runs) {
  atomic_store(&released, 0);
  wf_executor* ex;
  ASSERT_OK(wf_executor_new(1, &ex));
  wf_cfuture *busy, *queued;
  ASSERT_OK(wf_executor_submit(ex, slow, (void*)3, count_release, &busy));
  ASSERT_OK(wf_executor_submit(ex, square, (void*)4, count_release, &queued));
  int cancelled = 0;
  ASSERT_OK(wf_cfuture_cancel(queued, &cancelled));
  ASSERT_EQ(cancelled, 1);
  const wf_value* v;
  ASSERT_OK(wf_cfuture_result(busy, INFINITY, &v));
  wf_executor_shutdown(ex, 1, 0);
  ASSERT_EQ(wf_cfuture_state_of(queued), WF_CFUTURE_CANCELLED_AND_NOTIFIED);
  ASSERT_EQ(atomic_load(&released), 2);
  wf_cfuture_release(busy);
  wf_cfuture_release(queued);
  wf_executor_free(ex);
}

TEST(shutdown_with_cancel_futures_cancels_the_queue_and_refuses_more) {
  atomic_store(&released, 0);
  wf_executor* ex;
  ASSERT_OK(wf_executor_new(1, &ex));
  wf_cfuture* f[5];
  for (intptr_t i = 0; i < 5; i++) ASSERT_OK(wf_executor_submit(ex, slow, (void*)i, count_release, &f[i]));
  usleep(5000);
  ASSERT_OK(wf_executor_shutdown(ex, 1, 1));
  int cancelled_count = 0, finished = 0;
  for (int i = 0; i < 5; i++) {
    int state = wf_cfuture_state_of(f[i]);
    cancelled_count += state == WF_CFUTURE_CANCELLED_AND_NOTIFIED;
    finished += state == WF_CFUTURE_FINISHED;
    wf_cfuture_release(f[i]);
  }
  ASSERT_EQ(cancelled_count + finished, 5);
  ASSERT(cancelled_count >= 3);
  ASSERT_EQ(atomic_load(&released), 5);
  wf_cfuture* late = NULL;
  ASSERT_EQ(wf_executor_submit(ex, square, NULL, count_release, &late), WF_ESHUTDOWN);
  ASSERT_NULL(late);
  ASSERT_EQ(atomic_load(&released), 5);
  ASSERT_OK(wf_executor_shutdown(ex, 1, 1));
  wf_executor_free(ex);
}

TEST(shutdown_without_cancel_runs_every_queued_task) {
  wf_executor* ex;
  ASSERT_OK(wf_executor_new(2, &ex));
  wf_cfuture* f[20];
  for (intptr_t i = 0; i < 20; i++) ASSERT_OK(wf_executor_submit(ex, square, (void*)i, NULL, &f[i]));
  ASSERT_OK(wf_executor_shutdown(ex, 1, 0));
  for (int i = 0; i < 20; i++) {
    ASSERT_EQ(wf_cfuture_state_of(f[i]), WF_CFUTURE_FINISHED);
    wf_cfuture_release(f[i]);
  }
  wf_executor_free(ex);
}

enum { STRESS_TASKS = 20000 };
static atomic_int ran;
static void counted(wf_cfuture* f, void* arg) {
  atomic_fetch_add(&ran, 1);
  square(f, arg);
}

TEST(stress_twenty_thousand_tasks_with_cancels_racing_their_start) {
  atomic_store(&ran, 0);
  atomic_store(&released, 0);
  wf_executor* ex;
  ASSERT_OK(wf_executor_new(4, &ex));
  static wf_cfuture* f[STRESS_TASKS];
  static int cancel_ok[STRESS_TASKS];
  for (intptr_t i = 0; i < STRESS_TASKS; i++) {
    ASSERT_OK(wf_executor_submit(ex, counted, (void*)(i % 1000), count_release, &f[i]));
    if (i % 3 == 0) ASSERT_OK(wf_cfuture_cancel(f[i], &cancel_ok[i]));
  }
  ASSERT_OK(wf_executor_shutdown(ex, 1, 0));
  int results = 0, cancellations = 0, said_cancelled = 0;
  for (int i = 0; i < STRESS_TASKS; i++) {
    const wf_value* v;
    int rc = wf_cfuture_result(f[i], 0, &v);
    if (rc == 0) {
      ASSERT_EQ(v->as.integer, (int64_t)(i % 1000) * (i % 1000));
      results++;
    } else {
      ASSERT_EQ(rc, WF_ECANCELLED);
      ASSERT_EQ(wf_cfuture_state_of(f[i]), WF_CFUTURE_CANCELLED_AND_NOTIFIED);
      cancellations++;
    }
    said_cancelled += cancel_ok[i];
    wf_cfuture_release(f[i]);
  }
  /* every cancel that said yes kept its task from running; the rest ran */
  ASSERT_EQ(cancellations, said_cancelled);
  ASSERT_EQ(results, atomic_load(&ran));
  ASSERT_EQ(results + cancellations, STRESS_TASKS);
  ASSERT_EQ(atomic_load(&released), STRESS_TASKS);
  printf("# stress: %d tasks, %d results, %d cancelled before they ran\n", STRESS_TASKS, results,
         cancellations);
  wf_executor_free(ex);
}

TEST(bad_input_is_einval) {
  wf_executor* ex;
  ASSERT_EQ(wf_executor_new(0, &ex), WF_EINVAL);
  ASSERT_EQ(wf_executor_new(1, NULL), WF_EINVAL);
  ASSERT_EQ(wf_executor_new(100000, &ex), WF_EINVAL);
  ASSERT_OK(wf_executor_new(1, &ex));
  ASSERT_EQ(wf_executor_submit(NULL, square, NULL, NULL, NULL), WF_EINVAL);
  ASSERT_EQ(wf_executor_submit(ex, NULL, NULL, NULL, NULL), WF_EINVAL);
  ASSERT_EQ(wf_executor_shutdown(NULL, 1, 1), WF_EINVAL);
  ASSERT_EQ(wf_executor_workers(NULL), 0);
  wf_executor_free(NULL);
  wf_executor_free(ex);
}

RUN_TESTS(TEST_ENTRY(submit_runs_tasks_on_the_pool), TEST_ENTRY(a_task_that_sets_nothing_fails_its_future),
          TEST_ENTRY(a_task_cancelled_before_it_runs_never_runs),
          TEST_ENTRY(shutdown_with_cancel_futures_cancels_the_queue_and_refuses_more),
          TEST_ENTRY(shutdown_without_cancel_runs_every_queued_task),
          TEST_ENTRY(stress_twenty_thousand_tasks_with_cancels_racing_their_start),
          TEST_ENTRY(bad_input_is_einval))
