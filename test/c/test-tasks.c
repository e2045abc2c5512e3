#include "concurrent/concurrent_internal.h"
#include "task.h"
#include "wf/tasks.h"

static wf_cfuture* run(const char* name, const wf_value* args, uint32_t nargs) {
  int index = wf_task_find(name);
  ASSERT(index >= 0);
  wf_cfuture* f;
  ASSERT_OK(wf_cfuture_new(&f));
  int go = 0;
  ASSERT_OK(wf_cfuture_set_running_or_notify_cancel(f, &go));
  wf_task_at((size_t)index)->fn(f, args, nargs);
  return f;
}

TEST(the_example_tasks_register_themselves_at_start) {
  ASSERT(wf_task_count() >= 2);
  ASSERT_STR_EQ(wf_task_at(0)->name, "mandelbrot");
  ASSERT_STR_EQ(wf_task_at(1)->name, "noop");
  ASSERT_NULL(wf_task_at(1000));
  ASSERT_EQ(wf_task_find("no such task"), WF_ENOTFOUND);
  ASSERT_EQ(wf_task_find(NULL), WF_EINVAL);
}

TEST(mandelbrot_draws_the_set_dark_and_outside_bright) {
  /* one row of 2 pixels: the left in the set (around 0), the right far out */
  wf_value args[7] = {wf_value_double(-1), wf_value_double(0), wf_value_double(3),
                      wf_value_double(0), wf_value_int(2), wf_value_int(1), wf_value_int(50)};
  wf_cfuture* f = run("mandelbrot", args, 7);
  const wf_value* v;
  ASSERT_OK(wf_cfuture_result(f, 0, &v));
  ASSERT_EQ(v->type, WF_VALUE_BYTES);
  ASSERT_EQ(v->size, 8);
  ASSERT_EQ(v->as.bytes[0], 12);
  ASSERT(v->as.bytes[4] > 12);
  ASSERT_EQ(v->as.bytes[3], 255);
  wf_cfuture_release(f);
}

TEST(mandelbrot_refuses_bad_arguments_with_einval) {
  wf_value args[7] = {wf_value_double(0), wf_value_double(0), wf_value_double(1),
                      wf_value_double(1), wf_value_int(0), wf_value_int(1), wf_value_int(10)};
  wf_cfuture* f = run("mandelbrot", args, 7);
  const wf_value* v;
  ASSERT_EQ(wf_cfuture_result(f, 0, &v), WF_EEXCEPTION);
  ASSERT_EQ(v->as.error.code, WF_EINVAL);
  wf_cfuture_release(f);
  f = run("mandelbrot", args, 3);
  ASSERT_EQ(wf_cfuture_result(f, 0, &v), WF_EEXCEPTION);
  wf_cfuture_release(f);
  args[0] = wf_value_string("x");
  args[4] = wf_value_int(1);
  f = run("mandelbrot", args, 7);
  ASSERT_EQ(wf_cfuture_result(f, 0, &v), WF_EEXCEPTION);
  wf_cfuture_release(f);
}

static void twice(wf_cfuture* f, const wf_value* args, uint32_t nargs) {
  wf_value v = wf_value_double(nargs == 1 ? 2 * args[0].as.number : -1);
  wf_cfuture_set_result(f, &v);
}

TEST(a_registered_task_is_found_by_name_once) {
  ASSERT_OK(wf_task_register("twice", "twice(n)", twice));
  ASSERT_EQ(wf_task_register("twice", "twice(n)", twice), WF_EINVALSTATE);
  ASSERT_EQ(wf_task_register(NULL, "x", twice), WF_EINVAL);
  ASSERT_EQ(wf_task_register("", "x", twice), WF_EINVAL);
  ASSERT_EQ(wf_task_register("none", "x", NULL), WF_EINVAL);
  wf_value arg = wf_value_double(21);
  wf_cfuture* f = run("twice", &arg, 1);
  const wf_value* v;
  ASSERT_OK(wf_cfuture_result(f, 0, &v));
  ASSERT_EQ(v->as.number, 42);
  wf_cfuture_release(f);
}

TEST(noop_resolves_to_nothing) {
  wf_cfuture* f = run("noop", NULL, 0);
  const wf_value* v;
  ASSERT_OK(wf_cfuture_result(f, 0, &v));
  ASSERT_EQ(v->type, WF_VALUE_NONE);
  wf_cfuture_release(f);
}

RUN_TESTS(TEST_ENTRY(the_example_tasks_register_themselves_at_start),
          TEST_ENTRY(mandelbrot_draws_the_set_dark_and_outside_bright),
          TEST_ENTRY(mandelbrot_refuses_bad_arguments_with_einval),
          TEST_ENTRY(a_registered_task_is_found_by_name_once), TEST_ENTRY(noop_resolves_to_nothing))
