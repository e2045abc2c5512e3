/* A native loop on the manual clock, and helpers to make and read futures. */
#ifndef WF_TEST_FIXTURE_H
#define WF_TEST_FIXTURE_H

#include <math.h>

#include "core/core_internal.h"
#include "task.h"

#define FIXTURE_HELPER __attribute__((unused)) static

static wf_loop* loop;

static void setup(void) { ASSERT_OK(wf_loop_new(&loop, NULL)); }

static void drain(void) {
  while (wf_loop_ready_count(loop) > 0) ASSERT_OK(wf_loop_run_once(loop, NULL));
}

FIXTURE_HELPER void advance(double ms) {
  ASSERT_OK(wf_loop_advance_time(loop, ms));
  drain();
}

/* Closing succeeds only when no future, handle or timer of the loop is left:
 * every test ends with it, so a leaked reference fails the test. */
static void teardown(void) {
  drain();
  ASSERT_EQ(wf_loop_timer_count(loop), 0);
  ASSERT_OK(wf_loop_close(loop));
}

FIXTURE_HELPER wf_future* pending(void) {
  wf_future* f = NULL;
  ASSERT_OK(wf_future_new(loop, &f));
  return f;
}

FIXTURE_HELPER void resolve_int(wf_future* f, int64_t i) {
  wf_value v = wf_value_int(i);
  ASSERT_OK(wf_future_set_result(f, &v));
}

FIXTURE_HELPER wf_future* resolved_int(int64_t i) {
  wf_future* f = pending();
  resolve_int(f, i);
  return f;
}

FIXTURE_HELPER int64_t int_result(wf_future* f) {
  const wf_value* v = NULL;
  ASSERT_OK(wf_future_result(f, &v));
  ASSERT_EQ(v->type, WF_VALUE_INT);
  return v->as.integer;
}

FIXTURE_HELPER int32_t error_code(wf_future* f) {
  const wf_value* v = NULL;
  ASSERT_OK(wf_future_exception(f, &v));
  ASSERT_NOT_NULL(v);
  ASSERT_EQ(v->type, WF_VALUE_ERROR);
  return v->as.error.code;
}

FIXTURE_HELPER void release_all(wf_future** fs, size_t n) {
  for (size_t i = 0; i < n; i++) wf_future_release(fs[i]);
}

#endif
