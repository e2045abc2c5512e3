/* Error codes of wasm-future. Every function that can fail returns 0 or one
 * of these negative codes; a call that fails changes nothing and never runs
 * its callback. */
#ifndef WF_ERRORS_H
#define WF_ERRORS_H

#ifdef __cplusplus
extern "C" {
#endif

/* XX(name, value, message): the one list the enum and wf_strerror come from. */
#define WF_ERRNO_MAP(XX)                                                     \
  XX(EINVAL, -1, "invalid argument")                                         \
  XX(ENOMEM, -2, "out of memory")                                            \
  XX(EINVALSTATE, -3, "invalid state")                                       \
  XX(ECANCELLED, -4, "future was cancelled")                                 \
  XX(EEXCEPTION, -5, "future finished with an exception")                    \
  XX(EBUSY, -6, "loop is already running")                                   \
  XX(ETIMEDOUT, -7, "timed out")                                             \
  XX(ENOTFOUND, -8, "not found")                                             \
  XX(ESHUTDOWN, -9, "executor is shut down")

typedef enum {
#define WF__ERRNO_ENUM(name, value, message) WF_##name = (value),
  WF_ERRNO_MAP(WF__ERRNO_ENUM)
#undef WF__ERRNO_ENUM
  WF_OK = 0
} wf_errno;

/* A static string describing `code`; "unknown error" for a code not in the map. */
const char* wf_strerror(int code);
/* The code's name without its WF_ prefix ("EINVAL"); "UNKNOWN" if not in the map. */
const char* wf_err_name(int code);

#ifdef __cplusplus
}
#endif
#endif
