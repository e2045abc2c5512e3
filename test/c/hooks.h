/* Loop hooks that record what the loop asks of its host, with a fake clock. */
#ifndef WF_TEST_HOOKS_H
#define WF_TEST_HOOKS_H

#include <stdlib.h>

#include "wf/wf.h"

typedef struct {
  int microtasks;
  int macrotasks;
  int arms;
  double armed; /* the last due time armed, -1 when disarmed */
  double now;
  double tick;  /* how far the clock moves on each read */
} fake_host;

static void fake_schedule(wf_loop* loop, wf_run_kind kind, void* data) {
  fake_host* host = data;
  if (kind == WF_RUN_MICROTASK) host->microtasks++;
  if (kind == WF_RUN_MACROTASK) host->macrotasks++;
}

static void fake_arm(wf_loop* loop, double due, void* data) {
  fake_host* host = data;
  host->arms++;
  host->armed = due;
}

static double fake_now(wf_loop* loop, void* data) {
  fake_host* host = data;
  double t = host->now;
  host->now += host->tick;
  return t;
}

static inline wf_loop* fake_loop(fake_host* host) {
  wf_loop_hooks hooks = {fake_schedule, fake_arm, fake_now, host};
  wf_loop* loop = NULL;
  host->armed = -1;
  if (wf_loop_new(&loop, &hooks) != 0) abort();
  return loop;
}

#endif
