/* JavaScript from C (WebAssembly builds only): C starts JS async work and
 * gets a loop future for it.
 *
 * Any JS promise can become a wf_future: from an EM_JS function, call
 *   Module.wasmFuture.futureFor(source)
 * with a thenable, or with a function (signal) => thenable whose AbortSignal
 * aborts when the future is cancelled (from C or JS). It returns a wf_future*
 * on the default loop that the C caller owns (one reference): settled with
 * the promise's value (numbers, strings, Uint8Arrays become C values; other
 * values stay JS values, WF_VALUE_JS), or with its rejection reason as the
 * exception. These work from main() on, before any JS attached. */
#ifndef WF_JS_H
#define WF_JS_H

#include "wf/future.h"

#ifdef __cplusplus
extern "C" {
#endif

/* fetch(url) in JS. *out (the caller's reference) resolves with the response
 * body as WF_VALUE_BYTES, or fails with a JS Error (a network error, or an
 * HTTP status that is not ok: "fetch <url>: HTTP 404"). Cancelling *out
 * aborts the request. `loop`: NULL for the default loop. WF_EINVAL for a NULL
 * url or out, WF_ENOMEM when out of memory. */
int wf_js_fetch(wf_loop* loop, const char* url, wf_future** out);

/* The text of a JS value held in `value` (WF_VALUE_JS): an Error's message,
 * or String(value) for anything else, as a NUL-terminated UTF-8 string the
 * caller frees with free(). WF_EINVAL if `value` is NULL or holds no JS value,
 * WF_ENOMEM when out of memory. */
int wf_js_describe(const wf_value* value, char** out);

#ifdef __cplusplus
}
#endif
#endif
