/* An intrusive circular doubly linked list, after libuv's src/queue.h. A
 * wf__queue is both the head of a list and the link inside an element. */
#ifndef WF_QUEUE_H
#define WF_QUEUE_H

#include <assert.h>
#include <stddef.h>

typedef struct wf__queue {
  struct wf__queue* next;
  struct wf__queue* prev;
} wf__queue;

#define wf__queue_data(ptr, type, field) ((type*)((char*)(ptr)-offsetof(type, field)))

static inline void wf__queue_init(wf__queue* q) {
  q->next = q;
  q->prev = q;
}

static inline int wf__queue_empty(const wf__queue* q) { return q->next == q; }

static inline wf__queue* wf__queue_head(const wf__queue* q) { return q->next; }

static inline void wf__queue_insert_tail(wf__queue* h, wf__queue* q) {
  q->next = h;
  q->prev = h->prev;
  q->prev->next = q;
  h->prev = q;
}

static inline void wf__queue_remove(wf__queue* q) {
  /* linked both ways (or alone): anything else is a list already broken */
  assert(q->next->prev == q && q->prev->next == q);
  q->prev->next = q->next;
  q->next->prev = q->prev;
  q->next = q;
  q->prev = q;
}

/* Moves every element of h to the end of n; h ends empty. */
static inline void wf__queue_append(wf__queue* h, wf__queue* n) {
  assert(h != n);
  if (wf__queue_empty(h)) return;
  n->prev->next = h->next;
  h->next->prev = n->prev;
  n->prev = h->prev;
  n->prev->next = n;
  wf__queue_init(h);
}

/* Moves every element of h to the front of n, in order; h ends empty. */
static inline void wf__queue_prepend(wf__queue* h, wf__queue* n) {
  assert(h != n);
  if (wf__queue_empty(h)) return;
  h->prev->next = n->next;
  n->next->prev = h->prev;
  n->next = h->next;
  n->next->prev = n;
  wf__queue_init(h);
}

#endif
