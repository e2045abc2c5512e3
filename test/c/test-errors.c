#include "task.h"
#include "wf/wf.h"

TEST(strerror_describes_each_code) {
  ASSERT_STR_EQ(wf_strerror(WF_EINVAL), "invalid argument");
  ASSERT_STR_EQ(wf_strerror(WF_EINVALSTATE), "invalid state");
  ASSERT_STR_EQ(wf_strerror(WF_ECANCELLED), "future was cancelled");
  ASSERT_STR_EQ(wf_strerror(0), "success");
}

TEST(strerror_of_an_unknown_code_says_so) {
  ASSERT_STR_EQ(wf_strerror(-12345), "unknown error");
  ASSERT_STR_EQ(wf_strerror(7), "unknown error");
}

TEST(err_name_drops_the_prefix) {
  ASSERT_STR_EQ(wf_err_name(WF_ENOMEM), "ENOMEM");
  ASSERT_STR_EQ(wf_err_name(WF_EBUSY), "EBUSY");
  ASSERT_STR_EQ(wf_err_name(-999), "UNKNOWN");
}

TEST(codes_are_negative_and_distinct) {
  int codes[] = {
#define XX(name, value, message) WF_##name,
      WF_ERRNO_MAP(XX)
#undef XX
  };
  size_t n = sizeof codes / sizeof codes[0];
  for (size_t i = 0; i < n; i++) {
    ASSERT(codes[i] < 0);
    for (size_t j = i + 1; j < n; j++) ASSERT(codes[i] != codes[j]);
  }
}

RUN_TESTS(TEST_ENTRY(strerror_describes_each_code), TEST_ENTRY(strerror_of_an_unknown_code_says_so),
          TEST_ENTRY(err_name_drops_the_prefix), TEST_ENTRY(codes_are_negative_and_distinct))
