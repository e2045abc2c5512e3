// The thread pool's case, in a process of its own (bench/run.mjs runs it):
// the other cases' heaps and their collection would take cores from the
// workers. Prints JSON: the 1-worker and N-worker times of `tasks`
// mandelbrot tiles per round, and the submit -> await time of a no-op.
// Usage: node --expose-gc bench/pool.mjs <rounds> <tasks> <noop> <workers>
import * as threads from '../js/threads.node.js';

const [rounds, tasks, noop, workers] = process.argv.slice(2).map(Number);

const tiles = async (n) => {
  const pool = await threads.createThreadPool({ workers: n });
  // What the pool's start left to do (the Workers' messages) is not the case.
  globalThis.gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const start = performance.now();
  await threads.gather(Array.from({ length: tasks }, (_, i) => pool.submit('mandelbrot', -2 + (i % 8) * 0.4,
    -1.2 + Math.floor(i / 8) * 0.6, -1.6 + (i % 8) * 0.4, -0.6 + Math.floor(i / 8) * 0.6, 128, 128, 3000)));
  const ms = performance.now() - start;
  await pool.shutdown();
  return ms;
};

const one = [], many = [];
for (let r = 0; r < rounds; r++) {
  one.push(await tiles(1));
  many.push(await tiles(workers));
}

const pool = await threads.createThreadPool({ workers });
const overhead = [];
for (let r = 0; r < rounds; r++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < noop; i++) await pool.submit('noop');
  overhead.push(Number(process.hrtime.bigint() - start) / noop);
}
await pool.shutdown();
console.log(JSON.stringify({ one, many, overhead }));
