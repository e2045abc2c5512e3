// The mark every Future carries on its prototype, whichever copy of the
// package or module made it: isFuture and repr read it (Symbol.for, so that
// two copies of the package agree).
export const FUTURE_BRAND = Symbol.for('wasm-future.Future');
