#include "fixture.h"

static const wf_value* gathered(wf_future* outer, size_t n) {
  const wf_value* v = NULL;
  ASSERT_OK(wf_future_result(outer, &v));
  ASSERT_EQ(v->type, WF_VALUE_ARRAY);
  ASSERT_EQ(v->size, n);
  return v->as.array;
}

TEST(results_come_in_input_order) {
  setup();
  wf_future* c[3] = {pending(), pending(), pending()};
  wf_future* outer;
  ASSERT_OK(wf_gather(loop, c, 3, 0, &outer));
  resolve_int(c[2], 30);
  resolve_int(c[0], 10);
  drain();
  ASSERT_EQ(wf_future_done(outer), 0);
  resolve_int(c[1], 20);
  drain();
  const wf_value* r = gathered(outer, 3);
  ASSERT_EQ(r[0].as.integer, 10);
  ASSERT_EQ(r[1].as.integer, 20);
  ASSERT_EQ(r[2].as.integer, 30);
  release_all(c, 3);
  wf_future_release(outer);
  teardown();
}

TEST(the_first_exception_fails_it_and_the_others_go_on) {
  setup();
  wf_future* c[2] = {pending(), pending()};
  wf_future* outer;
  ASSERT_OK(wf_gather(loop, c, 2, 0, &outer));
  ASSERT_OK(wf_future_set_error(c[0], 7, "first"));
  drain();
  ASSERT_EQ(error_code(outer), 7);
  ASSERT_EQ(wf_future_cancelled(c[1]), 0);
  ASSERT_OK(wf_future_set_error(c[1], 8, "second"));
  drain();
  ASSERT_EQ(error_code(outer), 7);
  release_all(c, 2);
  wf_future_release(outer);
  teardown();
}

TEST(with_return_exceptions_failures_take_their_places) {
  setup();
  wf_future* c[3] = {pending(), pending(), pending()};
  wf_future* outer;
  ASSERT_OK(wf_gather(loop, c, 3, 1, &outer));
  ASSERT_OK(wf_future_set_error(c[0], 5, "bad"));
  ASSERT_OK(wf_future_cancel(c[1], "stopped", NULL));
  resolve_int(c[2], 3);
  drain();
  const wf_value* r = gathered(outer, 3);
  ASSERT_EQ(r[0].type, WF_VALUE_ERROR);
  ASSERT_EQ(r[0].as.error.code, 5);
  ASSERT_EQ(r[1].as.error.code, WF_ECANCELLED);
  ASSERT_STR_EQ(r[1].as.error.message, "stopped");
  ASSERT_EQ(r[2].as.integer, 3);
  release_all(c, 3);
  wf_future_release(outer);
  teardown();
}

TEST(a_cancelled_child_fails_it_with_ecancelled) {
  setup();
  wf_future* c[2] = {pending(), pending()};
  wf_future* outer;
  ASSERT_OK(wf_gather(loop, c, 2, 0, &outer));
  ASSERT_OK(wf_future_cancel(c[1], "child gone", NULL));
  drain();
  ASSERT_EQ(error_code(outer), WF_ECANCELLED);
  ASSERT_EQ(wf_future_cancelled(outer), 0);
  ASSERT_OK(wf_future_cancel(c[0], NULL, NULL));
  release_all(c, 2);
  wf_future_release(outer);
  teardown();
}

TEST(cancelling_it_cancels_the_children_not_done_with_the_message) {
  setup();
  wf_future* c[2] = {resolved_int(1), pending()};
  wf_future* outer;
  ASSERT_OK(wf_gather(loop, c, 2, 0, &outer));
  int cancelled = 0;
  ASSERT_OK(wf_future_cancel(outer, "enough", &cancelled));
  ASSERT_EQ(cancelled, 1);
  drain();
  ASSERT_EQ(wf_future_cancelled(c[1]), 1);
  const char* msg;
  ASSERT_OK(wf_future_cancel_message(c[1], &msg));
  ASSERT_STR_EQ(msg, "enough");
  ASSERT_EQ(int_result(c[0]), 1);
  release_all(c, 2);
  wf_future_release(outer);
  teardown();
}

TEST(an_empty_gather_resolves_to_an_empty_array) {
  setup();
  wf_future* outer;
  ASSERT_OK(wf_gather(loop, NULL, 0, 0, &outer));
  ASSERT_EQ(wf_future_done(outer), 1);
  gathered(outer, 0);
  wf_future_release(outer);
  teardown();
}

static int child_callbacks;
static void count_callbacks(wf_future* f, void* arg) { child_callbacks++; }

TEST(a_child_given_twice_is_awaited_once_and_reported_twice) {
  setup();
  wf_future* a = pending();
  wf_future* c[3] = {a, pending(), a};
  wf_future* outer;
  ASSERT_OK(wf_gather(loop, c, 3, 0, &outer));
  /* one gather callback on `a`: removal of ours leaves exactly it */
  ASSERT_OK(wf_future_add_done_callback(a, count_callbacks, NULL));
  ASSERT_EQ(a->callback0.cb != NULL, 1);
  ASSERT_EQ(wf__future_callback_total(a), 2);
  resolve_int(a, 4);
  resolve_int(c[1], 5);
  drain();
  const wf_value* r = gathered(outer, 3);
  ASSERT_EQ(r[0].as.integer, 4);
  ASSERT_EQ(r[1].as.integer, 5);
  ASSERT_EQ(r[2].as.integer, 4);
  wf_future_release(a);
  wf_future_release(c[1]);
  wf_future_release(outer);
  teardown();
}

static wf_future* next_child;
static void complete_next(wf_future* f, void* arg) { resolve_int(next_child, 2); }

TEST(a_child_completing_inside_another_childs_callback) {
  setup();
  wf_future* c[2] = {pending(), pending()};
  next_child = c[1];
  ASSERT_OK(wf_future_add_done_callback(c[0], complete_next, NULL));
  wf_future* outer;
  ASSERT_OK(wf_gather(loop, c, 2, 0, &outer));
  resolve_int(c[0], 1);
  drain();
  const wf_value* r = gathered(outer, 2);
  ASSERT_EQ(r[1].as.integer, 2);
  release_all(c, 2);
  wf_future_release(outer);
  teardown();
}

static wf_future* gather_to_cancel;
static void cancel_gather(wf_future* f, void* arg) {
  wf_future_cancel(gather_to_cancel, "from a child", NULL);
}

TEST(a_gather_cancelled_from_a_childs_callback) {
  setup();
  wf_future* c[2] = {pending(), pending()};
  ASSERT_OK(wf_future_add_done_callback(c[0], cancel_gather, NULL));
  wf_future* outer;
  ASSERT_OK(wf_gather(loop, c, 2, 0, &outer));
  gather_to_cancel = outer;
  resolve_int(c[0], 1);
  drain();
  ASSERT_EQ(wf_future_cancelled(outer), 1);
  ASSERT_EQ(wf_future_cancelled(c[1]), 1);
  release_all(c, 2);
  wf_future_release(outer);
  teardown();
}

static int reports;
static void count_reports(wf_loop* l, const wf_exception_context* ctx, void* arg) { reports++; }

TEST(children_exceptions_count_as_retrieved) {
  setup();
  reports = 0;
  ASSERT_OK(wf_loop_set_exception_handler(loop, count_reports, NULL));
  wf_future* c[2] = {pending(), pending()};
  wf_future* outer;
  ASSERT_OK(wf_gather(loop, c, 2, 0, &outer));
  ASSERT_OK(wf_future_set_error(c[0], 1, "one"));
  ASSERT_OK(wf_future_set_error(c[1], 2, "two"));
  drain();
  const wf_value* e;
  ASSERT_OK(wf_future_exception(outer, &e));
  release_all(c, 2);
  wf_future_release(outer);
  ASSERT_EQ(reports, 0);
  teardown();
}

static int destroyed;
static void destroy_thing(void* p) { destroyed++; }

TEST(a_shared_pointer_result_is_destroyed_once_after_every_holder) {
  setup();
  destroyed = 0;
  static int thing;
  wf_future* c[1] = {pending()};
  wf_value v = wf_value_pointer(&thing, destroy_thing);
  ASSERT_OK(wf_future_set_result(c[0], &v));
  wf_future* outer;
  ASSERT_OK(wf_gather(loop, c, 1, 0, &outer));
  drain();
  const wf_value* r = gathered(outer, 1);
  ASSERT(r[0].as.pointer.ptr == &thing);
  wf_future_release(c[0]);
  ASSERT_EQ(destroyed, 0);
  wf_future_release(outer);
  ASSERT_EQ(destroyed, 1);
  teardown();
}

TEST(bad_input_is_einval) {
  setup();
  wf_future* outer = NULL;
  wf_future* c[2] = {pending(), NULL};
  ASSERT_EQ(wf_gather(loop, NULL, 2, 0, &outer), WF_EINVAL);
  ASSERT_EQ(wf_gather(loop, c, 2, 0, &outer), WF_EINVAL);
  ASSERT_EQ(wf_gather(loop, c, 1, 0, NULL), WF_EINVAL);
  ASSERT_NULL(outer);
  wf_future_release(c[0]);
  teardown();
}

TEST(dropping_it_with_a_child_never_done_frees_both) {
  setup();
  wf_future* c[1] = {pending()};
  wf_future* outer;
  ASSERT_OK(wf_gather(loop, c, 1, 0, &outer));
  wf_future_release(outer);
  release_all(c, 1);
  teardown();
}

TEST(a_child_failing_after_it_ended_still_counts_as_retrieved) {
  setup();
  reports = 0;
  ASSERT_OK(wf_loop_set_exception_handler(loop, count_reports, NULL));
  wf_future* c[2] = {pending(), pending()};
  wf_future* outer;
  ASSERT_OK(wf_gather(loop, c, 2, 0, &outer));
  ASSERT_OK(wf_future_set_error(c[0], 1, "first"));
  drain();
  ASSERT_EQ(wf_future_done(outer), 1);
  ASSERT_OK(wf_future_set_error(c[1], 2, "later"));
  drain();
  ASSERT_EQ(error_code(outer), 1);
  release_all(c, 2);
  wf_future_release(outer);
  ASSERT_EQ(reports, 0);
  teardown();
}

TEST(cancelling_it_when_every_child_is_done_returns_false_and_keeps_the_results) {
  setup();
  wf_future* c[2] = {resolved_int(1), resolved_int(2)};
  wf_future* outer;
  ASSERT_OK(wf_gather(loop, c, 2, 0, &outer));
  int cancelled = -1;
  ASSERT_OK(wf_future_cancel(outer, "too late", &cancelled));
  ASSERT_EQ(cancelled, 0);
  drain();
  const wf_value* r = gathered(outer, 2);
  ASSERT_EQ(r[0].as.integer, 1);
  ASSERT_EQ(r[1].as.integer, 2);
  release_all(c, 2);
  wf_future_release(outer);
  teardown();
}

TEST(when_every_child_is_done_the_first_failure_in_input_order_fails_it) {
  setup();
  wf_future* c[3] = {resolved_int(1), pending(), pending()};
  ASSERT_OK(wf_future_set_error(c[1], 7, "second"));
  ASSERT_OK(wf_future_set_error(c[2], 8, "third"));
  wf_future* outer;
  ASSERT_OK(wf_gather(loop, c, 3, 0, &outer));
  drain();
  ASSERT_EQ(error_code(outer), 7);
  release_all(c, 3);
  wf_future_release(outer);
  teardown();
}

RUN_TESTS(TEST_ENTRY(results_come_in_input_order),
          TEST_ENTRY(cancelling_it_when_every_child_is_done_returns_false_and_keeps_the_results),
          TEST_ENTRY(when_every_child_is_done_the_first_failure_in_input_order_fails_it),
          TEST_ENTRY(the_first_exception_fails_it_and_the_others_go_on),
          TEST_ENTRY(with_return_exceptions_failures_take_their_places),
          TEST_ENTRY(a_cancelled_child_fails_it_with_ecancelled),
          TEST_ENTRY(cancelling_it_cancels_the_children_not_done_with_the_message),
          TEST_ENTRY(an_empty_gather_resolves_to_an_empty_array),
          TEST_ENTRY(a_child_given_twice_is_awaited_once_and_reported_twice),
          TEST_ENTRY(a_child_completing_inside_another_childs_callback),
          TEST_ENTRY(a_gather_cancelled_from_a_childs_callback),
          TEST_ENTRY(children_exceptions_count_as_retrieved),
          TEST_ENTRY(a_shared_pointer_result_is_destroyed_once_after_every_holder),
          TEST_ENTRY(bad_input_is_einval),
          TEST_ENTRY(dropping_it_with_a_child_never_done_frees_both),
          TEST_ENTRY(a_child_failing_after_it_ended_still_counts_as_retrieved))
