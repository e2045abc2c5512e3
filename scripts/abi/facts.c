/* Prints, as JSON, every fact of the C library that JS also needs: the
 * constants and offsets of binding/js-table.def (the versions among them)
 * and the binding's limits (binding/js-abi.h). scripts/gen-abi.mjs compiles it
 * for wasm32 (the layout JS reads is wasm32's, not the host's) and writes
 * the JS side from what it prints. Only the table's constants and offsets
 * are printed: its entry points and addresses are looked up at run time,
 * by name, except in the browser module, whose table (the names of its
 * entries, in order) comes last. */
#include <stddef.h>
#include <stdio.h>

#include "binding/js-abi.h"
#include "core/core_internal.h"
#include "wf/cfuture.h"
#include "wf/combinators.h"

static const char* separator = "";

static void print(const char* kind, const char* name, long value) {
  printf("%s\n  [\"%s\", \"%s\", %ld]", separator, kind, name, value);
  separator = ",";
}

int main(void) {
  printf("[");
#define WF__FN(name, fn)
#define WF__ADDRESS(name, object)
#define WF__AT(name, value) print("at", name, (long)(value));
#define WF__CONSTANT(name, value) print("constant", name, (long)(value));
#include "binding/js-table.def"
  print("limit", "WF_JS_SCRATCH_KEEP", WF__JS_SCRATCH_KEEP);
  /* The browser module's table, whose .wasm has no names (binding/js.c):
   * each entry's kind (0 entry point, 1 offset or address, 2 constant) in the
   * order of its values. */
#undef WF__FN
#undef WF__ADDRESS
#undef WF__AT
#undef WF__CONSTANT
#define WF__FN(name, fn) print("browser", name, 0);
#define WF__ADDRESS(name, object) print("browser", name, 1);
#define WF__AT(name, value) print("browser", name, 1);
#define WF__CONSTANT(name, value) print("browser", name, 2);
#define WF_BROWSER_MODULE
#include "binding/js-table.def"
  printf("\n]\n");
  return 0;
}
