#include "core/core_internal.h"
#include "task.h"

TEST(views_borrow_and_measure) {
  wf_value s = wf_value_string("héllo");
  ASSERT_EQ(s.type, WF_VALUE_STRING);
  ASSERT_EQ(s.size, 6);
  wf_value n = wf_value_string(NULL);
  ASSERT_EQ(n.size, 0);
  ASSERT_STR_EQ(n.as.string, "");
  wf_value e = wf_value_error(42, "boom");
  ASSERT_EQ(e.as.error.code, 42);
  ASSERT_EQ(e.size, 4);
  ASSERT_EQ(wf_value_bool(7).as.boolean, 1);
  ASSERT_EQ(wf_value_int(INT64_MIN).as.integer, INT64_MIN);
}

TEST(copy_owns_strings_and_bytes) {
  char text[] = "abc";
  wf_value copy;
  wf_value view = wf_value_string(text);
  ASSERT_OK(wf__value_copy(&copy, &view));
  text[0] = 'z';
  ASSERT_STR_EQ(copy.as.string, "abc");
  wf__value_destroy(&copy);
  ASSERT_EQ(copy.type, WF_VALUE_NONE);

  unsigned char raw[3] = {0, 255, 0};
  wf_value bytes = wf_value_bytes(raw, 3);
  ASSERT_OK(wf__value_copy(&copy, &bytes));
  ASSERT(copy.as.bytes != raw);
  ASSERT_EQ(copy.as.bytes[1], 255);
  wf__value_destroy(&copy);
}

static int destroyed;
static void count_destroy(void* p) { destroyed += *(int*)p; }

TEST(destroy_runs_the_pointer_destructor_once) {
  int weight = 3;
  wf_value v = wf_value_pointer(&weight, count_destroy), copy;
  ASSERT_OK(wf__value_copy(&copy, &v));
  wf__value_destroy(&copy);
  wf__value_destroy(&copy);
  ASSERT_EQ(destroyed, 3);
}

TEST(check_rejects_null_data_with_a_size_and_unknown_types) {
  wf_value v = wf_value_none();
  v.type = WF_VALUE_STRING;
  v.size = 4;
  ASSERT_EQ(wf__value_check(&v), WF_EINVAL);
  v.type = 99;
  ASSERT_EQ(wf__value_check(&v), WF_EINVAL);
  ASSERT_EQ(wf__value_check(NULL), WF_EINVAL);
  wf_value copy;
  ASSERT_EQ(wf__value_copy(&copy, &v), WF_EINVAL);
}

TEST(an_error_of_the_librarys_without_a_message_says_what_its_code_means) {
  wf_value v = wf_value_error(WF_ENOMEM, NULL);
  ASSERT_STR_EQ(v.as.error.message, wf_strerror(WF_ENOMEM));
  ASSERT_EQ(v.size, strlen(wf_strerror(WF_ENOMEM)));
  v = wf_value_error(WF_EINVAL, "");
  ASSERT_STR_EQ(v.as.error.message, wf_strerror(WF_EINVAL));
  v = wf_value_error(WF_ECANCELLED, NULL);
  ASSERT_STR_EQ(v.as.error.message, "");
  v = wf_value_error(4242, NULL);
  ASSERT_STR_EQ(v.as.error.message, "");
}

RUN_TESTS(TEST_ENTRY(views_borrow_and_measure),
          TEST_ENTRY(an_error_of_the_librarys_without_a_message_says_what_its_code_means), TEST_ENTRY(copy_owns_strings_and_bytes),
          TEST_ENTRY(destroy_runs_the_pointer_destructor_once),
          TEST_ENTRY(check_rejects_null_data_with_a_size_and_unknown_types))
