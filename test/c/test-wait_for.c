#include "fixture.h"

TEST(the_result_arrives_before_the_timeout) {
  setup();
  wf_future* inner = pending();
  wf_future* outer;
  ASSERT_OK(wf_wait_for(inner, 100, &outer));
  advance(50);
  resolve_int(inner, 9);
  drain();
  ASSERT_EQ(int_result(outer), 9);
  ASSERT_EQ(wf_loop_timer_count(loop), 0);
  wf_future_release(inner);
  wf_future_release(outer);
  teardown();
}

TEST(past_the_timeout_the_inner_is_cancelled_and_it_fails_with_etimedout) {
  setup();
  wf_future* inner = pending();
  wf_future* outer;
  ASSERT_OK(wf_wait_for(inner, 100, &outer));
  advance(100);
  ASSERT_EQ(wf_future_cancelled(inner), 1);
  ASSERT_EQ(error_code(outer), WF_ETIMEDOUT);
  wf_future_release(inner);
  wf_future_release(outer);
  teardown();
}

TEST(cancelling_it_cancels_the_inner_with_the_message) {
  setup();
  wf_future* inner = pending();
  wf_future* outer;
  ASSERT_OK(wf_wait_for(inner, 100, &outer));
  ASSERT_OK(wf_future_cancel(outer, "outer said so", NULL));
  drain();
  const char* msg;
  ASSERT_OK(wf_future_cancel_message(inner, &msg));
  ASSERT_STR_EQ(msg, "outer said so");
  ASSERT_EQ(wf_loop_timer_count(loop), 0);
  wf_future_release(inner);
  wf_future_release(outer);
  teardown();
}

TEST(no_timeout_arms_no_timer) {
  setup();
  wf_future* inner = pending();
  wf_future* outer;
  ASSERT_OK(wf_wait_for(inner, INFINITY, &outer));
  ASSERT_EQ(wf_loop_timer_count(loop), 0);
  ASSERT_OK(wf_future_set_error(inner, 4, "inner failed"));
  drain();
  ASSERT_EQ(error_code(outer), 4);
  wf_future_release(inner);
  wf_future_release(outer);
  teardown();
}

TEST(a_future_already_done_resolves_at_once) {
  setup();
  wf_future* inner = resolved_int(3);
  wf_future* outer;
  ASSERT_OK(wf_wait_for(inner, 0, &outer));
  ASSERT_EQ(int_result(outer), 3);
  wf_future_release(inner);
  wf_future_release(outer);
  teardown();
}

TEST(a_timeout_of_zero_on_a_pending_future_times_out_at_once) {
  setup();
  wf_future* inner = pending();
  wf_future* outer;
  ASSERT_OK(wf_wait_for(inner, -5, &outer));
  ASSERT_EQ(wf_future_cancelled(inner), 1);
  ASSERT_EQ(error_code(outer), WF_ETIMEDOUT);
  wf_future_release(inner);
  wf_future_release(outer);
  teardown();
}

TEST(a_timeout_of_minus_infinity_times_out_at_once) {
  setup();
  wf_future* inner = pending();
  wf_future* outer;
  ASSERT_OK(wf_wait_for(inner, -INFINITY, &outer));
  ASSERT_EQ(wf_future_cancelled(inner), 1);
  ASSERT_EQ(error_code(outer), WF_ETIMEDOUT);
  ASSERT_EQ(wf_loop_timer_count(loop), 0);
  wf_future_release(inner);
  wf_future_release(outer);
  teardown();
}

TEST(an_inner_cancelled_elsewhere_cancels_it) {
  setup();
  wf_future* inner = pending();
  wf_future* outer;
  ASSERT_OK(wf_wait_for(inner, 100, &outer));
  ASSERT_OK(wf_future_cancel(inner, "elsewhere", NULL));
  drain();
  ASSERT_EQ(wf_future_cancelled(outer), 1);
  wf_future_release(inner);
  wf_future_release(outer);
  teardown();
}

TEST(bad_input_is_einval) {
  setup();
  wf_future* inner = pending();
  wf_future* outer = NULL;
  ASSERT_EQ(wf_wait_for(NULL, 1, &outer), WF_EINVAL);
  ASSERT_EQ(wf_wait_for(inner, NAN, &outer), WF_EINVAL);
  ASSERT_EQ(wf_wait_for(inner, 1, NULL), WF_EINVAL);
  ASSERT_NULL(outer);
  ASSERT_EQ(wf_future_done(inner), 0);
  wf_future_release(inner);
  teardown();
}

TEST(dropping_it_without_a_timeout_frees_it_and_an_inner_never_done) {
  setup();
  wf_future* inner = pending();
  wf_future* outer;
  ASSERT_OK(wf_wait_for(inner, INFINITY, &outer));
  wf_future_release(outer);
  wf_future_release(inner);
  teardown();
}

TEST(dropping_it_keeps_the_timeout_which_still_cancels_the_inner) {
  setup();
  wf_future* inner = pending();
  wf_future* outer;
  ASSERT_OK(wf_wait_for(inner, 10, &outer));
  wf_future_release(outer);
  advance(10);
  ASSERT_EQ(wf_future_cancelled(inner), 1);
  wf_future_release(inner);
  teardown();
}

RUN_TESTS(TEST_ENTRY(the_result_arrives_before_the_timeout),
          TEST_ENTRY(past_the_timeout_the_inner_is_cancelled_and_it_fails_with_etimedout),
          TEST_ENTRY(cancelling_it_cancels_the_inner_with_the_message),
          TEST_ENTRY(no_timeout_arms_no_timer), TEST_ENTRY(a_future_already_done_resolves_at_once),
          TEST_ENTRY(a_timeout_of_zero_on_a_pending_future_times_out_at_once),
          TEST_ENTRY(a_timeout_of_minus_infinity_times_out_at_once),
          TEST_ENTRY(an_inner_cancelled_elsewhere_cancels_it), TEST_ENTRY(bad_input_is_einval),
          TEST_ENTRY(dropping_it_without_a_timeout_frees_it_and_an_inner_never_done),
          TEST_ENTRY(dropping_it_keeps_the_timeout_which_still_cancels_the_inner))
