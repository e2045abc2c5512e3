#include "fixture.h"

static int seen;
static void record(wf_future* f, void* arg) { seen = (int)int_result(f); }

TEST(cancelling_the_shield_leaves_the_inner_running) {
  setup();
  wf_future* inner = pending();
  wf_future* outer;
  ASSERT_OK(wf_shield(inner, &outer));
  ASSERT_OK(wf_future_add_done_callback(inner, record, NULL));
  ASSERT_OK(wf_future_cancel(outer, NULL, NULL));
  drain();
  ASSERT_EQ(wf_future_done(inner), 0);
  resolve_int(inner, 11);
  drain();
  ASSERT_EQ(seen, 11);
  ASSERT_EQ(wf_future_cancelled(outer), 1);
  wf_future_release(inner);
  wf_future_release(outer);
  teardown();
}

static int reports;
static void count_report(wf_loop* l, const wf_exception_context* ctx, void* arg) { reports++; }

TEST(an_inner_that_fails_after_the_shield_was_cancelled_is_not_reported_as_unretrieved) {
  setup();
  reports = 0;
  ASSERT_OK(wf_loop_set_exception_handler(loop, count_report, NULL));
  wf_future* inner = pending();
  wf_future* outer;
  ASSERT_OK(wf_shield(inner, &outer));
  ASSERT_OK(wf_future_cancel(outer, NULL, NULL));
  drain();
  ASSERT_OK(wf_future_set_error(inner, 6, "failed after the shield was cancelled"));
  drain();
  wf_future_release(inner);
  wf_future_release(outer);
  drain();
  ASSERT_EQ(reports, 0);
  teardown();
}

TEST(it_follows_the_inner_result_and_exception) {
  setup();
  wf_future* inner = pending();
  wf_future* outer;
  ASSERT_OK(wf_shield(inner, &outer));
  resolve_int(inner, 5);
  drain();
  ASSERT_EQ(int_result(outer), 5);
  wf_future_release(inner);
  wf_future_release(outer);

  inner = pending();
  ASSERT_OK(wf_shield(inner, &outer));
  ASSERT_OK(wf_future_set_error(inner, 6, "inner broke"));
  drain();
  ASSERT_EQ(error_code(outer), 6);
  wf_future_release(inner);
  wf_future_release(outer);
  teardown();
}

TEST(a_cancelled_inner_cancels_the_shield) {
  setup();
  wf_future* inner = pending();
  wf_future* outer;
  ASSERT_OK(wf_shield(inner, &outer));
  ASSERT_OK(wf_future_cancel(inner, "inner stopped", NULL));
  drain();
  const char* msg;
  ASSERT_OK(wf_future_cancel_message(outer, &msg));
  ASSERT_STR_EQ(msg, "inner stopped");
  wf_future_release(inner);
  wf_future_release(outer);
  teardown();
}

TEST(a_done_future_is_returned_as_it_is) {
  setup();
  wf_future* inner = resolved_int(1);
  wf_future* outer;
  ASSERT_OK(wf_shield(inner, &outer));
  ASSERT(outer == inner);
  wf_future_release(inner);
  wf_future_release(outer);
  teardown();
}

TEST(bad_input_is_einval) {
  setup();
  wf_future* inner = pending();
  wf_future* outer = NULL;
  ASSERT_EQ(wf_shield(NULL, &outer), WF_EINVAL);
  ASSERT_EQ(wf_shield(inner, NULL), WF_EINVAL);
  ASSERT_NULL(outer);
  wf_future_release(inner);
  teardown();
}

TEST(dropping_it_and_an_inner_never_done_frees_both) {
  setup();
  wf_future* inner = pending();
  wf_future* outer;
  ASSERT_OK(wf_shield(inner, &outer));
  wf_future_release(outer);
  wf_future_release(inner);
  teardown();
}

TEST(cancelling_it_then_dropping_both_with_the_inner_never_done_frees_both) {
  setup();
  wf_future* inner = pending();
  wf_future* outer;
  ASSERT_OK(wf_shield(inner, &outer));
  ASSERT_OK(wf_future_cancel(outer, NULL, NULL));
  drain();
  wf_future_release(outer);
  wf_future_release(inner);
  teardown();
}

RUN_TESTS(TEST_ENTRY(cancelling_the_shield_leaves_the_inner_running),
          TEST_ENTRY(cancelling_it_then_dropping_both_with_the_inner_never_done_frees_both),
          TEST_ENTRY(an_inner_that_fails_after_the_shield_was_cancelled_is_not_reported_as_unretrieved),
          TEST_ENTRY(it_follows_the_inner_result_and_exception),
          TEST_ENTRY(a_cancelled_inner_cancels_the_shield),
          TEST_ENTRY(a_done_future_is_returned_as_it_is), TEST_ENTRY(bad_input_is_einval),
          TEST_ENTRY(dropping_it_and_an_inner_never_done_frees_both))
