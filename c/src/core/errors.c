#include "wf/errors.h"

const char* wf_strerror(int code) {
  switch (code) {
#define WF__STRERROR_CASE(name, value, message) \
  case WF_##name:                               \
    return message;
    WF_ERRNO_MAP(WF__STRERROR_CASE)
#undef WF__STRERROR_CASE
    case WF_OK:
      return "success";
  }
  return "unknown error";
}

const char* wf_err_name(int code) {
  switch (code) {
#define WF__NAME_CASE(name, value, message) \
  case WF_##name:                           \
    return #name;
    WF_ERRNO_MAP(WF__NAME_CASE)
#undef WF__NAME_CASE
    case WF_OK:
      return "OK";
  }
  return "UNKNOWN";
}
