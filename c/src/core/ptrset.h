/* A set of 8-byte-aligned pointers, kept as one bit per 8 bytes of address
 * space: a page of bits for each 256 KiB of addresses that holds a member,
 * found through a table of pages: with 32-bit addresses (wasm32) a table of
 * every page there can be, indexed by its number; with wider ones a small
 * open-addressing table.
 *
 * Why bits and not a hash set of the pointers: every future enters and
 * leaves the set, and a program may hold a million of them at once. A hash
 * set spreads its members over memory on purpose, so each insert and each
 * removal missed the cache (in measurements, 20 to 70 ns a future); here
 * futures made one after the other are neighbours in memory and so in the
 * bits, and the table of pages is small enough to stay in cache. A pointer
 * into the middle of a member is not a member: only its first byte's bit is
 * set. Not thread safe: the caller locks. */
#ifndef WF_PTRSET_H
#define WF_PTRSET_H

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "wf/errors.h"

enum {
  WF__PTRSET_PAGE_BITS = 15, /* bits in a page: 2^15 * 8 bytes = 256 KiB of addresses */
  WF__PTRSET_WORDS = (1 << WF__PTRSET_PAGE_BITS) / 64,
  WF__PTRSET_MIN = 16 /* slots of the open-addressing table of pages */
};

typedef struct wf__ptrpage {
  uintptr_t number; /* address >> (3 + WF__PTRSET_PAGE_BITS) */
  uint32_t count;   /* members in it */
  uint64_t bits[WF__PTRSET_WORDS];
} wf__ptrpage;

static inline uintptr_t wf__ptrset_key(const void* p) { return (uintptr_t)p >> 3; }

static inline uintptr_t wf__ptrset_number(const void* p) {
  return wf__ptrset_key(p) >> WF__PTRSET_PAGE_BITS;
}

/* Each variant of the table of pages below gives: wf__ptrset, with a
 * `spare` (an empty page kept, so one member coming and going allocates
 * nothing); wf__ptrset_page(set, number), the page or NULL;
 * wf__ptrset_make_room(set), which readies the table for one page more, or
 * fails with nothing changed; wf__ptrset_insert(set, page) after it; and
 * wf__ptrset_unlink(set, page). */
#if UINTPTR_MAX == UINT32_MAX
/* 2^32 addresses are 16 384 pages: a table of them all (64 KiB of zeroed
 * memory, which a .wasm does not carry) finds a page with one load, and has
 * no hashing, probing, resizing or backward-shift deletion to ship: the
 * browser's .wasm is 297 bytes smaller gzipped (7 482 -> 7 185, emcc 3.1.6). */
typedef struct wf__ptrset {
  wf__ptrpage* pages[(UINT64_C(1) << 32) >> (3 + WF__PTRSET_PAGE_BITS)];
  wf__ptrpage* spare;
} wf__ptrset;

static inline wf__ptrpage* wf__ptrset_page(wf__ptrset* set, uintptr_t number) {
  return set->pages[number];
}

static inline int wf__ptrset_make_room(wf__ptrset* set) { return 0; }

static inline void wf__ptrset_insert(wf__ptrset* set, wf__ptrpage* page) {
  set->pages[page->number] = page;
}

static inline void wf__ptrset_unlink(wf__ptrset* set, wf__ptrpage* page) {
  set->pages[page->number] = NULL;
}
#else
typedef struct wf__ptrset {
  wf__ptrpage** slots; /* open addressing, linear probing, NULL when empty */
  uint32_t capacity;   /* 0 or a power of two >= WF__PTRSET_MIN */
  uint32_t pages;
  uint32_t shift;      /* 64 - log2(capacity) */
  wf__ptrpage* last;   /* the page used last: most calls stay in it */
  wf__ptrpage* spare;
} wf__ptrset;

static inline uint32_t wf__ptrset_home(const wf__ptrset* set, uintptr_t number) {
  return (uint32_t)(((uint64_t)number * UINT64_C(0x9E3779B97F4A7C15)) >> set->shift);
}

static inline wf__ptrpage* wf__ptrset_page(wf__ptrset* set, uintptr_t number) {
  if (set->last != NULL && set->last->number == number) return set->last;
  if (set->pages == 0) return NULL;
  uint32_t mask = set->capacity - 1;
  for (uint32_t i = wf__ptrset_home(set, number);; i = (i + 1) & mask) {
    wf__ptrpage* page = set->slots[i];
    if (page == NULL) return NULL;
    if (page->number == number) return set->last = page;
  }
}

static inline void wf__ptrset_place(wf__ptrset* set, wf__ptrpage* page) {
  uint32_t mask = set->capacity - 1;
  uint32_t i = wf__ptrset_home(set, page->number);
  while (set->slots[i] != NULL) i = (i + 1) & mask;
  set->slots[i] = page;
}

/* Moves every page into a table of `capacity` slots; on failure nothing
 * changes. */
static inline int wf__ptrset_resize(wf__ptrset* set, uint32_t capacity) {
  /* a power of two: the slot is the hash's top bits, and probing wraps by a mask */
  assert(capacity >= WF__PTRSET_MIN && (capacity & (capacity - 1)) == 0);
  wf__ptrpage** slots = calloc(capacity, sizeof *slots);
  if (slots == NULL) return WF_ENOMEM;
  wf__ptrset old = *set;
  set->slots = slots;
  set->capacity = capacity;
  set->shift = 64;
  for (uint32_t c = capacity; c > 1; c >>= 1) set->shift--;
  for (uint32_t i = 0; i < old.capacity; i++)
    if (old.slots[i] != NULL) wf__ptrset_place(set, old.slots[i]);
  free(old.slots);
  return 0;
}

static inline int wf__ptrset_make_room(wf__ptrset* set) {
  if ((set->pages + 1) * 2 <= set->capacity) return 0;
  if (set->capacity > UINT32_MAX / 2) return WF_ENOMEM;
  return wf__ptrset_resize(set, set->capacity == 0 ? WF__PTRSET_MIN : set->capacity * 2);
}

static inline void wf__ptrset_insert(wf__ptrset* set, wf__ptrpage* page) {
  wf__ptrset_place(set, page);
  set->pages++;
  set->last = page;
}

/* Takes `page` out of the table (backward-shift deletion: later pages of
 * its run move back unless their home lies cyclically in (hole, i], where
 * they must stay to be found). */
static inline void wf__ptrset_unlink(wf__ptrset* set, wf__ptrpage* page) {
  uint32_t mask = set->capacity - 1;
  uint32_t hole = wf__ptrset_home(set, page->number);
  while (set->slots[hole] != page) hole = (hole + 1) & mask;
  for (uint32_t i = (hole + 1) & mask; set->slots[i] != NULL; i = (i + 1) & mask) {
    uint32_t home = wf__ptrset_home(set, set->slots[i]->number);
    if (((i - home) & mask) >= ((i - hole) & mask)) {
      set->slots[hole] = set->slots[i];
      hole = i;
    }
  }
  set->slots[hole] = NULL;
  set->pages--;
  if (set->last == page) set->last = NULL;
}
#endif

static inline bool wf__ptrset_has(wf__ptrset* set, const void* p) {
  if (p == NULL || ((uintptr_t)p & 7) != 0) return false;
  wf__ptrpage* page = wf__ptrset_page(set, wf__ptrset_number(p));
  uintptr_t bit = wf__ptrset_key(p) & ((1u << WF__PTRSET_PAGE_BITS) - 1);
  return page != NULL && (page->bits[bit / 64] >> (bit % 64) & 1) != 0;
}

/* Adds `p` (8-byte aligned, not in the set). WF_ENOMEM leaves the set as it
 * was. */
static inline int wf__ptrset_add(wf__ptrset* set, void* p) {
  assert(p != NULL && ((uintptr_t)p & 7) == 0);
  uintptr_t number = wf__ptrset_number(p);
  wf__ptrpage* page = wf__ptrset_page(set, number);
  if (page == NULL) {
    int rc = wf__ptrset_make_room(set);
    if (rc != 0) return rc;
    page = set->spare != NULL ? set->spare : calloc(1, sizeof *page);
    if (page == NULL) return WF_ENOMEM;
    set->spare = NULL;
    page->number = number;
    wf__ptrset_insert(set, page);
  }
  uintptr_t bit = wf__ptrset_key(p) & ((1u << WF__PTRSET_PAGE_BITS) - 1);
  assert((page->bits[bit / 64] >> (bit % 64) & 1) == 0); /* not a member yet */
  page->bits[bit / 64] |= UINT64_C(1) << (bit % 64);
  page->count++;
  return 0;
}

/* Removes `p`, which must be in the set; never fails. */
static inline void wf__ptrset_remove(wf__ptrset* set, const void* p) {
  wf__ptrpage* page = wf__ptrset_page(set, wf__ptrset_number(p));
  uintptr_t bit = wf__ptrset_key(p) & ((1u << WF__PTRSET_PAGE_BITS) - 1);
  assert(page != NULL && (page->bits[bit / 64] >> (bit % 64) & 1) != 0); /* a member */
  page->bits[bit / 64] &= ~(UINT64_C(1) << (bit % 64));
  if (--page->count > 0) return;
  wf__ptrset_unlink(set, page);
  /* Its bits are all clear again: kept as the spare, it needs no clearing. */
  if (set->spare == NULL)
    set->spare = page;
  else
    free(page);
}

#endif
