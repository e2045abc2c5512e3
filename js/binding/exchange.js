// The exchange area: where JS writes what a C entry point reads instead of
// arguments (the value slot at ioValue, and the module runtime's scratch
// buffer, which rt.reserve hands out and rt.writeValue and rt.writeCString
// fill: js/runtime/exchange.js and scratch.js say how; this says when). One
// slot and one buffer serve every call: each use ends with the C call that
// reads it. (What C answers, at ioOut, ioMessage and the budget's
// addresses, is read right after the call that wrote it.)
//
// Invariants:
// - One use at a time: begin() throws while a use is open, and the writers
//   throw outside one, so no write clobbers what a call still to come reads.
//   Whatever may write the area itself (taking a Future's pointer pins it,
//   which writes the area) comes before begin().
// - Outside the module runtime (js/runtime/), only this writes the area
//   (test/js/layout.test.js).

/** The exchange area of one module: `rt` its runtime, `at` the addresses of C's table. */
export function makeExchange(rt, at) {
  let open = false;
  /** fn, which writes the area, checked to run inside a use. */
  const writer = (fn) => (x) => {
    if (!open) throw new Error('wasm-future: the exchange area is written outside a use');
    return fn(x);
  };
  return {
    /** Starts a use; the caller ends it once its C call returned, with end() in a finally. */
    begin() {
      if (open) throw new Error('wasm-future: the exchange area is in use');
      open = true;
    },
    end() {
      open = false;
    },
    /** Writes `value` as a C value in the value slot: the JS handle it holds, or 0 (the caller's on failure). */
    writeValue: writer(rt.writeValue),
    /** Writes `text` as a C string: its address. */
    writeCString: writer(rt.writeCString),
    /** `size` bytes of scratch: their address. */
    reserve: writer(rt.reserve),
    /** The value slot's address: room for a call's own VALUE_SIZEOF bytes. */
    slot: writer(() => at.ioValue),
  };
}
