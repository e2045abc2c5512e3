// The browser module's table (c/src/binding/js.c built with WF_BROWSER_MODULE),
// whose .wasm has no names, written by scripts/gen-abi.mjs from
// c/src/binding/js-table.def: do not edit. Its runtime reads it (table-browser.js).

/** The number of values in the table, its second value (the first is the ABI version). */
export const BROWSER_TABLE_SIZE = 44;

/**
 * What the runtime's bind() makes of the table: value() reads its next value,
 * entry() the C function the next value points to.
 */
export const browserTable = (value, entry) => ({
  'constants': {
    'WF_ABI_VERSION': value() | 0,
    'WF_TABLE_SIZE': value() | 0,
  },
  'at': {
    'ioValue': value(),
    'ioOut': value(),
    'ioMessage': value(),
    'ioBudgetCount': value(),
    'ioBudgetMs': value(),
  },
  'fn': {
    'reserve': entry(),
    'reserveTrim': entry(),
    'heapInUse': entry(),
    'strerror': entry(),
    'errName': entry(),
    'loopDefault': entry(),
    'loopTime': entry(),
    'loopDrainCount': entry(),
    'loopRunOnce': entry(),
    'loopFireTimers': entry(),
    'loopSetBudget': entry(),
    'loopGetBudget': entry(),
    'callSoon': entry(),
    'callAt': entry(),
    'handleCancel': entry(),
    'futureIsLive': entry(),
    'futureNew': entry(),
    'futureRetain': entry(),
    'futureRelease': entry(),
    'futureGetLoop': entry(),
    'futureSet': entry(),
    'futureSetNumber': entry(),
    'futureCancel': entry(),
    'futureResult': entry(),
    'futureException': entry(),
    'futureCancelMessage': entry(),
    'futureAddCallback': entry(),
    'futureRemoveCallback': entry(),
    'futureBindWeak': entry(),
    'futureListWeak': entry(),
    'gather': entry(),
    'wait': entry(),
    'asCompleted': entry(),
    'futureListFree': entry(),
    'waitFor': entry(),
    'shield': entry(),
    'sleep': entry(),
  },
});
