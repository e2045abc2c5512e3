/* The C half of the README's example, built as a user's module (examples/CMakeLists.txt).
 *
 * wf_example_transform(input) awaits `input` (a future that JS made from a
 * Promise with wrapPromise), transforms its value in C and resolves the
 * future it returns, which JS awaits:
 *   - a number n becomes the 64-bit integer n * n (a BigInt in JS, as every C integer is);
 *   - a string becomes its ASCII upper case;
 *   - anything else fails it with WF_EXAMPLE_EBADINPUT.
 * Cancelling the returned future cancels `input`, so a wrapPromise(signal =>
 * fetch(url, { signal })) input aborts its fetch. */
#include <emscripten.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "wf/wf.h"

enum { WF_EXAMPLE_EBADINPUT = 1001, WF_EXAMPLE_EREJECTED = 1002 };

static void wf_example_square_or_upper(wf_future* output, const wf_value* v) {
  if (v->type == WF_VALUE_DOUBLE && fabs(v->as.number) < 3037000499.0 &&
      v->as.number == floor(v->as.number)) {
    int64_t n = (int64_t)v->as.number;
    wf_value squared = wf_value_int(n * n);
    wf_future_set_result(output, &squared);
  } else if (v->type == WF_VALUE_INT && llabs(v->as.integer) < 3037000499LL) {
    wf_value squared = wf_value_int(v->as.integer * v->as.integer);
    wf_future_set_result(output, &squared);
  } else if (v->type == WF_VALUE_STRING) {
    char* upper = malloc(v->size + 1);
    if (upper == NULL) {
      wf_future_set_error(output, WF_ENOMEM, wf_strerror(WF_ENOMEM));
      return;
    }
    for (uint32_t i = 0; i < v->size; i++) {
      char c = v->as.string[i];
      upper[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
    }
    wf_value s = wf_value_string_n(upper, v->size);
    wf_future_set_result(output, &s);
    free(upper);
  } else {
    wf_future_set_error(output, WF_EXAMPLE_EBADINPUT, "expected an integer or a string");
  }
}

/* Runs when the input settles; owns a reference to the output. */
static void wf_example_on_input(wf_future* input, void* arg) {
  wf_future* output = arg;
  const wf_value* v = NULL;
  int rc = wf_future_result(input, &v);
  if (!wf_future_done(output)) {
    if (rc == WF_ECANCELLED)
      wf_future_cancel(output, "the input was cancelled", NULL);
    else if (rc == WF_EEXCEPTION)
      wf_future_set_error(output, WF_EXAMPLE_EREJECTED, "the input promise rejected");
    else
      wf_example_square_or_upper(output, v);
  }
  wf_future_release(output);
}

/* Runs when the output is done; owns a reference to the input. */
static void wf_example_on_output(wf_future* output, void* arg) {
  wf_future* input = arg;
  if (wf_future_cancelled(output) == 1) {
    const char* msg = NULL;
    wf_future_cancel_message(output, &msg);
    wf_future_cancel(input, msg, NULL);
  }
  wf_future_release(input);
}

/* Returns a new future the caller owns (one reference), or NULL for a NULL
 * input or when out of memory. Borrows `input`. */
EMSCRIPTEN_KEEPALIVE wf_future* wf_example_transform(wf_future* input) {
  wf_future* output = NULL;
  if (input == NULL || wf_future_new(wf_future_get_loop(input), &output) != 0) return NULL;
  wf_future_retain(output);
  if (wf_future_add_done_callback(input, wf_example_on_input, output) != 0) {
    wf_future_release(output);
    wf_future_release(output);
    return NULL;
  }
  wf_future_retain(input);
  if (wf_future_add_done_callback(output, wf_example_on_output, input) != 0) {
    wf_future_release(input);
    wf_future_cancel(output, "out of memory", NULL);
  }
  return output;
}
