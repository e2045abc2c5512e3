/* What the binding's C half and its JavaScript agree on beyond the public
 * headers. scripts/gen-abi.mjs writes these values, with the table's
 * constants and offsets, into js/core/abi.js and the runtime
 * (binding/library.js); a test fails when those are stale. */
#ifndef WF_BINDING_JS_ABI_H
#define WF_BINDING_JS_ABI_H

enum {
  /* the kinds of a JS callback C holds: a continuation called with the
   * future's pointer, a done-callback called with its Future */
  WF__JS_THEN = 0,
  WF__JS_DONE = 1,
  /* the scratch buffer (js.c, wf__js_reserve) is kept up to this many bytes;
   * a larger one is given back once the call that used it returned */
  WF__JS_SCRATCH_KEEP = 64 * 1024
};

#endif
