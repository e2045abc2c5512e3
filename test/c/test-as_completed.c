#include "fixture.h"

static wf_future* yielded(wf_future* slot) {
  const wf_value* v = NULL;
  ASSERT_OK(wf_future_result(slot, &v));
  ASSERT_EQ(v->type, WF_VALUE_FUTURE);
  return v->as.future;
}

TEST(slots_resolve_in_completion_order_each_input_once) {
  setup();
  wf_future* a = pending();
  wf_future* f[4] = {a, pending(), pending(), a};
  wf_future_list* slots;
  ASSERT_OK(wf_as_completed(loop, f, 4, INFINITY, &slots));
  ASSERT_EQ(slots->count, 3);
  resolve_int(f[2], 2);
  drain();
  ASSERT(yielded(slots->items[0]) == f[2]);
  ASSERT_EQ(wf_future_done(slots->items[1]), 0);
  resolve_int(a, 0);
  resolve_int(f[1], 1);
  drain();
  ASSERT(yielded(slots->items[1]) == a);
  ASSERT(yielded(slots->items[2]) == f[1]);
  wf_future_list_free(slots);
  release_all(f, 3);
  teardown();
}

TEST(past_the_timeout_the_slots_left_fail_with_etimedout) {
  setup();
  wf_future* f[2] = {pending(), pending()};
  wf_future_list* slots;
  ASSERT_OK(wf_as_completed(loop, f, 2, 10, &slots));
  resolve_int(f[0], 0);
  advance(10);
  ASSERT(yielded(slots->items[0]) == f[0]);
  ASSERT_EQ(error_code(slots->items[1]), WF_ETIMEDOUT);
  ASSERT_NULL(f[1]->callback0.cb);
  ASSERT_EQ(wf_future_done(f[1]), 0);
  resolve_int(f[1], 1);
  wf_future_list_free(slots);
  release_all(f, 2);
  teardown();
}

TEST(a_timeout_of_minus_infinity_times_out_at_once) {
  setup();
  wf_future* f[1] = {pending()};
  wf_future_list* slots;
  ASSERT_OK(wf_as_completed(loop, f, 1, -INFINITY, &slots));
  advance(0);
  ASSERT_EQ(error_code(slots->items[0]), WF_ETIMEDOUT);
  ASSERT_EQ(wf_future_done(f[0]), 0);
  wf_future_list_free(slots);
  release_all(f, 1);
  teardown();
}

TEST(cancelling_every_slot_stops_watching) {
  setup();
  wf_future* f[2] = {pending(), pending()};
  wf_future_list* slots;
  ASSERT_OK(wf_as_completed(loop, f, 2, 1000, &slots));
  for (size_t i = 0; i < slots->count; i++) ASSERT_OK(wf_future_cancel(slots->items[i], NULL, NULL));
  drain();
  ASSERT_EQ(wf_loop_timer_count(loop), 0);
  ASSERT_NULL(f[0]->callback0.cb);
  wf_future_list_free(slots);
  release_all(f, 2);
  teardown();
}

TEST(a_cancelled_slot_is_skipped) {
  setup();
  wf_future* f[2] = {pending(), pending()};
  wf_future_list* slots;
  ASSERT_OK(wf_as_completed(loop, f, 2, INFINITY, &slots));
  ASSERT_OK(wf_future_cancel(slots->items[0], NULL, NULL));
  resolve_int(f[1], 1);
  drain();
  ASSERT(yielded(slots->items[1]) == f[1]);
  resolve_int(f[0], 0);
  drain();
  wf_future_list_free(slots);
  release_all(f, 2);
  teardown();
}

TEST(no_inputs_make_no_slots) {
  setup();
  wf_future_list* slots;
  ASSERT_OK(wf_as_completed(loop, NULL, 0, 5, &slots));
  ASSERT_EQ(slots->count, 0);
  advance(10);
  wf_future_list_free(slots);
  wf_future_list_free(NULL);
  teardown();
}

TEST(no_inputs_arm_no_timer) {
  setup();
  wf_future_list* slots;
  ASSERT_OK(wf_as_completed(loop, NULL, 0, 1e308, &slots));
  ASSERT_EQ(wf_loop_timer_count(loop), 0);
  wf_future_list_free(slots);
  teardown();
}

TEST(bad_input_is_einval) {
  setup();
  wf_future* null_input[1] = {NULL};
  wf_future_list* slots = NULL;
  ASSERT_EQ(wf_as_completed(loop, NULL, 1, INFINITY, &slots), WF_EINVAL);
  ASSERT_EQ(wf_as_completed(loop, null_input, 1, INFINITY, &slots), WF_EINVAL);
  ASSERT_EQ(wf_as_completed(loop, NULL, 0, NAN, &slots), WF_EINVAL);
  ASSERT_EQ(wf_as_completed(loop, NULL, 0, INFINITY, NULL), WF_EINVAL);
  ASSERT_NULL(slots);
  teardown();
}

TEST(dropping_the_slots_with_an_input_never_done_frees_everything) {
  setup();
  wf_future* f[2] = {pending(), pending()};
  wf_future_list* slots;
  ASSERT_OK(wf_as_completed(loop, f, 2, 1000, &slots));
  resolve_int(f[0], 0);
  drain();
  wf_future_list_free(slots);
  ASSERT_EQ(wf_loop_timer_count(loop), 0);
  release_all(f, 2);
  teardown();
}

RUN_TESTS(TEST_ENTRY(slots_resolve_in_completion_order_each_input_once),
          TEST_ENTRY(past_the_timeout_the_slots_left_fail_with_etimedout),
          TEST_ENTRY(a_timeout_of_minus_infinity_times_out_at_once),
          TEST_ENTRY(cancelling_every_slot_stops_watching), TEST_ENTRY(a_cancelled_slot_is_skipped),
          TEST_ENTRY(no_inputs_make_no_slots), TEST_ENTRY(no_inputs_arm_no_timer),
          TEST_ENTRY(bad_input_is_einval),
          TEST_ENTRY(dropping_the_slots_with_an_input_never_done_frees_everything))
