/* A set of non-NULL pointers: open addressing with linear probing, NULL for
 * an empty slot, and backward-shift deletion, so there are no tombstones and
 * a lookup stops at the first empty slot. The load stays between 1/8 and 1/2
 * (above a minimum capacity), so probes stay short and a burst of entries
 * gives its memory back once they leave. Not thread safe: the caller locks. */
#ifndef WF_PTRSET_H
#define WF_PTRSET_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "wf/errors.h"

enum { WF__PTRSET_MIN = 64 };

typedef struct wf__ptrset {
  void** slots;
  uint32_t capacity; /* 0 or a power of two >= WF__PTRSET_MIN */
  uint32_t count;
  uint32_t shift; /* 64 - log2(capacity) */
} wf__ptrset;

/* Fibonacci hashing: the multiply spreads the low bits, which malloc's
 * alignment leaves zero, over the high bits the slot is taken from. */
static inline uint32_t wf__ptrset_home(const wf__ptrset* set, const void* p) {
  return (uint32_t)(((uint64_t)(uintptr_t)p * UINT64_C(0x9E3779B97F4A7C15)) >> set->shift);
}

static inline bool wf__ptrset_has(const wf__ptrset* set, const void* p) {
  if (set->count == 0 || p == NULL) return false;
  uint32_t mask = set->capacity - 1;
  for (uint32_t i = wf__ptrset_home(set, p);; i = (i + 1) & mask) {
    if (set->slots[i] == p) return true;
    if (set->slots[i] == NULL) return false;
  }
}

static inline void wf__ptrset_place(wf__ptrset* set, void* p) {
  uint32_t mask = set->capacity - 1;
  uint32_t i = wf__ptrset_home(set, p);
  while (set->slots[i] != NULL) i = (i + 1) & mask;
  set->slots[i] = p;
}

/* Moves every entry into a table of `capacity` slots; on failure nothing
 * changes. */
static inline int wf__ptrset_resize(wf__ptrset* set, uint32_t capacity) {
  void** slots = calloc(capacity, sizeof *slots);
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

/* Adds `p`, which must not be in the set. WF_ENOMEM leaves the set as it was. */
static inline int wf__ptrset_add(wf__ptrset* set, void* p) {
  if ((set->count + 1) * 2 > set->capacity) {
    if (set->capacity > UINT32_MAX / 2) return WF_ENOMEM;
    int rc = wf__ptrset_resize(set, set->capacity == 0 ? WF__PTRSET_MIN : set->capacity * 2);
    if (rc != 0) return rc;
  }
  wf__ptrset_place(set, p);
  set->count++;
  return 0;
}

/* Removes `p`, which must be in the set; never fails. */
static inline void wf__ptrset_remove(wf__ptrset* set, const void* p) {
  uint32_t mask = set->capacity - 1;
  uint32_t hole = wf__ptrset_home(set, p);
  while (set->slots[hole] != p) hole = (hole + 1) & mask;
  /* Backward shift: pull each later entry of the run into the hole unless
   * its home lies cyclically in (hole, i], where it must stay findable. */
  for (uint32_t i = (hole + 1) & mask; set->slots[i] != NULL; i = (i + 1) & mask) {
    uint32_t home = wf__ptrset_home(set, set->slots[i]);
    if (((i - home) & mask) >= ((i - hole) & mask)) {
      set->slots[hole] = set->slots[i];
      hole = i;
    }
  }
  set->slots[hole] = NULL;
  set->count--;
  /* Shrinking is best effort: a set that stays large is still correct. */
  if (set->capacity > WF__PTRSET_MIN && set->count * 8 < set->capacity)
    wf__ptrset_resize(set, set->capacity / 2);
}

#endif
