#include <stdlib.h>
#include <string.h>

#include "internal.h"

wf_value wf_value_none(void) {
  wf_value v;
  memset(&v, 0, sizeof v);
  return v;
}

wf_value wf_value_bool(int b) {
  wf_value v = wf_value_none();
  v.type = WF_VALUE_BOOL;
  v.as.boolean = b != 0;
  return v;
}

wf_value wf_value_int(int64_t i) {
  wf_value v = wf_value_none();
  v.type = WF_VALUE_INT;
  v.as.integer = i;
  return v;
}

wf_value wf_value_double(double d) {
  wf_value v = wf_value_none();
  v.type = WF_VALUE_DOUBLE;
  v.as.number = d;
  return v;
}

wf_value wf_value_string(const char* s) {
  return wf_value_string_n(s, s == NULL ? 0 : strlen(s));
}

wf_value wf_value_string_n(const char* s, size_t size) {
  wf_value v = wf_value_none();
  v.type = WF_VALUE_STRING;
  v.as.string = s == NULL ? "" : s;
  v.size = s == NULL ? 0 : (uint32_t)size;
  return v;
}

wf_value wf_value_bytes(const void* data, size_t size) {
  wf_value v = wf_value_none();
  v.type = WF_VALUE_BYTES;
  v.as.bytes = data;
  v.size = data == NULL ? 0 : (uint32_t)size;
  return v;
}

wf_value wf_value_pointer(void* ptr, void (*destroy)(void*)) {
  wf_value v = wf_value_none();
  v.type = WF_VALUE_POINTER;
  v.as.pointer.ptr = ptr;
  v.as.pointer.destroy = destroy;
  return v;
}

wf_value wf_value_error(int32_t code, const char* message) {
  wf_value v = wf_value_none();
  v.type = WF_VALUE_ERROR;
  v.as.error.code = code;
  v.as.error.message = message == NULL ? "" : message;
  v.size = (uint32_t)strlen(v.as.error.message);
  return v;
}

static char* wf__copy_chars(const void* src, size_t size) {
  if (size >= SIZE_MAX) return NULL;
  char* copy = malloc(size + 1);
  if (copy == NULL) return NULL;
  if (size > 0) memcpy(copy, src, size);
  copy[size] = '\0';
  return copy;
}

int wf__value_check(const wf_value* v) {
  if (v == NULL) return WF_EINVAL;
  switch (v->type) {
    case WF_VALUE_NONE:
    case WF_VALUE_BOOL:
    case WF_VALUE_INT:
    case WF_VALUE_DOUBLE:
    case WF_VALUE_JS:
      return 0;
    case WF_VALUE_STRING:
      return v->as.string == NULL && v->size > 0 ? WF_EINVAL : 0;
    case WF_VALUE_BYTES:
      return v->as.bytes == NULL && v->size > 0 ? WF_EINVAL : 0;
    case WF_VALUE_POINTER:
      return 0;
    case WF_VALUE_ERROR:
      return v->as.error.message == NULL && v->size > 0 ? WF_EINVAL : 0;
  }
  return WF_EINVAL;
}

int wf__value_copy(wf_value* dst, const wf_value* src) {
  int rc = wf__value_check(src);
  if (rc != 0) return rc;
  *dst = *src;
  switch (src->type) {
    case WF_VALUE_STRING:
      dst->as.string = wf__copy_chars(src->as.string, src->size);
      return dst->as.string == NULL ? WF_ENOMEM : 0;
    case WF_VALUE_BYTES:
      dst->as.bytes = (const uint8_t*)wf__copy_chars(src->as.bytes, src->size);
      return dst->as.bytes == NULL ? WF_ENOMEM : 0;
    case WF_VALUE_ERROR:
      dst->as.error.message = wf__copy_chars(src->as.error.message, src->size);
      return dst->as.error.message == NULL ? WF_ENOMEM : 0;
    default:
      return 0;
  }
}

void wf__value_destroy(wf_value* v) {
  switch (v->type) {
    case WF_VALUE_STRING:
      free((void*)v->as.string);
      break;
    case WF_VALUE_BYTES:
      free((void*)v->as.bytes);
      break;
    case WF_VALUE_ERROR:
      free((void*)v->as.error.message);
      break;
    case WF_VALUE_JS:
      wf__platform_release_js(v->as.js);
      break;
    case WF_VALUE_POINTER:
      if (v->as.pointer.destroy != NULL) v->as.pointer.destroy(v->as.pointer.ptr);
      break;
    default:
      break;
  }
  *v = wf_value_none();
}
