/* Tagged values: what a future holds as its result or its exception. */
#ifndef WF_VALUE_H
#define WF_VALUE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum wf_value_type {
  WF_VALUE_NONE = 0,    /* JS undefined */
  WF_VALUE_BOOL = 1,
  WF_VALUE_INT = 2,     /* 64-bit; always a BigInt in JS, whatever its value */
  WF_VALUE_DOUBLE = 3,
  WF_VALUE_STRING = 4,  /* UTF-8, `size` bytes, NUL-terminated when owned */
  WF_VALUE_BYTES = 5,   /* `size` bytes; JS gets a Uint8Array copy */
  WF_VALUE_JS = 6,      /* handle of a JavaScript value held for C */
  WF_VALUE_POINTER = 7, /* opaque pointer, destroyed with `destroy` if set */
  WF_VALUE_ERROR = 8,   /* a C error: JS gets an Error with `message` and `code`;
                           WF_ECANCELLED a CancelledError, WF_ETIMEDOUT a TimeoutError */
  WF_VALUE_FUTURE = 9,  /* a reference to a future: JS gets the Future */
  WF_VALUE_ARRAY = 10   /* `size` values: JS gets an Array */
} wf_value_type;

typedef struct wf_future wf_future;

typedef struct wf_value {
  uint32_t type; /* a wf_value_type */
  uint32_t size; /* bytes of a string, bytes or error message */
  union {
    int32_t boolean;
    int64_t integer;
    double number;
    const char* string;
    const uint8_t* bytes;
    uint32_t js;
    struct {
      void* ptr;
      void (*destroy)(void* ptr);
      uint32_t* shares; /* set by the library when futures share the pointer */
    } pointer;
    struct {
      int32_t code;
      const char* message;
    } error;
    wf_future* future;
    const struct wf_value* array;
  } as;
} wf_value;

/* Views: they allocate nothing and borrow what they point at. A future that
 * stores one copies strings, bytes, error messages and arrays, retains a
 * future, and takes over a pointer's destructor: futures that share the
 * pointer afterwards (gather, shield, wait_for) share it, and the destructor
 * runs once, when the last of them dies. Build values with these
 * constructors, which leave the library's fields zero. */
wf_value wf_value_none(void);
wf_value wf_value_bool(int b);
wf_value wf_value_int(int64_t i);
wf_value wf_value_double(double d);
/* NULL `s` is read as "". */
wf_value wf_value_string(const char* s);
wf_value wf_value_string_n(const char* s, size_t size);
wf_value wf_value_bytes(const void* data, size_t size);
wf_value wf_value_pointer(void* ptr, void (*destroy)(void*));
/* An error of `code`. NULL or "" `message` with one of the library's WF_E*
 * codes (WF_ECANCELLED excepted) becomes wf_strerror(code): every error says
 * something. */
wf_value wf_value_error(int32_t code, const char* message);
/* A borrowed future, retained by whatever stores the value. */
wf_value wf_value_future(wf_future* future);
/* `count` values, borrowed. */
wf_value wf_value_array(const wf_value* items, size_t count);

#ifdef __cplusplus
}
#endif
#endif
