#include "fixture.h"

/* The done and pending groups of a wait result. */
static void groups(wf_future* outer, const wf_value** done, size_t* ndone, const wf_value** pend,
                   size_t* npend) {
  const wf_value* v = NULL;
  ASSERT_OK(wf_future_result(outer, &v));
  ASSERT_EQ(v->type, WF_VALUE_ARRAY);
  ASSERT_EQ(v->size, 2);
  *done = v->as.array[0].as.array;
  *ndone = v->as.array[0].size;
  *pend = v->as.array[1].as.array;
  *npend = v->as.array[1].size;
}

TEST(all_completed_waits_for_every_future) {
  setup();
  wf_future* f[2] = {pending(), pending()};
  wf_future* outer;
  ASSERT_OK(wf_wait(loop, f, 2, INFINITY, WF_ALL_COMPLETED, &outer));
  resolve_int(f[1], 1);
  drain();
  ASSERT_EQ(wf_future_done(outer), 0);
  resolve_int(f[0], 0);
  drain();
  const wf_value *done, *pend;
  size_t nd, np;
  groups(outer, &done, &nd, &pend, &np);
  ASSERT_EQ(nd, 2);
  ASSERT_EQ(np, 0);
  ASSERT(done[0].as.future == f[0] && done[1].as.future == f[1]);
  release_all(f, 2);
  wf_future_release(outer);
  teardown();
}

TEST(first_completed_returns_after_one) {
  setup();
  wf_future* f[3] = {pending(), pending(), pending()};
  wf_future* outer;
  ASSERT_OK(wf_wait(loop, f, 3, INFINITY, WF_FIRST_COMPLETED, &outer));
  resolve_int(f[1], 1);
  drain();
  const wf_value *done, *pend;
  size_t nd, np;
  groups(outer, &done, &nd, &pend, &np);
  ASSERT_EQ(nd, 1);
  ASSERT(done[0].as.future == f[1]);
  ASSERT_EQ(np, 2);
  ASSERT(pend[0].as.future == f[0] && pend[1].as.future == f[2]);
  ASSERT_EQ(wf_future_cancelled(f[0]), 0);
  release_all(f, 3);
  wf_future_release(outer);
  teardown();
}

TEST(first_exception_returns_on_an_exception_or_when_all_are_done) {
  setup();
  wf_future* f[2] = {pending(), pending()};
  wf_future* outer;
  ASSERT_OK(wf_wait(loop, f, 2, INFINITY, WF_FIRST_EXCEPTION, &outer));
  resolve_int(f[0], 1);
  drain();
  ASSERT_EQ(wf_future_done(outer), 0);
  ASSERT_OK(wf_future_set_error(f[1], 3, "bad"));
  drain();
  ASSERT_EQ(wf_future_done(outer), 1);
  wf_future_release(outer);

  wf_future* g[2] = {pending(), pending()};
  ASSERT_OK(wf_wait(loop, g, 2, INFINITY, WF_FIRST_EXCEPTION, &outer));
  ASSERT_OK(wf_future_set_error(g[1], 3, "early"));
  drain();
  const wf_value *done, *pend;
  size_t nd, np;
  groups(outer, &done, &nd, &pend, &np);
  ASSERT_EQ(nd, 1);
  ASSERT_EQ(np, 1);
  ASSERT_OK(wf_future_cancel(g[0], NULL, NULL));
  release_all(f, 2);
  release_all(g, 2);
  wf_future_release(outer);
  teardown();
}

TEST(a_timeout_returns_what_is_done_and_cancels_nothing) {
  setup();
  wf_future* f[2] = {pending(), pending()};
  wf_future* outer;
  ASSERT_OK(wf_wait(loop, f, 2, 50, WF_ALL_COMPLETED, &outer));
  resolve_int(f[0], 1);
  advance(49);
  ASSERT_EQ(wf_future_done(outer), 0);
  advance(1);
  const wf_value *done, *pend;
  size_t nd, np;
  groups(outer, &done, &nd, &pend, &np);
  ASSERT_EQ(nd, 1);
  ASSERT_EQ(np, 1);
  ASSERT_EQ(wf_future_done(f[1]), 0);
  /* f[1] no longer carries the wait's callback */
  ASSERT_EQ(wf__future_callback_total(f[1]), 0);
  resolve_int(f[1], 2);
  release_all(f, 2);
  wf_future_release(outer);
  teardown();
}

TEST(a_timeout_of_minus_infinity_returns_at_once_with_what_is_done) {
  setup();
  wf_future* f[2] = {resolved_int(1), pending()};
  wf_future* outer;
  ASSERT_OK(wf_wait(loop, f, 2, -INFINITY, WF_ALL_COMPLETED, &outer));
  advance(0);
  const wf_value *done, *pend;
  size_t nd, np;
  groups(outer, &done, &nd, &pend, &np);
  ASSERT_EQ(nd, 1);
  ASSERT_EQ(np, 1);
  ASSERT(pend[0].as.future == f[1]);
  ASSERT_EQ(wf_future_done(f[1]), 0);
  release_all(f, 2);
  wf_future_release(outer);
  teardown();
}

TEST(finishing_early_cancels_the_timer) {
  setup();
  wf_future* f[1] = {pending()};
  wf_future* outer;
  ASSERT_OK(wf_wait(loop, f, 1, 1000, WF_ALL_COMPLETED, &outer));
  ASSERT_EQ(wf_loop_timer_count(loop), 1);
  resolve_int(f[0], 1);
  drain();
  ASSERT_EQ(wf_loop_timer_count(loop), 0);
  release_all(f, 1);
  wf_future_release(outer);
  teardown();
}

TEST(cancelling_the_wait_detaches_it_and_cancels_no_input) {
  setup();
  wf_future* f[1] = {pending()};
  wf_future* outer;
  ASSERT_OK(wf_wait(loop, f, 1, 1000, WF_ALL_COMPLETED, &outer));
  ASSERT_OK(wf_future_cancel(outer, NULL, NULL));
  drain();
  ASSERT_EQ(wf_future_done(f[0]), 0);
  ASSERT_EQ(wf_loop_timer_count(loop), 0);
  release_all(f, 1);
  wf_future_release(outer);
  teardown();
}

TEST(a_future_given_twice_is_listed_once) {
  setup();
  wf_future* a = pending();
  wf_future* f[2] = {a, a};
  wf_future* outer;
  ASSERT_OK(wf_wait(loop, f, 2, INFINITY, WF_ALL_COMPLETED, &outer));
  resolve_int(a, 1);
  drain();
  const wf_value *done, *pend;
  size_t nd, np;
  groups(outer, &done, &nd, &pend, &np);
  ASSERT_EQ(nd, 1);
  wf_future_release(a);
  wf_future_release(outer);
  teardown();
}

TEST(bad_input_is_einval) {
  setup();
  wf_future* f[1] = {pending()};
  wf_future* null_input[1] = {NULL};
  wf_future* outer = NULL;
  ASSERT_EQ(wf_wait(loop, f, 0, INFINITY, WF_ALL_COMPLETED, &outer), WF_EINVAL);
  ASSERT_EQ(wf_wait(loop, NULL, 1, INFINITY, WF_ALL_COMPLETED, &outer), WF_EINVAL);
  ASSERT_EQ(wf_wait(loop, f, 1, INFINITY, 0, &outer), WF_EINVAL);
  ASSERT_EQ(wf_wait(loop, f, 1, INFINITY, 4, &outer), WF_EINVAL);
  ASSERT_EQ(wf_wait(loop, f, 1, NAN, WF_ALL_COMPLETED, &outer), WF_EINVAL);
  ASSERT_EQ(wf_wait(loop, null_input, 1, INFINITY, WF_ALL_COMPLETED, &outer), WF_EINVAL);
  ASSERT_EQ(wf_wait(loop, f, 1, INFINITY, WF_ALL_COMPLETED, NULL), WF_EINVAL);
  ASSERT_NULL(outer);
  ASSERT_NULL(f[0]->callback0.cb);
  release_all(f, 1);
  teardown();
}

TEST(dropping_it_with_a_future_never_done_frees_both_and_its_timer) {
  setup();
  wf_future* f[1] = {pending()};
  wf_future* outer;
  ASSERT_OK(wf_wait(loop, f, 1, 1000, WF_ALL_COMPLETED, &outer));
  wf_future_release(outer);
  ASSERT_EQ(wf_loop_timer_count(loop), 0);
  release_all(f, 1);
  teardown();
}

RUN_TESTS(TEST_ENTRY(all_completed_waits_for_every_future),
          TEST_ENTRY(first_completed_returns_after_one),
          TEST_ENTRY(first_exception_returns_on_an_exception_or_when_all_are_done),
          TEST_ENTRY(a_timeout_returns_what_is_done_and_cancels_nothing),
          TEST_ENTRY(a_timeout_of_minus_infinity_returns_at_once_with_what_is_done),
          TEST_ENTRY(finishing_early_cancels_the_timer),
          TEST_ENTRY(cancelling_the_wait_detaches_it_and_cancels_no_input),
          TEST_ENTRY(a_future_given_twice_is_listed_once), TEST_ENTRY(bad_input_is_einval),
          TEST_ENTRY(dropping_it_with_a_future_never_done_frees_both_and_its_timer))
