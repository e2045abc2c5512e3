#include <math.h>

#include "hooks.h"
#include "task.h"

static int order[256];
static int fired;
static void record(void* arg) { order[fired++] = (int)(intptr_t)arg; }

static void drain(wf_loop* loop) {
  while (wf_loop_ready_count(loop) > 0) ASSERT_OK(wf_loop_run_once(loop, NULL));
}

TEST(timers_fire_by_due_time_then_by_scheduling_order) {
  wf_loop* loop;
  ASSERT_OK(wf_loop_new(&loop, NULL));
  fired = 0;
  ASSERT_OK(wf_loop_call_later(loop, 30, record, (void*)3, NULL));
  ASSERT_OK(wf_loop_call_later(loop, 10, record, (void*)1, NULL));
  ASSERT_OK(wf_loop_call_later(loop, 20, record, (void*)2, NULL));
  ASSERT_OK(wf_loop_call_later(loop, 10, record, (void*)11, NULL));
  ASSERT_EQ(wf_loop_timer_count(loop), 4);
  ASSERT_OK(wf_loop_advance_time(loop, 9.5));
  drain(loop);
  ASSERT_EQ(fired, 0);
  ASSERT_OK(wf_loop_advance_time(loop, 20.5));
  drain(loop);
  ASSERT_EQ(fired, 4);
  int expected[] = {1, 11, 2, 3};
  for (int i = 0; i < 4; i++) ASSERT_EQ(order[i], expected[i]);
  ASSERT_OK(wf_loop_close(loop));
}

TEST(call_at_uses_absolute_loop_time_and_when_reports_it) {
  wf_loop* loop;
  ASSERT_OK(wf_loop_new(&loop, NULL));
  fired = 0;
  ASSERT_OK(wf_loop_advance_time(loop, 100));
  ASSERT_EQ(wf_loop_time(loop), 100);
  wf_handle* h;
  ASSERT_OK(wf_loop_call_at(loop, 150, record, (void*)1, &h));
  double when;
  ASSERT_OK(wf_handle_when(h, &when));
  ASSERT_EQ(when, 150);
  ASSERT_OK(wf_loop_advance_time(loop, 50));
  drain(loop);
  ASSERT_EQ(fired, 1);
  wf_handle_release(h);
  ASSERT_OK(wf_loop_close(loop));
}

TEST(a_negative_delay_is_a_due_time_in_the_past) {
  wf_loop* loop;
  ASSERT_OK(wf_loop_new(&loop, NULL));
  ASSERT_OK(wf_loop_advance_time(loop, 100));
  wf_handle* h;
  ASSERT_OK(wf_loop_call_later(loop, -5, record, NULL, &h));
  double when;
  ASSERT_OK(wf_handle_when(h, &when));
  ASSERT_EQ(when, 95);
  ASSERT_OK(wf_handle_cancel(h));
  wf_handle_release(h);
  ASSERT_OK(wf_loop_close(loop));
}

TEST(past_timers_run_in_order_of_due_time_not_of_scheduling) {
  wf_loop* loop;
  ASSERT_OK(wf_loop_new(&loop, NULL));
  fired = 0;
  ASSERT_OK(wf_loop_call_later(loop, 0, record, (void*)1, NULL));
  ASSERT_OK(wf_loop_call_later(loop, -5, record, (void*)2, NULL));
  ASSERT_OK(wf_loop_call_at(loop, -INFINITY, record, (void*)3, NULL));
  ASSERT_OK(wf_loop_call_later(loop, -5, record, (void*)4, NULL));
  ASSERT_OK(wf_loop_advance_time(loop, 0));
  drain(loop);
  ASSERT_EQ(fired, 4);
  int expected[] = {3, 2, 4, 1};
  for (int i = 0; i < 4; i++) ASSERT_EQ(order[i], expected[i]);
  ASSERT_OK(wf_loop_close(loop));
}

TEST(nan_times_are_rejected) {
  wf_loop* loop;
  ASSERT_OK(wf_loop_new(&loop, NULL));
  ASSERT_EQ(wf_loop_call_later(loop, NAN, record, NULL, NULL), WF_EINVAL);
  ASSERT_EQ(wf_loop_call_at(loop, NAN, record, NULL, NULL), WF_EINVAL);
  ASSERT_EQ(wf_loop_call_later(loop, 1, NULL, NULL, NULL), WF_EINVAL);
  ASSERT_EQ(wf_loop_call_later(NULL, 1, record, NULL, NULL), WF_EINVAL);
  ASSERT_EQ(wf_loop_advance_time(loop, -1), WF_EINVAL);
  ASSERT_EQ(wf_loop_timer_count(loop), 0);
  ASSERT_OK(wf_loop_close(loop));
}

TEST(a_timer_due_before_zero_arms_the_host_timer_for_zero) {
  fake_host host = {0};
  wf_loop* loop = fake_loop(&host);
  fired = 0;
  host.now = 50;
  ASSERT_OK(wf_loop_call_at(loop, -5, record, (void*)1, NULL));
  ASSERT_EQ(host.armed, 0);
  ASSERT_OK(wf_loop_fire_timers(loop));
  drain(loop);
  ASSERT_EQ(fired, 1);
  ASSERT_OK(wf_loop_close(loop));
}

TEST(a_timer_due_before_zero_does_not_stall_the_timers_behind_it) {
  fake_host host = {0};
  wf_loop* loop = fake_loop(&host);
  fired = 0;
  ASSERT_OK(wf_loop_call_at(loop, -5, record, (void*)1, NULL));
  ASSERT_OK(wf_loop_call_later(loop, 10, record, (void*)2, NULL));
  ASSERT_OK(wf_loop_fire_timers(loop));
  drain(loop);
  ASSERT_EQ(fired, 1);
  ASSERT_EQ(host.armed, 10);
  host.now = 10;
  ASSERT_OK(wf_loop_fire_timers(loop));
  drain(loop);
  ASSERT_EQ(fired, 2);
  ASSERT_OK(wf_loop_close(loop));
}

TEST(a_timer_never_due_arms_no_host_timer) {
  fake_host host = {0};
  wf_loop* loop = fake_loop(&host);
  wf_handle *never, *later;
  ASSERT_OK(wf_loop_call_later(loop, INFINITY, record, NULL, &never));
  ASSERT_EQ(host.arms, 0);
  ASSERT_OK(wf_loop_call_later(loop, 10, record, NULL, &later));
  ASSERT_EQ(host.armed, 10);
  ASSERT_OK(wf_handle_cancel(later));
  ASSERT_EQ(host.armed, -1);
  double when;
  ASSERT_OK(wf_handle_when(never, &when));
  ASSERT(when == INFINITY);
  ASSERT_EQ(wf_loop_timer_count(loop), 1);
  ASSERT_OK(wf_handle_cancel(never));
  wf_handle_release(never);
  wf_handle_release(later);
  ASSERT_OK(wf_loop_close(loop));
}

TEST(the_manual_clock_stays_finite_so_a_timer_never_due_never_runs) {
  wf_loop* loop;
  ASSERT_OK(wf_loop_new(&loop, NULL));
  fired = 0;
  wf_handle* never;
  ASSERT_OK(wf_loop_call_at(loop, INFINITY, record, NULL, &never));
  ASSERT_EQ(wf_loop_advance_time(loop, INFINITY), WF_EINVAL);
  ASSERT_OK(wf_loop_advance_time(loop, 1e308));
  ASSERT_EQ(wf_loop_advance_time(loop, 1e308), WF_EINVAL);
  ASSERT(wf_loop_time(loop) == 1e308);
  drain(loop);
  ASSERT_EQ(fired, 0);
  ASSERT_OK(wf_handle_cancel(never));
  wf_handle_release(never);
  ASSERT_OK(wf_loop_close(loop));
}

TEST(a_huge_delay_is_pending_and_never_fires_early) {
  wf_loop* loop;
  ASSERT_OK(wf_loop_new(&loop, NULL));
  fired = 0;
  wf_handle* h;
  ASSERT_OK(wf_loop_call_later(loop, 1e308, record, NULL, &h));
  ASSERT_OK(wf_loop_advance_time(loop, 1e300));
  drain(loop);
  ASSERT_EQ(fired, 0);
  ASSERT_EQ(wf_loop_timer_count(loop), 1);
  ASSERT_OK(wf_handle_cancel(h));
  wf_handle_release(h);
  ASSERT_OK(wf_loop_close(loop));
}

TEST(a_cancelled_timer_never_fires_and_the_host_timer_follows_the_earliest) {
  fake_host host = {0};
  wf_loop* loop = fake_loop(&host);
  fired = 0;
  wf_handle *a, *b;
  ASSERT_OK(wf_loop_call_later(loop, 10, record, (void*)1, &a));
  ASSERT_EQ(host.armed, 10);
  ASSERT_OK(wf_loop_call_later(loop, 20, record, (void*)2, &b));
  ASSERT_EQ(host.armed, 10);
  ASSERT_OK(wf_handle_cancel(a));
  ASSERT_EQ(host.armed, 20);
  ASSERT_OK(wf_handle_cancel(b));
  ASSERT_EQ(host.armed, -1);
  ASSERT_EQ(wf_loop_timer_count(loop), 0);
  host.now = 100;
  ASSERT_OK(wf_loop_fire_timers(loop));
  drain(loop);
  ASSERT_EQ(fired, 0);
  wf_handle_release(a);
  wf_handle_release(b);
  ASSERT_OK(wf_loop_close(loop));
}

TEST(advance_time_needs_the_native_clock) {
  fake_host host = {0};
  wf_loop* loop = fake_loop(&host);
  ASSERT_EQ(wf_loop_advance_time(loop, 1), WF_EINVAL);
  ASSERT_OK(wf_loop_close(loop));
}

static wf_handle* victim;
static void cancel_victim(void* arg) { wf_handle_cancel(victim); }

TEST(a_timer_cancelled_by_a_callback_in_the_same_drain_does_not_run) {
  wf_loop* loop;
  ASSERT_OK(wf_loop_new(&loop, NULL));
  fired = 0;
  ASSERT_OK(wf_loop_call_later(loop, 5, cancel_victim, NULL, NULL));
  ASSERT_OK(wf_loop_call_later(loop, 5, record, (void*)1, &victim));
  ASSERT_OK(wf_loop_advance_time(loop, 5));
  drain(loop);
  ASSERT_EQ(fired, 0);
  wf_handle_release(victim);
  ASSERT_OK(wf_loop_close(loop));
}

TEST(the_heap_keeps_order_through_many_inserts_and_cancels) {
  wf_loop* loop;
  ASSERT_OK(wf_loop_new(&loop, NULL));
  fired = 0;
  wf_handle* handles[200];
  unsigned seed = 12345;
  for (intptr_t i = 0; i < 200; i++) {
    seed = seed * 1103515245u + 12345u;
    ASSERT_OK(wf_loop_call_later(loop, (double)(seed % 1000), record, (void*)i, &handles[i]));
  }
  for (int i = 0; i < 200; i += 3) ASSERT_OK(wf_handle_cancel(handles[i]));
  ASSERT_OK(wf_loop_advance_time(loop, 1000));
  drain(loop);
  ASSERT_EQ(fired, 200 - 67);
  double previous = -1;
  for (int i = 0; i < fired; i++) {
    double when;
    ASSERT(order[i] % 3 != 0);
    ASSERT_OK(wf_handle_when(handles[order[i]], &when));
    ASSERT(when >= previous);
    previous = when;
  }
  for (int i = 0; i < 200; i++) wf_handle_release(handles[i]);
  ASSERT_OK(wf_loop_close(loop));
}

TEST(when_is_only_for_timers) {
  wf_loop* loop;
  ASSERT_OK(wf_loop_new(&loop, NULL));
  wf_handle* h;
  ASSERT_OK(wf_loop_call_soon(loop, record, NULL, &h));
  double when;
  ASSERT_EQ(wf_handle_when(h, &when), WF_EINVAL);
  ASSERT_EQ(wf_handle_when(NULL, &when), WF_EINVAL);
  ASSERT_OK(wf_handle_cancel(h));
  wf_handle_release(h);
  ASSERT_OK(wf_loop_close(loop));
}

RUN_TESTS(TEST_ENTRY(timers_fire_by_due_time_then_by_scheduling_order),
          TEST_ENTRY(call_at_uses_absolute_loop_time_and_when_reports_it),
          TEST_ENTRY(a_negative_delay_is_a_due_time_in_the_past),
          TEST_ENTRY(past_timers_run_in_order_of_due_time_not_of_scheduling),
          TEST_ENTRY(nan_times_are_rejected),
          TEST_ENTRY(a_timer_due_before_zero_arms_the_host_timer_for_zero),
          TEST_ENTRY(a_timer_due_before_zero_does_not_stall_the_timers_behind_it),
          TEST_ENTRY(a_timer_never_due_arms_no_host_timer),
          TEST_ENTRY(a_huge_delay_is_pending_and_never_fires_early),
          TEST_ENTRY(the_manual_clock_stays_finite_so_a_timer_never_due_never_runs),
          TEST_ENTRY(a_cancelled_timer_never_fires_and_the_host_timer_follows_the_earliest),
          TEST_ENTRY(advance_time_needs_the_native_clock),
          TEST_ENTRY(a_timer_cancelled_by_a_callback_in_the_same_drain_does_not_run),
          TEST_ENTRY(the_heap_keeps_order_through_many_inserts_and_cancels),
          TEST_ENTRY(when_is_only_for_timers))
