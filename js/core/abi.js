// What the package mirrors of the C library: the ABI version and the
// constants its hot paths use as literals. The C library publishes the same
// names in its binding table (c/src/binding/js.c); attach refuses a module
// of another ABI version, and test/js/abi.test.js checks every constant here
// against a module's table.

/** The package's version (package.json's; a test keeps them equal). */
export const PACKAGE_VERSION = '0.3.0';

/** The contract with the C half and with binding/library.js. */
export const ABI_VERSION = 5;

export const CONSTANTS = Object.freeze({
  WF_FUTURE_PENDING: 0,
  WF_FUTURE_CANCELLED: 1,
  WF_FUTURE_FINISHED: 2,
  WF_VALUE_NONE: 0,
  WF_VALUE_BOOL: 1,
  WF_VALUE_INT: 2,
  WF_VALUE_DOUBLE: 3,
  WF_VALUE_STRING: 4,
  WF_VALUE_BYTES: 5,
  WF_VALUE_JS: 6,
  WF_VALUE_POINTER: 7,
  WF_VALUE_ERROR: 8,
  WF_VALUE_FUTURE: 9,
  WF_VALUE_ARRAY: 10,
  WF_FIRST_COMPLETED: 1,
  WF_FIRST_EXCEPTION: 2,
  WF_ALL_COMPLETED: 3,
  WF_CFUTURE_RUNNING: 1,
  WF_JS_THEN: 0,
  WF_JS_DONE: 1,
  WF_EINVAL: -1,
  WF_ENOMEM: -2,
  WF_EINVALSTATE: -3,
  WF_ECANCELLED: -4,
  WF_EEXCEPTION: -5,
  WF_EBUSY: -6,
  WF_ETIMEDOUT: -7,
  WF_ENOTFOUND: -8,
  WF_ESHUTDOWN: -9,
});
