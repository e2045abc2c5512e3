#include "hooks.h"
#include "task.h"

typedef struct {
  int order[64];
  int count;
  wf_loop* loop;
} trace;

static trace log_;
static void record(void* arg) { log_.order[log_.count++] = (int)(intptr_t)arg; }

static void reset(wf_loop* loop) {
  memset(&log_, 0, sizeof log_);
  log_.loop = loop;
}

TEST(call_soon_runs_in_fifo_order) {
  wf_loop* loop;
  ASSERT_OK(wf_loop_new(&loop, NULL));
  reset(loop);
  for (intptr_t i = 0; i < 5; i++) ASSERT_OK(wf_loop_call_soon(loop, record, (void*)i, NULL));
  ASSERT_EQ(wf_loop_ready_count(loop), 5);
  size_t ran = 0;
  ASSERT_EQ(wf_loop_drain_count(loop), 0);
  ASSERT_OK(wf_loop_run_once(loop, &ran));
  ASSERT_EQ(ran, 5);
  ASSERT_EQ(wf_loop_drain_count(loop), 1);
  for (int i = 0; i < 5; i++) ASSERT_EQ(log_.order[i], i);
  ASSERT_OK(wf_loop_close(loop));
}

static void requeue(void* arg) {
  record(arg);
  wf_loop_call_soon(log_.loop, record, (void*)((intptr_t)arg + 100), NULL);
}

TEST(a_drain_runs_only_what_was_ready_when_it_began) {
  wf_loop* loop;
  ASSERT_OK(wf_loop_new(&loop, NULL));
  reset(loop);
  ASSERT_OK(wf_loop_call_soon(loop, requeue, (void*)1, NULL));
  ASSERT_OK(wf_loop_call_soon(loop, record, (void*)2, NULL));
  size_t ran;
  ASSERT_OK(wf_loop_run_once(loop, &ran));
  ASSERT_EQ(ran, 2);
  ASSERT_EQ(log_.count, 2);
  ASSERT_EQ(wf_loop_ready_count(loop), 1);
  ASSERT_OK(wf_loop_run_once(loop, &ran));
  ASSERT_EQ(ran, 1);
  ASSERT_EQ(log_.order[2], 101);
  ASSERT_OK(wf_loop_close(loop));
}

TEST(one_microtask_serves_a_batch) {
  fake_host host = {0};
  wf_loop* loop = fake_loop(&host);
  reset(loop);
  for (intptr_t i = 0; i < 10; i++) ASSERT_OK(wf_loop_call_soon(loop, record, (void*)i, NULL));
  ASSERT_EQ(host.microtasks, 1);
  ASSERT_OK(wf_loop_run_once(loop, NULL));
  ASSERT_EQ(host.microtasks, 1);
  ASSERT_OK(wf_loop_call_soon(loop, record, (void*)0, NULL));
  ASSERT_EQ(host.microtasks, 2);
  ASSERT_OK(wf_loop_run_once(loop, NULL));
  ASSERT_OK(wf_loop_close(loop));
}

TEST(callbacks_queued_by_a_drain_schedule_one_more_microtask) {
  fake_host host = {0};
  wf_loop* loop = fake_loop(&host);
  reset(loop);
  ASSERT_OK(wf_loop_call_soon(loop, requeue, (void*)1, NULL));
  ASSERT_OK(wf_loop_call_soon(loop, requeue, (void*)2, NULL));
  ASSERT_OK(wf_loop_run_once(loop, NULL));
  ASSERT_EQ(host.microtasks, 2);
  ASSERT_EQ(host.macrotasks, 0);
  ASSERT_OK(wf_loop_run_once(loop, NULL));
  ASSERT_EQ(host.microtasks, 2);
  ASSERT_OK(wf_loop_close(loop));
}

TEST(a_cancelled_handle_never_runs) {
  wf_loop* loop;
  ASSERT_OK(wf_loop_new(&loop, NULL));
  reset(loop);
  wf_handle* h;
  ASSERT_OK(wf_loop_call_soon(loop, record, (void*)1, &h));
  ASSERT_OK(wf_loop_call_soon(loop, record, (void*)2, NULL));
  ASSERT_EQ(wf_handle_cancelled(h), 0);
  ASSERT_OK(wf_handle_cancel(h));
  ASSERT_OK(wf_handle_cancel(h));
  ASSERT_EQ(wf_handle_cancelled(h), 1);
  ASSERT_EQ(wf_loop_ready_count(loop), 1);
  ASSERT_OK(wf_loop_run_once(loop, NULL));
  ASSERT_EQ(log_.count, 1);
  ASSERT_EQ(log_.order[0], 2);
  ASSERT_EQ(wf_loop_close(loop), WF_EBUSY);
  wf_handle_release(h);
  ASSERT_OK(wf_loop_close(loop));
}

static wf_handle* later_handle;
static void cancel_later(void* arg) { wf_handle_cancel(later_handle); }

TEST(a_callback_can_cancel_a_handle_of_the_same_drain) {
  wf_loop* loop;
  ASSERT_OK(wf_loop_new(&loop, NULL));
  reset(loop);
  ASSERT_OK(wf_loop_call_soon(loop, cancel_later, NULL, NULL));
  ASSERT_OK(wf_loop_call_soon(loop, record, (void*)1, &later_handle));
  ASSERT_OK(wf_loop_call_soon(loop, record, (void*)2, NULL));
  size_t ran;
  ASSERT_OK(wf_loop_run_once(loop, &ran));
  ASSERT_EQ(ran, 2);
  ASSERT_EQ(log_.count, 1);
  ASSERT_EQ(log_.order[0], 2);
  ASSERT_OK(wf_handle_cancel(later_handle));
  wf_handle_release(later_handle);
  ASSERT_OK(wf_loop_close(loop));
}

static void nested_run(void* arg) { *(int*)arg = wf_loop_run_once(log_.loop, NULL); }

TEST(a_drain_inside_a_drain_is_busy) {
  wf_loop* loop;
  ASSERT_OK(wf_loop_new(&loop, NULL));
  reset(loop);
  int rc = 1;
  ASSERT_OK(wf_loop_call_soon(loop, nested_run, &rc, NULL));
  ASSERT_OK(wf_loop_run_once(loop, NULL));
  ASSERT_EQ(rc, WF_EBUSY);
  ASSERT_OK(wf_loop_close(loop));
}

static int chain_left;
static void chain(void* arg) {
  if (--chain_left > 0) wf_loop_call_soon(log_.loop, chain, arg, NULL);
}

TEST(a_self_rescheduling_chain_moves_to_a_macrotask_past_the_count_budget) {
  fake_host host = {0};
  wf_loop* loop = fake_loop(&host);
  reset(loop);
  ASSERT_OK(wf_loop_set_budget(loop, 5, 1e9));
  chain_left = 20;
  ASSERT_OK(wf_loop_call_soon(loop, chain, NULL, NULL));
  for (int i = 0; i < 4; i++) ASSERT_OK(wf_loop_run_once(loop, NULL));
  ASSERT_EQ(host.microtasks, 5);
  ASSERT_EQ(host.macrotasks, 0);
  ASSERT_OK(wf_loop_run_once(loop, NULL));
  ASSERT_EQ(host.macrotasks, 1);
  /* the macrotask drain starts a new burst */
  for (int i = 0; i < 5; i++) ASSERT_OK(wf_loop_run_once(loop, NULL));
  ASSERT_EQ(host.macrotasks, 2);
  ASSERT_EQ(chain_left, 10);
  while (chain_left > 0) ASSERT_OK(wf_loop_run_once(loop, NULL));
  ASSERT_OK(wf_loop_close(loop));
}

TEST(a_long_batch_stops_on_its_budget_and_keeps_fifo_order) {
  fake_host host = {0};
  wf_loop* loop = fake_loop(&host);
  reset(loop);
  ASSERT_OK(wf_loop_set_budget(loop, 3, 1e9));
  for (intptr_t i = 0; i < 5; i++) ASSERT_OK(wf_loop_call_soon(loop, requeue, (void*)i, NULL));
  size_t ran;
  ASSERT_OK(wf_loop_run_once(loop, &ran));
  ASSERT_EQ(ran, 3);
  ASSERT_EQ(host.macrotasks, 1);
  ASSERT_OK(wf_loop_run_once(loop, &ran));
  /* the two left over run before the three that the first drain queued */
  int expected[] = {0, 1, 2, 3, 4, 100, 101, 102};
  ASSERT_EQ(log_.count, 6);
  for (int i = 0; i < 6; i++) ASSERT_EQ(log_.order[i], expected[i]);
  while (wf_loop_ready_count(loop) > 0) ASSERT_OK(wf_loop_run_once(loop, NULL));
  ASSERT_EQ(log_.order[7], 102);
  ASSERT_OK(wf_loop_close(loop));
}

static void nothing(void* arg) {}

TEST(the_time_budget_moves_work_to_a_macrotask) {
  fake_host host = {0};
  host.tick = 1.0; /* every clock read is one ms later */
  wf_loop* loop = fake_loop(&host);
  ASSERT_OK(wf_loop_set_budget(loop, 1000000, 3));
  for (int i = 0; i < 1000; i++) ASSERT_OK(wf_loop_call_soon(loop, nothing, NULL, NULL));
  size_t ran;
  ASSERT_OK(wf_loop_run_once(loop, &ran));
  ASSERT(ran < 1000);
  ASSERT_EQ(host.macrotasks, 1);
  while (wf_loop_ready_count(loop) > 0) ASSERT_OK(wf_loop_run_once(loop, NULL));
  ASSERT_OK(wf_loop_close(loop));
}

TEST(budget_rejects_zero_and_nan) {
  wf_loop* loop;
  ASSERT_OK(wf_loop_new(&loop, NULL));
  uint32_t count;
  double ms;
  ASSERT_OK(wf_loop_get_budget(loop, &count, &ms));
  ASSERT_EQ(count, 10000);
  ASSERT_EQ(wf_loop_set_budget(loop, 0, 5), WF_EINVAL);
  ASSERT_EQ(wf_loop_set_budget(loop, 5, 0.0 / 0.0), WF_EINVAL);
  ASSERT_EQ(wf_loop_set_budget(loop, 5, -1), WF_EINVAL);
  ASSERT_EQ(wf_loop_set_budget(NULL, 5, 5), WF_EINVAL);
  ASSERT_EQ(wf_loop_get_budget(loop, NULL, &ms), WF_EINVAL);
  ASSERT_OK(wf_loop_get_budget(loop, &count, &ms));
  ASSERT_EQ(count, 10000);
  ASSERT_OK(wf_loop_close(loop));
}

TEST(null_and_missing_arguments_are_einval) {
  wf_loop* loop;
  ASSERT_EQ(wf_loop_new(NULL, NULL), WF_EINVAL);
  wf_loop_hooks partial = {fake_schedule, NULL, fake_now, NULL};
  ASSERT_EQ(wf_loop_new(&loop, &partial), WF_EINVAL);
  ASSERT_OK(wf_loop_new(&loop, NULL));
  ASSERT_EQ(wf_loop_call_soon(NULL, nothing, NULL, NULL), WF_EINVAL);
  ASSERT_EQ(wf_loop_call_soon(loop, NULL, NULL, NULL), WF_EINVAL);
  ASSERT_EQ(wf_loop_run_once(NULL, NULL), WF_EINVAL);
  ASSERT_EQ(wf_loop_close(NULL), WF_EINVAL);
  ASSERT_EQ(wf_handle_cancel(NULL), WF_EINVAL);
  ASSERT_EQ(wf_handle_cancelled(NULL), WF_EINVAL);
  ASSERT_EQ(wf_loop_set_exception_handler(NULL, NULL, NULL), WF_EINVAL);
  ASSERT_EQ(wf_loop_call_exception_handler(loop, NULL), WF_EINVAL);
  wf_exception_context no_message = {NULL, NULL, NULL};
  ASSERT_EQ(wf_loop_call_exception_handler(loop, &no_message), WF_EINVAL);
  ASSERT_EQ(wf_loop_fire_timers(NULL), WF_EINVAL);
  ASSERT_EQ(wf_loop_advance_time(NULL, 1), WF_EINVAL);
  ASSERT_EQ(wf_loop_get_budget(NULL, NULL, NULL), WF_EINVAL);
  ASSERT(wf_loop_time(NULL) != wf_loop_time(NULL)); /* NaN */
  ASSERT_EQ(wf_loop_timer_count(NULL), 0);
  ASSERT_EQ(wf_loop_ready_count(NULL), 0);
  ASSERT_EQ(wf_loop_drain_count(NULL), 0);
  wf_handle_retain(NULL);
  wf_handle_release(NULL);
  ASSERT_EQ(wf_loop_ready_count(loop), 0);
  ASSERT_OK(wf_loop_close(loop));
}

static const char* handled;
static void handler(wf_loop* loop, const wf_exception_context* ctx, void* arg) {
  handled = ctx->message;
  *(int*)arg += 1;
}

TEST(the_exception_handler_receives_the_context) {
  wf_loop* loop;
  ASSERT_OK(wf_loop_new(&loop, NULL));
  int calls = 0;
  ASSERT_OK(wf_loop_set_exception_handler(loop, handler, &calls));
  wf_exception_context ctx = {"something broke", NULL, NULL};
  ASSERT_OK(wf_loop_call_exception_handler(loop, &ctx));
  ASSERT_EQ(calls, 1);
  ASSERT_STR_EQ(handled, "something broke");
  ASSERT_OK(wf_loop_close(loop));
}

TEST(the_default_loop_is_created_once) {
  wf_loop* a = wf_loop_default();
  ASSERT_NOT_NULL(a);
  ASSERT(a == wf_loop_default());
  ASSERT_OK(wf_loop_close(a));
}

RUN_TESTS(TEST_ENTRY(call_soon_runs_in_fifo_order),
          TEST_ENTRY(a_drain_runs_only_what_was_ready_when_it_began),
          TEST_ENTRY(one_microtask_serves_a_batch),
          TEST_ENTRY(callbacks_queued_by_a_drain_schedule_one_more_microtask),
          TEST_ENTRY(a_cancelled_handle_never_runs),
          TEST_ENTRY(a_callback_can_cancel_a_handle_of_the_same_drain),
          TEST_ENTRY(a_drain_inside_a_drain_is_busy),
          TEST_ENTRY(a_self_rescheduling_chain_moves_to_a_macrotask_past_the_count_budget),
          TEST_ENTRY(a_long_batch_stops_on_its_budget_and_keeps_fifo_order),
          TEST_ENTRY(the_time_budget_moves_work_to_a_macrotask),
          TEST_ENTRY(budget_rejects_zero_and_nan), TEST_ENTRY(null_and_missing_arguments_are_einval),
          TEST_ENTRY(the_exception_handler_receives_the_context),
          TEST_ENTRY(the_default_loop_is_created_once))
