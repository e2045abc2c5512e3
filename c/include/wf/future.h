/* wf_future: asyncio.Future in C. Reference counted; every function returns 0
 * or a negative WF_E* code, and a call that fails changes nothing. */
#ifndef WF_FUTURE_H
#define WF_FUTURE_H

#include "wf/loop.h"
#include "wf/value.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum wf_future_state {
  WF_FUTURE_PENDING = 0,
  WF_FUTURE_CANCELLED = 1,
  WF_FUTURE_FINISHED = 2
} wf_future_state;

typedef void (*wf_done_callback)(wf_future* future, void* arg);

/* Creates a pending future on `loop` (NULL: wf_loop_default()). The caller
 * owns the one reference in *out. */
int wf_future_new(wf_loop* loop, wf_future** out);
/* Reference counting. The ready queue holds a reference while a done-callback
 * is scheduled, so a callback may release the last reference of its caller. */
void wf_future_retain(wf_future* future);
void wf_future_release(wf_future* future);

/* Complete the future. Values are copied (strings, bytes, messages) or taken
 * over (a pointer's destructor runs when the future dies, only on success).
 * WF_EINVALSTATE if the future is done. Done-callbacks are scheduled with
 * wf_loop_call_soon, never run here. */
int wf_future_set_result(wf_future* future, const wf_value* result);
int wf_future_set_exception(wf_future* future, const wf_value* exception);
/* Sets an exception of type WF_VALUE_ERROR: JS sees an Error with `message`
 * and `code`. */
int wf_future_set_error(wf_future* future, int32_t code, const char* message);
/* Cancels a pending future: *cancelled (may be NULL) is 1 and the callbacks
 * are scheduled. On a done future *cancelled is 0 and nothing changes. `msg`
 * may be NULL; it is copied. */
int wf_future_cancel(wf_future* future, const char* msg, int* cancelled);

/* 1 or 0; WF_EINVAL for NULL. */
int wf_future_done(const wf_future* future);
int wf_future_cancelled(const wf_future* future);
/* The state, or WF_EINVAL for NULL. */
int wf_future_state_of(const wf_future* future);

/* The result: 0 with *out borrowed from the future (valid while it lives).
 * WF_EINVALSTATE while pending, WF_ECANCELLED if cancelled (the message with
 * wf_future_cancel_message), WF_EEXCEPTION if it finished with an exception
 * (then *out is the exception). Marks the exception as retrieved. */
int wf_future_result(wf_future* future, const wf_value** out);
/* The exception: 0 with *out the exception, or NULL when it finished with a
 * result. WF_EINVALSTATE while pending, WF_ECANCELLED if cancelled. Marks the
 * exception as retrieved. */
int wf_future_exception(wf_future* future, const wf_value** out);
/* The cancel message (NULL if none was given); WF_EINVALSTATE unless cancelled. */
int wf_future_cancel_message(const wf_future* future, const char** out);
/* The loop, borrowed. NULL for NULL. */
wf_loop* wf_future_get_loop(const wf_future* future);

/* Adds cb(future, arg), run through wf_loop_call_soon once the future is done,
 * in the order added; on a done future it is scheduled at once. `release`
 * (may be NULL) is called with `arg` if the callback will never run: it was
 * removed, or dropped with the future. A callback that runs owns `arg`. */
int wf_future_add_done_callback(wf_future* future, wf_done_callback cb, void* arg);
int wf_future_add_done_callback_full(wf_future* future, wf_done_callback cb, void* arg,
                                     void (*release)(void* arg));
/* Removes every pending callback equal to (cb, arg); *removed (may be NULL)
 * receives how many. */
int wf_future_remove_done_callback(wf_future* future, wf_done_callback cb, void* arg,
                                   size_t* removed);

#ifdef __cplusplus
}
#endif
#endif
