/* C starts JavaScript async work itself and awaits it: wf_js_fetch() fetches
 * a URL in JS, and a C done-callback receives the body's bytes. The body is a
 * decimal integer; C squares it into a 64-bit integer (a BigInt in JS, as
 * every C integer is) and resolves the future it handed to JS.
 *
 *   wf_example_fetch_square(url)  a future of the square (the caller's reference)
 *   wf_example_started()          the future main() started, if it was given
 *                                 a URL (Module.arguments), before any JS
 *                                 attached to the module
 * Cancelling the returned future cancels the fetch, whose AbortSignal aborts.
 * A fetch that fails fails the future with WF_EXAMPLE_EFETCH and the JS
 * error's message; a body that is no integer, with WF_EXAMPLE_EBADINPUT. */
#include <emscripten.h>
#include <stdlib.h>
#include <string.h>

#include "wf/js.h"
#include "wf/wf.h"

enum { WF_EXAMPLE_EBADINPUT = 1001, WF_EXAMPLE_EFETCH = 1003 };

static wf_future* started;

/* The square of the integer in `body` (up to 3037000499 in magnitude), or 0
 * when it is not one. */
static int square_of(const uint8_t* body, uint32_t size, int64_t* out) {
  char text[24];
  if (size == 0 || size >= sizeof text) return 0;
  memcpy(text, body, size);
  text[size] = '\0';
  char* end = NULL;
  long long n = strtoll(text, &end, 10);
  while (*end == '\n' || *end == '\r' || *end == ' ') end++;
  if (*end != '\0' || llabs(n) > 3037000499LL) return 0;
  *out = (int64_t)n * n;
  return 1;
}

/* Runs when the fetch is done; owns a reference to the output. */
static void on_body(wf_future* fetch, void* arg) {
  wf_future* output = arg;
  const wf_value* v = NULL;
  int rc = wf_future_result(fetch, &v);
  int64_t squared;
  if (wf_future_done(output)) {
    /* cancelled from JS already */
  } else if (rc == WF_ECANCELLED) {
    wf_future_cancel(output, "the fetch was cancelled", NULL);
  } else if (rc == WF_EEXCEPTION) {
    char* message = NULL;
    if (wf_js_describe(v, &message) == 0) {
      wf_future_set_error(output, WF_EXAMPLE_EFETCH, message);
      free(message);
    } else {
      wf_future_set_error(output, WF_EXAMPLE_EFETCH, "the fetch failed");
    }
  } else if (v->type == WF_VALUE_BYTES && square_of(v->as.bytes, v->size, &squared)) {
    wf_value result = wf_value_int(squared);
    wf_future_set_result(output, &result);
  } else {
    wf_future_set_error(output, WF_EXAMPLE_EBADINPUT, "the body is not an integer");
  }
  wf_future_release(output);
}

/* Runs when the output is done; owns a reference to the fetch. */
static void on_output(wf_future* output, void* arg) {
  wf_future* fetch = arg;
  if (wf_future_cancelled(output) == 1) {
    const char* msg = NULL;
    wf_future_cancel_message(output, &msg);
    wf_future_cancel(fetch, msg, NULL);
  }
  wf_future_release(fetch);
}

EMSCRIPTEN_KEEPALIVE wf_future* wf_example_fetch_square(const char* url) {
  wf_future* fetch = NULL;
  wf_future* output = NULL;
  if (wf_js_fetch(NULL, url, &fetch) != 0) return NULL;
  if (wf_future_new(NULL, &output) != 0) {
    wf_future_cancel(fetch, NULL, NULL);
    wf_future_release(fetch);
    return NULL;
  }
  /* on_body takes one reference to the output, on_output the fetch's. */
  wf_future_retain(output);
  if (wf_future_add_done_callback(fetch, on_body, output) != 0) {
    wf_future_release(output);
    wf_future_set_error(output, WF_ENOMEM, wf_strerror(WF_ENOMEM));
  }
  if (wf_future_add_done_callback(output, on_output, fetch) != 0) {
    wf_future_cancel(fetch, NULL, NULL);
    wf_future_release(fetch);
  }
  return output;
}

EMSCRIPTEN_KEEPALIVE wf_future* wf_example_started(void) {
  if (started != NULL) wf_future_retain(started);
  return started;
}

int main(int argc, char** argv) {
  /* Before JS attaches: the loop already runs on JS microtasks and timers. */
  if (argc > 1) started = wf_example_fetch_square(argv[1]);
  return 0;
}
