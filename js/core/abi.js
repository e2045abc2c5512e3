// What the JS package knows of the C library, written by scripts/gen-abi.mjs
// from c/src/binding/js-table.def and c/src/binding/js-abi.h: do not edit.
// Each fact is an export of its own, so that a bundler writes the number
// where it is used. attach refuses a module of another ABI version.

/** The C library's version (wf/version.h); package.json states the same (test/js/abi.test.js). */
export const PACKAGE_VERSION = '0.3.0';

/** The contract with the C half and with the module runtime (js/runtime/). */
export const ABI_VERSION = 8;

export const AT_FUTURE_STATE = 4;
export const AT_FUTURE_HAS_EXCEPTION = 5;
export const AT_FUTURE_BINDING = 7;
export const AT_FUTURE_VALUE = 8;
export const AT_VALUE_TYPE = 0;
export const AT_VALUE_SIZE = 4;
export const AT_VALUE_AS = 8;
export const AT_VALUE_ERROR_MESSAGE = 12;
export const VALUE_SIZEOF = 24;
export const AT_LIST_ITEMS = 4;
export const WF_FUTURE_PENDING = 0;
export const WF_FUTURE_CANCELLED = 1;
export const WF_FUTURE_FINISHED = 2;
export const WF_VALUE_NONE = 0;
export const WF_VALUE_BOOL = 1;
export const WF_VALUE_INT = 2;
export const WF_VALUE_DOUBLE = 3;
export const WF_VALUE_STRING = 4;
export const WF_VALUE_BYTES = 5;
export const WF_VALUE_JS = 6;
export const WF_VALUE_POINTER = 7;
export const WF_VALUE_ERROR = 8;
export const WF_VALUE_FUTURE = 9;
export const WF_VALUE_ARRAY = 10;
export const WF_FIRST_COMPLETED = 1;
export const WF_FIRST_EXCEPTION = 2;
export const WF_ALL_COMPLETED = 3;
export const WF_CFUTURE_RUNNING = 1;
export const WF_RUN_MICROTASK = 1;
export const WF_RUN_MACROTASK = 2;
export const WF_JS_THEN = 0;
export const WF_JS_DONE = 1;
export const WF_EINVAL = -1;
export const WF_ENOMEM = -2;
export const WF_EINVALSTATE = -3;
export const WF_ECANCELLED = -4;
export const WF_EEXCEPTION = -5;
export const WF_EBUSY = -6;
export const WF_ETIMEDOUT = -7;
export const WF_ENOTFOUND = -8;
export const WF_ESHUTDOWN = -9;
export const JS_SCRATCH_KEEP = 65536;

/** The offsets above by the table's names (attach checks a module's against them). */
export const LAYOUT = /* @__PURE__ */ Object.freeze({
  futureState: AT_FUTURE_STATE,
  futureHasException: AT_FUTURE_HAS_EXCEPTION,
  futureBinding: AT_FUTURE_BINDING,
  futureValue: AT_FUTURE_VALUE,
  valueType: AT_VALUE_TYPE,
  valueSize: AT_VALUE_SIZE,
  valueAs: AT_VALUE_AS,
  valueErrorMessage: AT_VALUE_ERROR_MESSAGE,
  valueSizeof: VALUE_SIZEOF,
  listItems: AT_LIST_ITEMS,
});
