// The runtime object a module hands to wasm-future/attach as
// Module.wasmFuture, and to its own C imports (c/src/binding/library.js).
// Every variant has these; a variant's entry adds its own (`extra`).
import { ABI_VERSION } from '../core/abi.js';
import { bind, cString, heap } from './heap.js';
import { heldCount, hold, own, peek, take } from './held.js';
import { reserve, writeCString } from './scratch.js';
import { writeValue } from './exchange.js';
import { arm, call, hooks, invoke, report, run, schedule } from './scheduler.js';
import { later } from '#macrotask';

export function makeRuntime(extra, internals) {
  var runtime = {
    'abi': ABI_VERSION,
    // Which of Emscripten's private names this module found and uses
    // (docs/emscripten-internals.md); test/js/internals.test.js checks them.
    'internals': Object.assign({ 'threadHooks': false }, internals),
    // false until the module's runtime started (attach needs it started)
    'ready': function () {
      try {
        bind();
        return true;
      } catch (notYet) {
        return false;
      }
    },
    'bind': bind,
    'heap': heap,
    'hooks': hooks,
    'owner': null,
    'hold': hold,
    'take': take,
    'reserve': reserve,
    'peek': peek,
    'own': own,
    'later': later,
    'heldCount': heldCount,
    'writeValue': writeValue,
    'writeCString': writeCString,
    'cString': cString,
    'run': run,
    // What the module's start runs (the library's postset), once the glue is whole.
    'start': function () {},
    // What C calls (c/src/binding/library.js imports them by these names).
    schedule: schedule,
    arm: arm,
    invoke: invoke,
    call: call,
    report: report,
  };
  return Object.assign(runtime, extra);
}
