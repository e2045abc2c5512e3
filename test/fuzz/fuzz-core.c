/* libFuzzer target for the C core: futures, done-callbacks, the ready queue,
 * timers and the combinators, driven through the public API only.
 *
 * The input is a sequence of operations (one byte each, then the bytes of
 * their arguments; reading past the end gives zeros). A model beside the
 * library predicts what asyncio's rules say must happen, and every step is
 * checked against it:
 *   - a done future never changes state or value again; a set on a done
 *     future is WF_EINVALSTATE and changes nothing; cancel on a done future
 *     says 0; a bad value is WF_EINVAL and changes nothing;
 *   - done-callbacks never run synchronously, only inside a drain; each runs
 *     at most once, or is released (removed, or dropped with a pending
 *     future), never both; a future's callbacks run in the order they were
 *     added; remove_done_callback counts what it removed;
 *   - a drain runs exactly the callbacks queued when it began: each callback
 *     runs in the drain after the one that queued it, and those whose place
 *     in the queue is known run in FIFO order;
 *   - timers run in order of due time, then of scheduling, never before they
 *     are due, and a timer due at INFINITY never runs;
 *   - bad arguments are WF_EINVAL and leave nothing behind;
 *   - at the end, with every reference released (pending futures and
 *     combinators included), the loop closes (no future or handle is left),
 *     every pointer value was destroyed once, and ASan finds no leak.
 * FUZZ_TRACE=1 prints the steps of an input, to read a crash. The budget is
 * out of reach unless the input sets it; malloc failures are not injected.
 * A violation aborts with the failing check, so libFuzzer saves the input. */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wf/wf.h"

/* The library's set of live futures (c/src/core/core_internal.h), which the JS
 * binding asks before it uses a pointer. */
bool wf__future_is_live(const void* ptr);

#define CHECK(expr)                                                                      \
  do {                                                                                   \
    if (!(expr)) {                                                                       \
      fprintf(stderr, "fuzz-core: invariant broken on line %d: %s\n", __LINE__, #expr); \
      abort();                                                                           \
    }                                                                                    \
  } while (0)

/* FUZZ_TRACE=1 in the environment prints the steps (to read a crash). */
static bool tracing;
#define TRACE(...) (tracing ? (void)fprintf(stderr, __VA_ARGS__) : (void)0)

enum {
  MAX_OPS = 600,
  NSLOTS = 8,     /* future slots the input addresses */
  NHSLOTS = 8,    /* handle slots the input addresses */
  MAX_FUTS = 512, /* futures the model knows, made by us or by combinators */
  MAX_CELLS = 512,
  MAX_REGS = 1024,
  MAX_RECS = 1024,
  MAX_QUEUE = 4096
};

/* ---------------------------------------------------------------- input */

static const uint8_t* in_data;
static size_t in_size, in_pos;

static uint8_t next_byte(void) { return in_pos < in_size ? in_data[in_pos++] : 0; }

static const double times[] = {0,    -0.0, 0.5,     1,      2,         5,       10,
                               100,  1e6,  1e300,   1e308,  -1,        -5,      -1e300,
                               -1e308, INFINITY, -INFINITY, NAN};
enum { NTIMES = sizeof times / sizeof times[0] };

static double next_time(void) { return times[next_byte() % NTIMES]; }

/* ---------------------------------------------------------------- model */

typedef enum { KIND_PLAIN, KIND_GATHER, KIND_WAIT, KIND_SLOT, KIND_WAIT_FOR, KIND_SHIELD, KIND_SLEEP } fut_kind;

typedef struct {
  wf_future* addr; /* its address, for identity while the library keeps it */
  wf_future* ptr;  /* the same while we hold it, then NULL */
  int refs;      /* references the harness owns: slots and extra retains */
  int extra;     /* of which extra retains */
  bool known_done;
  int done_state;
  /* what we set, if we completed it: checked at the first read */
  bool set_by_us;
  bool expect_exception;
  wf_value expected; /* a view; strings point into static tables */
  int64_t pointer_tag;
  bool cancelled_by_us;
  const char* our_message;
  /* the first read, against which later reads are checked */
  bool read;
  int read_rc;
  const wf_value* read_value;
  uint32_t read_type;
  const char* read_message; /* owned by the future, which outlives our reads */
  int last_fired_seq;
  fut_kind kind;
  size_t kind_n; /* gather: inputs; wait: distinct inputs */
  /* How deep its value may nest: values are copied, so a gather of 4
   * gathers of 4 ... holds 4^depth copies; deep ones are not gathered. */
  int depth;
} fut_model;

/* A done-callback argument: one per registration site, registered one or more
 * times on the same future, so removal has something to count. */
typedef struct {
  int fut;
  int regs[16];
  int nregs;
  int next; /* the first registration not yet fired or released */
  int action;
  int target;
} cell;

typedef enum { REG_PENDING, REG_QUEUED, REG_ORPHAN, REG_FIRED, REG_RELEASED } reg_state;

typedef struct {
  int cell;
  int seq;
  reg_state state;
  double drain; /* the drain it must run in; 0 when unknown */
  bool exact;   /* its place in the ready queue is known */
} reg;

typedef enum { REC_QUEUED, REC_TIMER, REC_RAN, REC_CANCELLED } rec_state;

/* A plain callback of call_soon / call_later / call_at. */
typedef struct {
  rec_state state;
  bool timer;
  double when;
  int order; /* scheduling order among our timers */
  double drain;
  wf_handle* handle; /* the harness's reference, NULL if it asked for none */
  bool cancel_called;
  int depth;         /* nested call_soon from callbacks */
  int action;
  int target;
} rec;

typedef struct {
  bool is_rec;
  int index;
  bool gone; /* ran, or cancelled before it could */
} queue_entry;

static wf_loop* loop;
static fut_model futs[MAX_FUTS];
static int nfuts;
static int slots[NSLOTS];
static cell cells[MAX_CELLS];
static int ncells;
static reg regs[MAX_REGS];
static int nregs;
static rec recs[MAX_RECS];
static int nrecs;
static int hslots[NHSLOTS];
static int timer_order;
static queue_entry queue[MAX_QUEUE];
static int queue_len, queue_head;
static bool in_drain;
static bool finishing; /* callbacks do nothing more while everything winds down */
/* With the budget set by the input, a drain may stop early; what is left
 * stays first in line for the next one. Otherwise the budget never runs out
 * (the native clock only moves when told) and each drain runs all it took. */
static bool budget_may_cut;
static int reg_seq;
static int pointers_made, pointers_destroyed;
static int reports;

static double drain_count(void) { return wf_loop_drain_count(loop); }

static bool held(int f) { return futs[f].refs > 0; }

static void enqueue(bool is_rec, int index) {
  TRACE("  queue %s %d\n", is_rec ? "rec" : "reg", index);
  CHECK(queue_len < MAX_QUEUE);
  queue[queue_len++] = (queue_entry){is_rec, index, false};
}

/* A callback ran: it must be the first of the known queue still waiting. */
static void dequeue(bool is_rec, int index) {
  while (queue_head < queue_len && queue[queue_head].gone) queue_head++;
  CHECK(queue_head < queue_len);
  CHECK(queue[queue_head].is_rec == is_rec && queue[queue_head].index == index);
  queue[queue_head++].gone = true;
}

static void unqueue(bool is_rec, int index) {
  for (int i = queue_head; i < queue_len; i++)
    if (!queue[i].gone && queue[i].is_rec == is_rec && queue[i].index == index) {
      queue[i].gone = true;
      return;
    }
  CHECK(!"a cancelled handle was not in the queue");
}

/* The future's pending registrations move to the ready queue, in order: it
 * just completed, by our call or by the library's inside that call. */
static void schedule_registrations(int f, bool exact) {
  for (int i = 0; i < nregs; i++) {
    if (cells[regs[i].cell].fut != f || regs[i].state != REG_PENDING) continue;
    regs[i].state = REG_QUEUED;
    regs[i].drain = drain_count() + 1;
    regs[i].exact = exact;
    if (exact) enqueue(false, i);
  }
}

static int fut_of(wf_future* p) {
  for (int f = 0; f < nfuts; f++)
    if (held(f) && futs[f].ptr == p) return f;
  return -1;
}

/* A future whose state we learn: once done it stays as it was. */
static void observe(int f, bool exact) {
  fut_model* m = &futs[f];
  int state = wf_future_state_of(m->ptr);
  CHECK(state >= WF_FUTURE_PENDING && state <= WF_FUTURE_FINISHED);
  CHECK(wf_future_done(m->ptr) == (state != WF_FUTURE_PENDING));
  CHECK(wf_future_cancelled(m->ptr) == (state == WF_FUTURE_CANCELLED));
  CHECK(wf_future_get_loop(m->ptr) == loop);
  CHECK(wf__future_is_live(m->ptr) && !wf__future_is_live((const char*)m->ptr + 8));
  if (m->known_done) {
    CHECK(state == m->done_state);
  } else if (state != WF_FUTURE_PENDING) {
    m->known_done = true;
    m->done_state = state;
    schedule_registrations(f, exact);
  }
}

/* After any call of ours: futures the library completed inside it. */
static void observe_all(bool exact) {
  for (int f = 0; f < nfuts; f++)
    if (held(f)) observe(f, exact);
}

static int new_fut(wf_future* p, fut_kind kind) {
  int existing = fut_of(p);
  if (existing >= 0) return existing;
  CHECK(nfuts < MAX_FUTS);
  int f = nfuts++;
  memset(&futs[f], 0, sizeof futs[f]);
  futs[f].ptr = p;
  futs[f].addr = p;
  futs[f].kind = kind;
  futs[f].last_fired_seq = -1;
  return f;
}

static void drop_ref(int f);

/* Puts a new reference of ours to future f in slot s, then lets go of what
 * the slot held (which may be f itself). */
static void hold_in_slot(int s, int f) {
  int old = slots[s];
  slots[s] = f;
  futs[f].refs++;
  if (old >= 0) {
    futs[old].refs--;
    drop_ref(old);
  }
}

static void drop_ref(int f) {
  /* Release callbacks of a future freed here run inside this call. */
  wf_future_release(futs[f].ptr);
  if (!held(f)) {
    for (int i = 0; i < nregs; i++)
      if (cells[regs[i].cell].fut == f && regs[i].state == REG_PENDING) regs[i].state = REG_ORPHAN;
    futs[f].ptr = NULL;
  }
}

static void release_slot(int s) {
  int f = slots[s];
  if (f < 0) return;
  slots[s] = -1;
  futs[f].refs--;
  drop_ref(f);
}

static int slot_fut(uint8_t b) { return slots[b % NSLOTS]; }

/* ---------------------------------------------------------------- values */

static const char* const strings[] = {"", "a", "boom", "cancel me", "\xc3\xa9t\xc3\xa9", "a\0b"};
enum { NSTRINGS = sizeof strings / sizeof strings[0] };
static const uint8_t bytes[8] = {0, 1, 2, 0xff, 0x80, 7, 0, 9};

static void destroy_pointer(void* p) {
  pointers_destroyed++;
  free(p);
}

/* A value from the input; *tag is the integer a pointer carries (0: none). */
static wf_value make_value(wf_value* items, int64_t* tag) {
  uint8_t k = next_byte();
  *tag = 0;
  switch (k % 10) {
    case 0:
      return wf_value_none();
    case 1:
      return wf_value_bool(next_byte() & 1);
    case 2:
      return wf_value_int((int64_t)((uint64_t)((int64_t)next_byte() - 128) ^ (k & 0x80 ? UINT64_C(1) << 63 : 0)));
    case 3:
      return wf_value_double(next_time());
    case 4: {
      uint8_t s = next_byte() % NSTRINGS;
      return s == NSTRINGS - 1 ? wf_value_string_n(strings[s], 3) : wf_value_string(strings[s]);
    }
    case 5:
      return wf_value_bytes(next_byte() & 1 ? bytes : NULL, next_byte() % 9);
    case 6:
      return wf_value_error(-(int32_t)(next_byte() % 10), next_byte() & 1 ? strings[2] : NULL);
    case 7: {
      int64_t* p = malloc(sizeof *p);
      CHECK(p != NULL);
      *p = (int64_t)next_byte() + 1;
      *tag = *p;
      return wf_value_pointer(p, destroy_pointer);
    }
    case 8: {
      size_t n = next_byte() % 4;
      for (size_t i = 0; i < n; i++)
        items[i] = i % 2 ? wf_value_string(strings[2]) : wf_value_int((int64_t)i);
      return wf_value_array(n > 0 ? items : NULL, n);
    }
    default: {
      /* An invalid value: the library must refuse it. */
      wf_value v = wf_value_none();
      v.type = 99 + (k & 1);
      return v;
    }
  }
}

static bool value_valid(const wf_value* v) { return v->type <= WF_VALUE_ARRAY; }

static bool same_value(const wf_value* stored, const wf_value* want, int64_t tag) {
  if (stored->type != want->type) return false;
  switch (want->type) {
    case WF_VALUE_NONE:
      return true;
    case WF_VALUE_BOOL:
      return stored->as.boolean == want->as.boolean;
    case WF_VALUE_INT:
      return stored->as.integer == want->as.integer;
    case WF_VALUE_DOUBLE:
      return memcmp(&stored->as.number, &want->as.number, sizeof(double)) == 0;
    case WF_VALUE_STRING:
      return stored->size == want->size && memcmp(stored->as.string, want->as.string, want->size) == 0 &&
             stored->as.string[stored->size] == '\0';
    case WF_VALUE_BYTES:
      return stored->size == want->size &&
             (want->size == 0 || memcmp(stored->as.bytes, want->as.bytes, want->size) == 0);
    case WF_VALUE_ERROR:
      return stored->as.error.code == want->as.error.code && stored->size == want->size &&
             strcmp(stored->as.error.message, want->as.error.message) == 0;
    case WF_VALUE_POINTER:
      return *(int64_t*)stored->as.pointer.ptr == tag && stored->as.pointer.destroy == destroy_pointer;
    case WF_VALUE_ARRAY:
      if (stored->size != want->size) return false;
      for (uint32_t i = 0; i < want->size; i++)
        if (!same_value(&stored->as.array[i], &want->as.array[i], 0)) return false;
      return true;
    default:
      return false;
  }
}

/* Arrays we set are rebuilt for the check, as the view we passed is gone. */
static wf_value expected_items[MAX_FUTS][3];

static int complete(int f, int how) {
  fut_model* m = &futs[f];
  /* Inside a drain the library may have completed it already, at a moment
   * we do not know; what this call completes, we do. */
  observe(f, false);
  int before = wf_future_state_of(m->ptr);
  wf_value items[3];
  int64_t tag = 0;
  int rc;
  wf_value v = wf_value_none();
  int cancelled = -1;
  const char* msg = NULL;
  if (how == 2) {
    uint8_t b = next_byte();
    msg = b % 3 == 0 ? NULL : strings[b % NSTRINGS];
    rc = wf_future_cancel(m->ptr, msg, b & 0x80 ? NULL : &cancelled);
  } else if (how == 3) {
    int32_t code = -(int32_t)(next_byte() % 10);
    msg = next_byte() & 1 ? strings[3] : NULL;
    v = wf_value_error(code, msg);
    rc = wf_future_set_error(m->ptr, code, msg);
  } else {
    v = make_value(items, &tag);
    rc = how == 0 ? wf_future_set_result(m->ptr, &v) : wf_future_set_exception(m->ptr, &v);
  }
  if (how == 2) {
    CHECK(rc == 0);
    if (cancelled != -1) CHECK(cancelled == (before == WF_FUTURE_PENDING));
  } else if (before != WF_FUTURE_PENDING) {
    CHECK(rc == WF_EINVALSTATE || (rc == WF_EINVAL && !value_valid(&v)));
  } else if (!value_valid(&v)) {
    CHECK(rc == WF_EINVAL);
  } else {
    CHECK(rc == 0);
  }
  /* A pointer's destructor is the library's only when the set succeeded. */
  if (tag != 0) {
    if (rc == 0)
      pointers_made++;
    else
      free(v.as.pointer.ptr);
  }
  int after = wf_future_state_of(m->ptr);
  if (before != WF_FUTURE_PENDING || (rc != 0 && how != 2)) {
    CHECK(after == before);
  } else {
    CHECK(after == (how == 2 ? WF_FUTURE_CANCELLED : WF_FUTURE_FINISHED));
    m->set_by_us = how != 2;
    m->expect_exception = how == 1 || how == 3;
    m->expected = v;
    m->pointer_tag = tag;
    if (v.type == WF_VALUE_ARRAY) {
      memcpy(expected_items[f], items, sizeof items);
      m->expected.as.array = v.size > 0 ? expected_items[f] : NULL;
    }
    if (how == 2) {
      m->cancelled_by_us = true;
      m->our_message = msg;
    }
  }
  observe(f, true);
  return rc;
}

/* Reads result, exception and cancel message; checks them against what we
 * set and against the first read. */
static void read_future(int f) {
  fut_model* m = &futs[f];
  const wf_value* out = NULL;
  int rc = wf_future_result(m->ptr, &out);
  const wf_value* exc = NULL;
  int erc = wf_future_exception(m->ptr, &exc);
  const char* message = NULL;
  int mrc = wf_future_cancel_message(m->ptr, &message);
  int state = wf_future_state_of(m->ptr);
  if (state == WF_FUTURE_PENDING) {
    CHECK(rc == WF_EINVALSTATE && erc == WF_EINVALSTATE && mrc == WF_EINVALSTATE);
    return;
  }
  if (state == WF_FUTURE_CANCELLED) {
    CHECK(rc == WF_ECANCELLED && erc == WF_ECANCELLED && mrc == 0);
    if (m->read) {
      CHECK(message == m->read_message);
    } else {
      if (m->cancelled_by_us) {
        CHECK((message == NULL) == (m->our_message == NULL));
        if (message != NULL) CHECK(strcmp(message, m->our_message) == 0);
      }
      m->read = true;
      m->read_message = message;
    }
    return;
  }
  CHECK(mrc == WF_EINVALSTATE);
  CHECK(rc == 0 || rc == WF_EEXCEPTION);
  CHECK(out != NULL && erc == 0);
  CHECK(rc == WF_EEXCEPTION ? exc == out : exc == NULL);
  if (m->read) {
    CHECK(rc == m->read_rc && out == m->read_value && out->type == m->read_type);
  } else {
    m->read = true;
    m->read_rc = rc;
    m->read_value = out;
    m->read_type = out->type;
    if (m->set_by_us) {
      CHECK((rc == WF_EEXCEPTION) == m->expect_exception);
      CHECK(same_value(out, &m->expected, m->pointer_tag));
    }
    if (m->set_by_us) {
      /* what we set, not what the combinator would have */
    } else if (rc == 0 && m->kind == KIND_GATHER) {
      CHECK(out->type == WF_VALUE_ARRAY && out->size == m->kind_n);
    } else if (rc == 0 && m->kind == KIND_WAIT) {
      CHECK(out->type == WF_VALUE_ARRAY && out->size == 2);
      CHECK(out->as.array[0].size + out->as.array[1].size == m->kind_n);
    } else if (rc == 0 && m->kind == KIND_SLOT) {
      CHECK(out->type == WF_VALUE_FUTURE && wf_future_done(out->as.future) == 1);
    }
  }
}

/* ------------------------------------------------------------ callbacks */

static void run_plain(void* arg);

static int add_rec(bool timer, int depth) {
  CHECK(nrecs < MAX_RECS);
  int r = nrecs++;
  memset(&recs[r], 0, sizeof recs[r]);
  recs[r].timer = timer;
  recs[r].depth = depth;
  return r;
}

static void do_action(int action, int target, int depth);

static void on_done(wf_future* future, void* arg) {
  cell* c = arg;
  CHECK(in_drain);
  CHECK(c->next < c->nregs);
  int i = c->regs[c->next++];
  reg* r = &regs[i];
  CHECK(r->state == REG_QUEUED || r->state == REG_ORPHAN);
  CHECK(wf_future_done(future) == 1);
  fut_model* m = &futs[c->fut];
  CHECK(future == m->addr);
  CHECK(r->seq > m->last_fired_seq);
  m->last_fired_seq = r->seq;
  if (r->state == REG_QUEUED) {
    CHECK(r->drain == drain_count());
    if (r->exact) dequeue(false, i);
  }
  TRACE("  fire reg %d of cell %d (future %d)\n", (int)(r - regs), (int)(c - cells), c->fut);
  r->state = REG_FIRED;
  do_action(c->action, c->target, 1);
}

static void on_release(void* arg) {
  cell* c = arg;
  CHECK(c->next < c->nregs);
  reg* r = &regs[c->regs[c->next++]];
  /* Only a callback that never reached the queue is released. */
  CHECK(r->state == REG_PENDING || r->state == REG_ORPHAN);
  r->state = REG_RELEASED;
}

static void run_plain(void* arg) {
  rec* r = arg;
  int i = (int)(r - recs);
  CHECK(in_drain);
  CHECK(r->state == REC_QUEUED);
  CHECK(r->drain == drain_count());
  if (r->timer) CHECK(r->when <= wf_loop_time(loop) && r->when != INFINITY);
  TRACE("  run rec %d (timer %d, when %g)\n", i, r->timer, r->when);
  dequeue(true, i);
  r->state = REC_RAN;
  if (r->handle != NULL) CHECK(wf_handle_cancelled(r->handle) == 0);
  do_action(r->action, r->target, r->depth + 1);
}

/* Our timers due by now move to the queue, in order of due time then of
 * scheduling: what the library does when the host timer fires and when a
 * drain begins. */
static void move_due_timers(void) {
  double now = wf_loop_time(loop);
  for (;;) {
    int best = -1;
    for (int i = 0; i < nrecs; i++) {
      rec* r = &recs[i];
      if (r->state != REC_TIMER || !(r->when <= now) || r->when == INFINITY) continue;
      if (best < 0 || r->when < recs[best].when ||
          (r->when == recs[best].when && r->order < recs[best].order))
        best = i;
    }
    if (best < 0) return;
    recs[best].state = REC_QUEUED;
    recs[best].drain = drain_count() + 1;
    enqueue(true, best);
  }
}

static void call_soon_rec(int depth, uint8_t action, uint8_t target, bool want_handle) {
  int i = add_rec(false, depth);
  rec* r = &recs[i];
  r->action = action;
  r->target = target;
  wf_handle* h = NULL;
  CHECK(wf_loop_call_soon(loop, run_plain, r, want_handle ? &h : NULL) == 0);
  r->handle = h;
  r->state = REC_QUEUED;
  r->drain = drain_count() + 1;
  enqueue(true, i);
  if (h != NULL) hslots[target % NHSLOTS] = i;
}

static void call_timer(bool at, double t, int depth, uint8_t action, uint8_t target) {
  double now = wf_loop_time(loop);
  double when = at ? t : now + t;
  int i = add_rec(true, depth);
  rec* r = &recs[i];
  wf_handle* h = NULL;
  int rc = at ? wf_loop_call_at(loop, t, run_plain, r, &h) : wf_loop_call_later(loop, t, run_plain, r, &h);
  if (isnan(when)) {
    CHECK(rc == WF_EINVAL && h == NULL);
    r->state = REC_CANCELLED;
    return;
  }
  CHECK(rc == 0 && h != NULL);
  double got = NAN;
  CHECK(wf_handle_when(h, &got) == 0);
  CHECK(memcmp(&got, &when, sizeof got) == 0 || got == when);
  CHECK(wf_handle_cancelled(h) == 0);
  r->handle = h;
  r->when = when;
  r->order = timer_order++;
  r->state = REC_TIMER;
  r->action = action;
  r->target = target;
  hslots[target % NHSLOTS] = i;
}

static void cancel_rec(int i) {
  rec* r = &recs[i];
  CHECK(r->handle != NULL);
  CHECK(wf_handle_cancel(r->handle) == 0);
  CHECK(wf_handle_cancelled(r->handle) == 1);
  r->cancel_called = true;
  if (r->state == REC_QUEUED) unqueue(true, i);
  if (r->state == REC_QUEUED || r->state == REC_TIMER) r->state = REC_CANCELLED;
}

static void add_callback(int f, uint8_t how) {
  fut_model* m = &futs[f];
  observe(f, false);
  cell* c = NULL;
  /* Again with an argument already added to this future, or a new one. */
  if (how & 1) {
    for (int i = ncells - 1; i >= 0; i--)
      if (cells[i].fut == f && cells[i].nregs < 16) {
        c = &cells[i];
        break;
      }
  }
  if (c == NULL) {
    if (ncells == MAX_CELLS) return;
    c = &cells[ncells++];
    memset(c, 0, sizeof *c);
    c->fut = f;
    c->action = next_byte();
    c->target = next_byte();
  }
  CHECK(nregs < MAX_REGS);
  int i = nregs++;
  regs[i] = (reg){(int)(c - cells), reg_seq++, REG_PENDING, 0, false};
  c->regs[c->nregs++] = i;
  bool done = wf_future_done(m->ptr) == 1;
  CHECK(wf_future_add_done_callback_full(m->ptr, on_done, c, on_release) == 0);
  if (done) {
    /* Scheduled at once, never run here. */
    regs[i].state = REG_QUEUED;
    regs[i].drain = drain_count() + 1;
    regs[i].exact = true;
    enqueue(false, i);
  }
}

static void remove_callback(int f, uint8_t which) {
  fut_model* m = &futs[f];
  int found = -1;
  for (int i = 0, k = 0; i < ncells; i++)
    if (cells[i].fut == f && k++ == which % 4) found = i;
  cell* c = found >= 0 ? &cells[found] : NULL;
  size_t expect = 0;
  if (c != NULL && wf_future_done(m->ptr) == 0)
    for (int j = 0; j < c->nregs; j++) expect += regs[c->regs[j]].state == REG_PENDING;
  size_t removed = 99;
  int rc = wf_future_remove_done_callback(m->ptr, on_done, c != NULL ? (void*)c : (void*)&removed, &removed);
  CHECK(rc == 0);
  CHECK(removed == expect);
  if (c != NULL)
    for (int j = 0; j < c->nregs; j++) CHECK(regs[c->regs[j]].state != REG_PENDING || expect == 0);
}

/* What a callback does inside the drain: nothing, queue another callback,
 * complete or cancel a future, add a callback, or start a timer. */
static void do_action(int action, int target, int depth) {
  if (finishing) return;
  int f = slots[target % NSLOTS];
  switch (action % 8) {
    case 1:
      if (depth < 4 && nrecs < MAX_RECS - 8) call_soon_rec(depth, (uint8_t)(action / 8), (uint8_t)(target / 8), false);
      break;
    case 2:
      if (f >= 0) {
        observe(f, false);
        int cancelled = -1;
        int before = wf_future_state_of(futs[f].ptr);
        CHECK(wf_future_cancel(futs[f].ptr, NULL, &cancelled) == 0);
        CHECK(cancelled == (before == WF_FUTURE_PENDING));
        observe(f, true);
      }
      break;
    case 3:
      if (f >= 0) {
        observe(f, false);
        wf_value v = wf_value_int(target);
        int before = wf_future_state_of(futs[f].ptr);
        int rc = wf_future_set_result(futs[f].ptr, &v);
        CHECK(rc == (before == WF_FUTURE_PENDING ? 0 : WF_EINVALSTATE));
        if (rc == 0) {
          futs[f].set_by_us = true;
          futs[f].expect_exception = false;
          futs[f].expected = v;
          futs[f].pointer_tag = 0;
        }
        observe(f, true);
      }
      break;
    case 4:
      if (f >= 0 && depth < 3 && nregs < MAX_REGS - 8) add_callback(f, 0);
      break;
    case 5:
      if (depth < 4 && nrecs < MAX_RECS - 8)
        call_timer(false, times[(action / 8) % NTIMES], depth, (uint8_t)(action / 64), (uint8_t)target);
      break;
    default:
      break;
  }
}

/* ------------------------------------------------------------ the loop */

static void drain_once(void) {
  move_due_timers();
  double d = drain_count() + 1;
  /* Everything queued before this drain is due in it. */
  for (int i = queue_head; i < queue_len; i++)
    if (!queue[i].gone) CHECK((queue[i].is_rec ? recs[queue[i].index].drain : regs[queue[i].index].drain) == d);
  for (int i = 0; i < nregs; i++)
    if (regs[i].state == REG_QUEUED) CHECK(regs[i].drain == d);
  in_drain = true;
  size_t ran = 0;
  CHECK(wf_loop_run_once(loop, &ran) == 0);
  in_drain = false;
  CHECK(drain_count() == d);
  /* ... and nothing of it is left, unless the budget cut it short. */
  for (int i = queue_head; i < queue_len; i++)
    if (!queue[i].gone) {
      double* due = queue[i].is_rec ? &recs[queue[i].index].drain : &regs[queue[i].index].drain;
      if (budget_may_cut && *due == d) *due = d + 1;
      CHECK(*due == d + 1);
    }
  for (int i = 0; i < nregs; i++)
    if (regs[i].state == REG_QUEUED) {
      if (budget_may_cut && regs[i].drain == d) regs[i].drain = d + 1;
      CHECK(regs[i].drain == d + 1);
    }
  /* What the library completed in the drain queues its callbacks for the next. */
  observe_all(false);
}

static void drain_all(void) {
  for (int i = 0; i < 64 && wf_loop_ready_count(loop) > 0; i++) drain_once();
}

static void advance(double ms) {
  double now = wf_loop_time(loop);
  int rc = wf_loop_advance_time(loop, ms);
  if (!(ms >= 0) || !isfinite(now + ms)) {
    CHECK(rc == WF_EINVAL);
    CHECK(wf_loop_time(loop) == now);
    return;
  }
  CHECK(rc == 0);
  CHECK(wf_loop_time(loop) == now + ms);
  move_due_timers();
}

static void exception_handler(wf_loop* l, const wf_exception_context* ctx, void* arg) {
  CHECK(l == loop && ctx != NULL && ctx->message != NULL);
  if (ctx->future != NULL) {
    CHECK(wf_future_state_of(ctx->future) == WF_FUTURE_FINISHED);
    CHECK(ctx->exception != NULL);
  }
  reports++;
}

/* ------------------------------------------------------------ combinators */

/* Up to 4 input futures from the input; an empty slot gives NULL. */
static size_t pick_inputs(wf_future** in, int* fs, bool* has_null) {
  size_t n = next_byte() % 5;
  *has_null = false;
  for (size_t i = 0; i < n; i++) {
    int f = slot_fut(next_byte());
    fs[i] = f;
    in[i] = f >= 0 ? futs[f].ptr : NULL;
    if (f < 0) *has_null = true;
  }
  return n;
}

static size_t distinct(const int* fs, size_t n) {
  size_t d = 0;
  for (size_t i = 0; i < n; i++) {
    bool seen = false;
    for (size_t j = 0; j < i; j++) seen |= fs[j] == fs[i];
    d += !seen;
  }
  return d;
}

/* A combinator's new future: its reference goes to slot s. */
static void take_output(wf_future* out, fut_kind kind, size_t n, uint8_t s) {
  int f = new_fut(out, kind);
  if (futs[f].kind == kind) futs[f].kind_n = n;
  hold_in_slot(s % NSLOTS, f);
  observe(f, true);
}

static wf_future* const sentinel = (wf_future*)&sentinel;

static void op_gather(void) {
  wf_future* in[4];
  int fs[4];
  bool has_null;
  size_t n = pick_inputs(in, fs, &has_null);
  uint8_t flags = next_byte();
  int depth = 0;
  for (size_t i = 0; i < n; i++)
    if (fs[i] >= 0 && futs[fs[i]].depth > depth) depth = futs[fs[i]].depth;
  if (depth >= 4) return;
  wf_future* out = sentinel;
  int rc = wf_gather(loop, n > 0 ? in : NULL, n, flags & 1, &out);
  if (has_null) {
    CHECK(rc == WF_EINVAL && out == sentinel);
    return;
  }
  CHECK(rc == 0);
  take_output(out, KIND_GATHER, n, flags >> 1);
  futs[fut_of(out)].depth = depth + 1;
  if (n == 0) CHECK(wf_future_state_of(out) == WF_FUTURE_FINISHED);
}

static void op_wait(void) {
  wf_future* in[4];
  int fs[4];
  bool has_null;
  size_t n = pick_inputs(in, fs, &has_null);
  double timeout = next_time();
  int return_when = next_byte() % 5;
  uint8_t s = next_byte();
  wf_future* out = sentinel;
  int rc = wf_wait(loop, in, n, timeout, (wf_return_when)return_when, &out);
  if (has_null || n == 0 || isnan(timeout) || return_when == 0 || return_when == 4) {
    CHECK(rc == WF_EINVAL && out == sentinel);
    return;
  }
  CHECK(rc == 0);
  take_output(out, KIND_WAIT, distinct(fs, n), s);
}

static void op_as_completed(void) {
  wf_future* in[4];
  int fs[4];
  bool has_null;
  size_t n = pick_inputs(in, fs, &has_null);
  double timeout = next_time();
  uint8_t s = next_byte();
  wf_future_list* list = (wf_future_list*)sentinel;
  int rc = wf_as_completed(loop, n > 0 ? in : NULL, n, timeout, &list);
  if (has_null || isnan(timeout)) {
    CHECK(rc == WF_EINVAL && list == (wf_future_list*)sentinel);
    return;
  }
  CHECK(rc == 0);
  CHECK(list->count == distinct(fs, n));
  for (size_t i = 0; i < list->count; i++) {
    CHECK(wf_future_state_of(list->items[i]) == WF_FUTURE_PENDING);
    /* Ours for the slot: the list lets go of its own below. */
    wf_future_retain(list->items[i]);
    take_output(list->items[i], KIND_SLOT, 0, (uint8_t)(s + i));
  }
  wf_future_list_free(list);
}

static void op_wait_for(void) {
  int f = slot_fut(next_byte());
  double timeout = next_time();
  uint8_t s = next_byte();
  wf_future* out = sentinel;
  wf_future* inner = f >= 0 ? futs[f].ptr : NULL;
  int before = inner != NULL ? wf_future_state_of(inner) : -1;
  int rc = wf_wait_for(inner, timeout, &out);
  if (inner == NULL || isnan(timeout)) {
    CHECK(rc == WF_EINVAL && out == sentinel);
    return;
  }
  CHECK(rc == 0);
  observe(f, true);
  if (before != WF_FUTURE_PENDING) {
    CHECK(wf_future_state_of(out) == before);
  } else if (timeout <= 0) {
    CHECK(wf_future_state_of(inner) == WF_FUTURE_CANCELLED);
    CHECK(wf_future_state_of(out) == WF_FUTURE_FINISHED);
  } else {
    CHECK(wf_future_state_of(out) == WF_FUTURE_PENDING);
  }
  int depth = futs[f].depth;
  take_output(out, KIND_WAIT_FOR, 0, s);
  futs[fut_of(out)].depth = depth;
}

static void op_shield(void) {
  int f = slot_fut(next_byte());
  uint8_t s = next_byte();
  wf_future* out = sentinel;
  wf_future* inner = f >= 0 ? futs[f].ptr : NULL;
  int rc = wf_shield(inner, &out);
  if (inner == NULL) {
    CHECK(rc == WF_EINVAL && out == sentinel);
    return;
  }
  CHECK(rc == 0);
  if (wf_future_done(inner)) CHECK(out == inner);
  int depth = futs[f].depth;
  take_output(out, KIND_SHIELD, 0, s);
  futs[fut_of(out)].depth = depth;
}

static void op_sleep(void) {
  double delay = next_time();
  wf_value items[3];
  int64_t tag = 0;
  wf_value v = make_value(items, &tag);
  uint8_t s = next_byte();
  wf_future* out = sentinel;
  int rc = wf_sleep(loop, delay, &v, &out);
  if (tag != 0) {
    /* sleep keeps a copy that shares the pointer: ours was only lent. */
    if (rc == 0)
      pointers_made++;
    else
      free(v.as.pointer.ptr);
  }
  if (isnan(delay) || !value_valid(&v)) {
    CHECK(rc == WF_EINVAL && out == sentinel);
    return;
  }
  CHECK(rc == 0);
  CHECK(wf_future_state_of(out) == WF_FUTURE_PENDING);
  take_output(out, KIND_SLEEP, 0, s);
}

/* ------------------------------------------------------------ one input */

static void reset(void) {
  nfuts = ncells = nregs = nrecs = 0;
  queue_len = queue_head = 0;
  timer_order = reg_seq = 0;
  pointers_made = pointers_destroyed = 0;
  reports = 0;
  in_drain = false;
  finishing = false;
  budget_may_cut = false;
  for (int i = 0; i < NSLOTS; i++) slots[i] = -1;
  for (int i = 0; i < NHSLOTS; i++) hslots[i] = -1;
}

static void step(void) {
  uint8_t op = next_byte();
  TRACE("op %d (byte %zu)\n", op % 25, in_pos - 1);
  /* Combinators make up to 4 futures at a time. */
  if (op % 25 >= 19 && op % 25 <= 22 && nfuts > MAX_FUTS - 8) return;
  switch (op % 25) {
    case 0: { /* new future */
      if (nfuts == MAX_FUTS) break;
      wf_future* f = NULL;
      CHECK(wf_future_new(loop, &f) == 0);
      CHECK(wf_future_state_of(f) == WF_FUTURE_PENDING);
      int m = new_fut(f, KIND_PLAIN);
      hold_in_slot(next_byte() % NSLOTS, m);
      break;
    }
    case 1:
    case 2:
    case 3:
    case 4: { /* set_result, set_exception, cancel, set_error */
      int f = slot_fut(next_byte());
      if (f >= 0) complete(f, op % 25 - 1);
      break;
    }
    case 5: { /* add a done-callback */
      int f = slot_fut(next_byte());
      if (f >= 0 && nregs < MAX_REGS - 8) add_callback(f, next_byte());
      break;
    }
    case 6: { /* remove done-callbacks */
      int f = slot_fut(next_byte());
      if (f >= 0) remove_callback(f, next_byte());
      break;
    }
    case 7: { /* retain / release an extra reference */
      int f = slot_fut(next_byte());
      if (f < 0) break;
      if (next_byte() & 1 || futs[f].extra == 0) {
        wf_future_retain(futs[f].ptr);
        futs[f].refs++;
        futs[f].extra++;
      } else {
        futs[f].refs--;
        futs[f].extra--;
        drop_ref(f);
      }
      break;
    }
    case 8: /* release a slot */
      release_slot(next_byte() % NSLOTS);
      break;
    case 9: { /* read */
      int f = slot_fut(next_byte());
      if (f >= 0) read_future(f);
      break;
    }
    case 10: { /* call_soon */
      uint8_t a = next_byte(), t = next_byte();
      if (nrecs < MAX_RECS - 8) call_soon_rec(0, a, t, t & 0x80);
      break;
    }
    case 11:
    case 12: { /* call_later, call_at */
      double t = next_time();
      uint8_t a = next_byte(), target = next_byte();
      if (nrecs < MAX_RECS - 8) call_timer(op % 25 == 12, t, 0, a, target);
      break;
    }
    case 13: { /* cancel a handle */
      int i = hslots[next_byte() % NHSLOTS];
      if (i >= 0) cancel_rec(i);
      break;
    }
    case 14: { /* retain and release a handle; when() */
      int i = hslots[next_byte() % NHSLOTS];
      if (i < 0) break;
      wf_handle* h = recs[i].handle;
      wf_handle_retain(h);
      wf_handle_release(h);
      double when = 0;
      int rc = wf_handle_when(h, &when);
      CHECK(recs[i].timer ? rc == 0 && (when == recs[i].when || (isnan(when) && isnan(recs[i].when)))
                          : rc == WF_EINVAL);
      CHECK(wf_handle_cancelled(h) == recs[i].cancel_called);
      break;
    }
    case 15: /* one drain */
      drain_once();
      break;
    case 16: /* drain until the queue is empty */
      drain_all();
      break;
    case 17: /* advance the clock */
      advance(next_time());
      break;
    case 18: /* the host timer fires */
      CHECK(wf_loop_fire_timers(loop) == 0);
      move_due_timers();
      break;
    case 19:
      op_gather();
      break;
    case 20:
      op_wait();
      break;
    case 21:
      op_as_completed();
      break;
    case 22:
      switch (next_byte() % 3) {
        case 0: op_wait_for(); break;
        case 1: op_shield(); break;
        default: op_sleep(); break;
      }
      break;
    case 23: { /* wf_loop_time is what advance made it; the counts are sane */
      CHECK(wf_loop_time(loop) >= 0);
      size_t ready = 0;
      for (int i = queue_head; i < queue_len; i++) ready += !queue[i].gone;
      CHECK(wf_loop_ready_count(loop) >= ready);
      break;
    }
    case 24: { /* the anti-starvation budget */
      uint32_t count = next_byte() % 17;
      double ms = next_time();
      int rc = wf_loop_set_budget(loop, count, ms);
      uint32_t got_count = 0;
      double got_ms = 0;
      CHECK(wf_loop_get_budget(loop, &got_count, &got_ms) == 0);
      if (count == 0 || !(ms > 0)) {
        CHECK(rc == WF_EINVAL);
      } else {
        CHECK(rc == 0 && got_count == count && got_ms == ms);
        budget_may_cut = true;
      }
      break;
    }
  }
  observe_all(true);
}

/* Lets go of everything, pending futures included, and drains until the
 * last timer has fired: then nothing may be left, whatever was still
 * pending (a pending combinator whose output nobody holds stops). */
static void finish(void) {
  finishing = true;
  CHECK(wf_loop_set_budget(loop, UINT32_MAX, INFINITY) == 0);
  for (int i = 0; i < nrecs; i++)
    if (recs[i].handle != NULL && (recs[i].state == REC_QUEUED || recs[i].state == REC_TIMER)) cancel_rec(i);
  for (int s = 0; s < NSLOTS; s++) release_slot(s);
  for (int f = 0; f < nfuts; f++)
    while (futs[f].extra > 0) {
      futs[f].extra--;
      futs[f].refs--;
      drop_ref(f);
    }
  for (int round = 0; round < 4; round++) {
    drain_all();
    if (wf_loop_timer_count(loop) == 0) break;
    /* wait_for's timeout still cancels its inner when nobody holds the output */
    advance(DBL_MAX - wf_loop_time(loop));
  }
  for (int i = 0; i < nrecs; i++) {
    CHECK(recs[i].state == REC_RAN || recs[i].state == REC_CANCELLED);
    wf_handle_release(recs[i].handle);
  }
  for (int i = 0; i < nregs; i++) CHECK(regs[i].state == REG_FIRED || regs[i].state == REG_RELEASED);
  CHECK(wf_loop_ready_count(loop) == 0);
  CHECK(wf_loop_timer_count(loop) == 0);
  CHECK(pointers_destroyed == pointers_made);
  CHECK(wf_loop_close(loop) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  in_data = data;
  in_size = size;
  in_pos = 0;
  reset();
  tracing = getenv("FUZZ_TRACE") != NULL;
  CHECK(wf_loop_new(&loop, NULL) == 0);
  CHECK(wf_loop_set_exception_handler(loop, exception_handler, NULL) == 0);
  CHECK(wf_loop_set_budget(loop, UINT32_MAX, INFINITY) == 0);
  for (int ops = 0; ops < MAX_OPS && in_pos < in_size; ops++) step();
  finish();
  return 0;
}
