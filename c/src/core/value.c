#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "core/core_internal.h"


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
  /* Every error says what went wrong: one of the library's codes without a
   * message of its own gets the code's (a cancellation may have none). */
  if ((message == NULL || message[0] == '\0') && code < 0 && code != WF_ECANCELLED)
    message = wf_strerror(code);
  v.as.error.message = message == NULL ? "" : message;
  v.size = (uint32_t)strlen(v.as.error.message);
  return v;
}

wf_value wf_value_future(wf_future* future) {
  wf_value v = wf_value_none();
  v.type = WF_VALUE_FUTURE;
  v.as.future = future;
  return v;
}

wf_value wf_value_array(const wf_value* items, size_t count) {
  wf_value v = wf_value_none();
  v.type = WF_VALUE_ARRAY;
  v.as.array = items;
  v.size = items == NULL ? 0 : (uint32_t)count;
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
    case WF_VALUE_FUTURE:
      return v->as.future == NULL ? WF_EINVAL : 0;
    case WF_VALUE_ARRAY:
      if (v->as.array == NULL && v->size > 0) return WF_EINVAL;
      for (uint32_t i = 0; i < v->size; i++) {
        int rc = wf__value_check(&v->as.array[i]);
        if (rc != 0) return rc;
      }
      return 0;
  }
  return WF_EINVAL;
}

static int wf__value_copy_array(wf_value* dst, const wf_value* src) {
  if (src->size == 0) {
    dst->as.array = NULL;
    return 0;
  }
  wf_value* items = malloc(src->size * sizeof *items);
  if (items == NULL) return WF_ENOMEM;
  for (uint32_t i = 0; i < src->size; i++) {
    int rc = wf__value_copy(&items[i], &src->as.array[i]);
    if (rc != 0) {
      while (i > 0) wf__value_destroy(&items[--i]);
      free(items);
      return rc;
    }
  }
  dst->as.array = items;
  return 0;
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
    case WF_VALUE_JS:
      dst->as.js = wf__platform_dup_js(src->as.js);
      return 0;
    case WF_VALUE_FUTURE:
      wf_future_retain(src->as.future);
      return 0;
    case WF_VALUE_POINTER:
      /* The first owner counts the shares; later copies join them. */
      if (src->as.pointer.shares == NULL) {
        dst->as.pointer.shares = malloc(sizeof *dst->as.pointer.shares);
        if (dst->as.pointer.shares == NULL) return WF_ENOMEM;
        *dst->as.pointer.shares = 1;
      } else {
        assert(*dst->as.pointer.shares > 0);
        ++*dst->as.pointer.shares;
      }
      return 0;
    case WF_VALUE_ARRAY:
      return wf__value_copy_array(dst, src);
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
      assert(v->as.pointer.shares == NULL || *v->as.pointer.shares > 0);
      if (v->as.pointer.shares != NULL && --*v->as.pointer.shares > 0) break;
      free(v->as.pointer.shares);
      if (v->as.pointer.destroy != NULL) v->as.pointer.destroy(v->as.pointer.ptr);
      break;
    case WF_VALUE_FUTURE:
      wf_future_release(v->as.future);
      break;
    case WF_VALUE_ARRAY:
      for (uint32_t i = 0; i < v->size; i++) wf__value_destroy((wf_value*)&v->as.array[i]);
      free((void*)v->as.array);
      break;
    default:
      break;
  }
  *v = wf_value_none();
}
