// A small benchmark harness: every implementation of a case runs in turn,
// round after round (interleaved, so drift hits them alike), after one
// warm-up round; the figures are medians, minimums and maximums per op.

// Between two runs: a full GC and a macrotask, so that each run starts from
// the same state and finalizers (which the host runs only between tasks)
// free what the previous run left, as they do between the tasks of a program.
const settle = async () => {
  globalThis.gc?.();
  await new Promise((resolve) => setImmediate(resolve));
};

/** Runs fn() `rounds` times per implementation; fn resolves to ns per op. */
export async function compare(impls, rounds) {
  const samples = Object.fromEntries(Object.keys(impls).map((name) => [name, []]));
  for (let round = -1; round < rounds; round++) {
    for (const [name, fn] of Object.entries(impls)) {
      await settle();
      const value = await fn();
      if (round >= 0) samples[name].push(value);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([name, values]) => [name, summarize(values)]));
}

export function summarize(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

/** Times `ops` operations done by an async fn; ns per op. */
export async function timeOps(ops, fn) {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / ops;
}

export const gcIfExposed = () => globalThis.gc?.();
