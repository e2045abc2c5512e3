#include "fixture.h"

TEST(it_resolves_to_its_value_after_the_delay) {
  setup();
  wf_value v = wf_value_string("rested");
  wf_future* f;
  ASSERT_OK(wf_sleep(loop, 30, &v, &f));
  advance(29);
  ASSERT_EQ(wf_future_done(f), 0);
  advance(1);
  const wf_value* out;
  ASSERT_OK(wf_future_result(f, &out));
  ASSERT_STR_EQ(out->as.string, "rested");
  wf_future_release(f);
  teardown();
}

TEST(cancelling_it_cancels_its_timer) {
  setup();
  wf_future* f;
  ASSERT_OK(wf_sleep(loop, 1e9, NULL, &f));
  ASSERT_EQ(wf_loop_timer_count(loop), 1);
  ASSERT_OK(wf_future_cancel(f, NULL, NULL));
  drain();
  ASSERT_EQ(wf_loop_timer_count(loop), 0);
  wf_future_release(f);
  teardown();
}

TEST(a_negative_delay_is_due_at_once_and_no_value_is_none) {
  setup();
  wf_future* f;
  ASSERT_OK(wf_sleep(loop, -1, NULL, &f));
  advance(0);
  const wf_value* out;
  ASSERT_OK(wf_future_result(f, &out));
  ASSERT_EQ(out->type, WF_VALUE_NONE);
  wf_future_release(f);
  teardown();
}

TEST(a_sleep_of_minus_infinity_is_due_at_once) {
  setup();
  wf_future* f;
  ASSERT_OK(wf_sleep(loop, -INFINITY, NULL, &f));
  ASSERT_EQ(wf_loop_timer_count(loop), 1);
  advance(0);
  ASSERT_EQ(wf_future_done(f), 1);
  wf_future_release(f);
  teardown();
}

TEST(an_endless_sleep_arms_no_timer) {
  setup();
  wf_future* f;
  ASSERT_OK(wf_sleep(loop, INFINITY, NULL, &f));
  ASSERT_EQ(wf_loop_timer_count(loop), 0);
  ASSERT_OK(wf_future_cancel(f, NULL, NULL));
  wf_future_release(f);
  teardown();
}

TEST(dropping_it_unfinished_frees_everything) {
  setup();
  wf_future* f;
  wf_value v = wf_value_bytes("abc", 3);
  ASSERT_OK(wf_sleep(loop, 10, &v, &f));
  wf_future_release(f);
  advance(10);
  teardown();
}

TEST(bad_input_is_einval) {
  setup();
  wf_future* f = NULL;
  wf_value bad = wf_value_none();
  bad.type = 77;
  ASSERT_EQ(wf_sleep(loop, NAN, NULL, &f), WF_EINVAL);
  ASSERT_EQ(wf_sleep(loop, 1, NULL, NULL), WF_EINVAL);
  ASSERT_EQ(wf_sleep(loop, 1, &bad, &f), WF_EINVAL);
  ASSERT_NULL(f);
  teardown();
}

TEST(dropping_an_endless_sleep_frees_it) {
  setup();
  wf_future* f;
  ASSERT_OK(wf_sleep(loop, INFINITY, NULL, &f));
  wf_future_release(f);
  teardown();
}

RUN_TESTS(TEST_ENTRY(it_resolves_to_its_value_after_the_delay),
          TEST_ENTRY(cancelling_it_cancels_its_timer),
          TEST_ENTRY(a_negative_delay_is_due_at_once_and_no_value_is_none),
          TEST_ENTRY(a_sleep_of_minus_infinity_is_due_at_once),
          TEST_ENTRY(an_endless_sleep_arms_no_timer), TEST_ENTRY(dropping_it_unfinished_frees_everything),
          TEST_ENTRY(bad_input_is_einval),
          TEST_ENTRY(dropping_an_endless_sleep_frees_it))
