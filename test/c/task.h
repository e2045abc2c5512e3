/* Assertion macros that print the failing expression, after libuv's test/task.h. */
#ifndef WF_TEST_TASK_H
#define WF_TEST_TASK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ASSERT(expr)                                                                  \
  do {                                                                                \
    if (!(expr)) {                                                                    \
      fprintf(stderr, "Assertion failed in %s on line %d: %s\n", __FILE__, __LINE__, \
              #expr);                                                                 \
      abort();                                                                        \
    }                                                                                 \
  } while (0)

#define ASSERT_EQ(a, b)                                                                \
  do {                                                                                 \
    long long wf_a_ = (long long)(a), wf_b_ = (long long)(b);                          \
    if (wf_a_ != wf_b_) {                                                              \
      fprintf(stderr, "Assertion failed in %s on line %d: %s == %s (%lld != %lld)\n", \
              __FILE__, __LINE__, #a, #b, wf_a_, wf_b_);                               \
      abort();                                                                         \
    }                                                                                  \
  } while (0)

#define ASSERT_OK(expr) ASSERT_EQ((expr), 0)
#define ASSERT_NULL(p) ASSERT((p) == NULL)
#define ASSERT_NOT_NULL(p) ASSERT((p) != NULL)
#define ASSERT_STR_EQ(a, b) ASSERT(strcmp((a), (b)) == 0)

#define TEST(name) static void name(void)

typedef struct {
  const char* name;
  void (*fn)(void);
} wf_test;

#define TEST_ENTRY(name) {#name, name}

static inline int wf_run_tests(const wf_test* tests, size_t count) {
  printf("1..%zu\n", count);
  for (size_t i = 0; i < count; i++) {
    tests[i].fn();
    printf("ok %zu - %s\n", i + 1, tests[i].name);
  }
  return 0;
}

#define RUN_TESTS(...)                                                  \
  int main(void) {                                                      \
    static const wf_test tests[] = {__VA_ARGS__};                       \
    return wf_run_tests(tests, sizeof tests / sizeof tests[0]);         \
  }

#endif
