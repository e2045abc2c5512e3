// A clock the test moves by hand. The runtime reads time through
// performance.now() (its C loop's clock hook calls it each time), so replacing
// that one function makes loop.time(), callLater's due times and the drain's
// "which timers are due" exact and repeatable: time moves only when a test
// says so. Host timers still fire in real time, but a firing finds nothing due
// unless the test moved the clock, and then it finds exactly what the model finds.
export function installFakeClock() {
  const perf = globalThis.performance;
  const own = Object.getOwnPropertyDescriptor(perf, 'now');
  // Start where the real clock is, so the loop's time never jumps back.
  let now = perf.now();
  perf.now = () => now;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
    restore() {
      if (own) Object.defineProperty(perf, 'now', own);
      else delete perf.now;
    },
  };
}
