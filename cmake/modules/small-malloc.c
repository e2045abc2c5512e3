/* The browser module's malloc (-sMALLOC=none): segregated free lists, no
 * splitting or coalescing, for a heap of many small blocks of a few sizes
 * (futures, handles, callbacks), at a fraction of emmalloc's code. A block
 * is an 8-byte header (its class, and the bytes it was asked for with the
 * header, which mallinfo counts) and its payload, 16-byte aligned; a freed
 * block waits on its class's list for the next request of that class.
 * Classes are every multiple of 16 bytes up to 1 KiB, then every power of
 * two. Memory comes from the top of the heap, grown (with the glue's views
 * of it) as needed, as emscripten_resize_heap does.
 *
 * The price, against emmalloc: a large block takes up to twice what it asks
 * for, and a freed block serves only its own class, so a heap whose peaks
 * are of different sizes at different times holds each peak. The Node module keeps dlmalloc. */
#include <malloc.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* library.js: grows the memory by `pages` of 64 KiB and the glue's views with
 * it; 0 if it cannot. */
int wf__js_grow(uint32_t pages);

enum { SMALL = 64, CLASSES = SMALL + 32 };
static void* wf__free_lists[CLASSES];
static size_t wf__in_use;
extern char __heap_base;
static uintptr_t wf__top = (uintptr_t)&__heap_base;

void* malloc(size_t size) {
  if (size > 0x7ffffff0u) return NULL;
  /* The class of a block of size + 8 bytes (its header too), and its size:
   * a multiple of 16 up to 1 KiB, then a power of two. */
  size_t block = (size + 8 + 15) & ~(size_t)15;
  unsigned c = (unsigned)(block >> 4) - 1;
  if (block > SMALL * 16) {
    unsigned log = 32 - (unsigned)__builtin_clz((unsigned)block - 1);
    block = (size_t)1 << log;
    c = SMALL + log;
  }
  uint32_t* header = wf__free_lists[c];
  if (header != NULL) {
    wf__free_lists[c] = *(void**)(header + 2);
  } else {
    /* Blocks start 8 bytes past a multiple of 16, so payloads are 16-aligned.
     * Beware: 32-bit arithmetic, sound because this module's memory is at
     * most 2 GiB (its link line says so): `have` fits, and a block that
     * would take `end` past 2^32 wraps it below `start`, and is refused. */
    uintptr_t start = wf__top + ((8 - wf__top) & 15), end = start + block;
    uintptr_t have = __builtin_wasm_memory_size(0) << 16;
    if (end < start) return NULL;
    if (end > have) {
      /* As emscripten_resize_heap: a fifth more than now, at most 96 MiB more than needed. */
      uintptr_t need = end - have, want = have / 5;
      if (want > need + (96u << 20)) want = need + (96u << 20);
      if (want < need) want = need;
      if (!wf__js_grow((want + 0xffff) >> 16) && !wf__js_grow((need + 0xffff) >> 16)) return NULL;
    }
    wf__top = end;
    header = (uint32_t*)start;
  }
  header[0] = c;
  header[1] = (uint32_t)size + 8;
  wf__in_use += size + 8;
  return header + 2;
}

void free(void* ptr) {
  if (ptr == NULL) return;
  uint32_t* header = (uint32_t*)ptr - 2;
  unsigned c = header[0];
  wf__in_use -= header[1];
  *(void**)ptr = wf__free_lists[c];
  wf__free_lists[c] = header;
}

void* calloc(size_t count, size_t size) {
  size_t total;
  if (__builtin_mul_overflow(count, size, &total)) return NULL;
  void* ptr = malloc(total);
  if (ptr != NULL) memset(ptr, 0, total);
  return ptr;
}

void* realloc(void* ptr, size_t size) {
  if (ptr == NULL) return malloc(size);
  /* A block keeps what it was asked for first: it only grows by moving. */
  size_t capacity = ((uint32_t*)ptr)[-1] - 8;
  if (size <= capacity) return ptr;
  void* grown = malloc(size);
  if (grown != NULL) {
    memcpy(grown, ptr, capacity);
    free(ptr);
  }
  return grown;
}

struct mallinfo mallinfo(void) {
  struct mallinfo info = {0};
  info.uordblks = (int)wf__in_use;
  return info;
}

/* libc's strlen reads a word at a time: five times the code, for the short
 * strings (cancel messages) this module measures. */
__attribute__((no_builtin)) size_t strlen(const char* s) {
  const char* end = s;
  while (*end) end++;
  return (size_t)(end - s);
}
