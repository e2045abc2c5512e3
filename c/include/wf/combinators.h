/* asyncio's combinators on wf_futures: gather, wait, as_completed, wait_for,
 * shield, sleep. Each returns 0 and a new future the caller owns (one
 * reference), or a negative WF_E* code and nothing.
 *
 * Timeouts and delays are in ms: INFINITY means none; zero or less (-INFINITY
 * included) means now: due at once, as a loop timer due in the past; NaN is
 * WF_EINVAL. An input future is retained as long as the combinator needs it;
 * the returned future is not retained by the combinator: once nobody holds it
 * (it is freed, even pending), the combinator stops watching its inputs and
 * frees what it holds, so inputs that never complete leak nothing. Only
 * wait_for's timeout still runs then: it cancels the inner when it comes.
 * Failures are WF_VALUE_ERROR values: WF_ETIMEDOUT (JS sees a TimeoutError)
 * and WF_ECANCELLED (a CancelledError) with a message. */
#ifndef WF_COMBINATORS_H
#define WF_COMBINATORS_H

#include "wf/future.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum wf_return_when {
  WF_FIRST_COMPLETED = 1,
  WF_FIRST_EXCEPTION = 2,
  WF_ALL_COMPLETED = 3
} wf_return_when;

/* Resolves to a WF_VALUE_ARRAY of the children's results, in input order.
 * The first exception (or cancellation, as WF_ECANCELLED) fails it, and the
 * other children go on; with return_exceptions, exceptions and cancellations
 * take their place in the array instead. Cancelling the returned future
 * cancels every child not done, with its message. A child given twice is
 * awaited once and reported in both places; n == 0 resolves to an empty
 * array. `children` may be NULL when n == 0. */
int wf_gather(wf_loop* loop, wf_future* const* children, size_t n, int return_exceptions,
              wf_future** out);

/* Resolves, when `return_when` holds or the timeout passes, to a
 * WF_VALUE_ARRAY of two WF_VALUE_ARRAYs of WF_VALUE_FUTUREs: the done and the
 * pending futures (each future once). Never cancels an input; a timeout is a
 * result, not an error. n == 0 or an unknown return_when is WF_EINVAL. */
int wf_wait(wf_loop* loop, wf_future* const* futures, size_t n, double timeout,
            wf_return_when return_when, wf_future** out);

/* One future per distinct input, in *out (free it with wf_future_list_free):
 * the k-th resolves to a WF_VALUE_FUTURE, the k-th input to complete. Past the
 * timeout the ones left fail with WF_ETIMEDOUT. */
typedef struct wf_future_list {
  size_t count;
  wf_future* items[];
} wf_future_list;
int wf_as_completed(wf_loop* loop, wf_future* const* futures, size_t n, double timeout,
                    wf_future_list** out);
/* Releases every future of the list and frees it; NULL is allowed. */
void wf_future_list_free(wf_future_list* list);

/* Takes `future`'s outcome; past the timeout cancels it and fails with
 * WF_ETIMEDOUT. Cancelling the returned future cancels `future`. A future
 * already done resolves at once. */
int wf_wait_for(wf_future* future, double timeout, wf_future** out);

/* A future that follows `future` but whose cancellation does not reach it; if
 * `future` is cancelled, so is the shield. A done future is returned as it is
 * (retained). */
int wf_shield(wf_future* future, wf_future** out);

/* Resolves to a copy of `value` (NULL: none) after `delay` ms; cancelling it
 * cancels its timer. */
int wf_sleep(wf_loop* loop, double delay, const wf_value* value, wf_future** out);

#ifdef __cplusplus
}
#endif
#endif
