// npm run bench: wasm-future against native Promise and Bluebird (default
// scheduler, and microtask scheduler), interleaved in one process; memory,
// size and cold start in fresh processes. Prints one table and writes it to
// BENCHMARKS.md. --smoke: tiny N, no file written (npm test runs that).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import Bluebird from 'bluebird';
import * as wfModule from '../js/node.js';
import { compare, summarize } from './harness.mjs';
import { report } from './report.mjs';
import { chains, dispatch, fanIn, roundTrip, roundTripPending, starvation } from './cases.mjs';

const smoke = process.argv.includes('--smoke');
// --only=a,c: just those in-process cases, printed, no file written (for trying a change)
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
const root = fileURLToPath(new URL('..', import.meta.url));
const N = smoke
  ? { roundTrip: 200, fanIn: 200, dispatch: 200, chains: 50, memory: 1000, starvation: 5000, rounds: 2, cold: 2, tasks: 4, noop: 20 }
  : { roundTrip: 1e6, fanIn: 1e5, dispatch: 1e5, chains: 1e5, memory: 1e6, starvation: 1e6, rounds: 5, cold: 10, tasks: 32, noop: 2000 };

const BluebirdMicrotask = Bluebird.getNewLibraryCopy();
BluebirdMicrotask.setScheduler((fn) => queueMicrotask(fn));
const wf = { ...wfModule, bluebirds: { 'bluebird (default scheduler)': Bluebird, 'bluebird (microtask scheduler)': BluebirdMicrotask } };

const rows = [];
const row = (kase, impl, unit, stats, native, bluebird = null) =>
  rows.push({ kase, impl, unit, ...stats, ratio: native ? stats.median / native : null, vsBluebird: bluebird ? stats.median / bluebird : null });

async function timed(kase, make, n) {
  const results = await compare(make(wf, n), N.rounds);
  const native = results.promise.median;
  const bluebird = results['bluebird (default scheduler)'].median;
  for (const [impl, stats] of Object.entries(results))
    row(kase, impl === 'future' ? 'wasm-future' : impl === 'promise' ? 'native Promise' : impl, 'ns/op', stats, native, bluebird);
}

const cases = [
  ['a', `a. round trip (${N.roundTrip} sequential)`, roundTrip, N.roundTrip],
  ['a2', `a2. round trip, awaited while pending (${N.roundTrip} sequential)`, roundTripPending, N.roundTrip],
  ['b', `b. fan-in (${N.fanIn}, gather / all)`, fanIn, N.fanIn],
  ['c', `c. done-callback dispatch (${N.dispatch})`, dispatch, N.dispatch],
  ['d', `d. then chains of 10 (${N.chains})`, chains, N.chains],
];
for (const [key, kase, make, n] of cases) {
  if (only && !only.includes(key)) continue;
  await timed(kase, make, n);
  if (key !== 'a') continue;
  const user = JSON.parse(execFileSync(process.execPath,
    ['--expose-gc', 'bench/user-module.mjs', String(N.rounds), String(N.roundTrip)], { cwd: root, encoding: 'utf8' }));
  row(kase, 'wasm-future (user module, attach; own process)', 'ns/op', user.future, user.promise.median);
  row(kase, 'native Promise (in that process)', 'ns/op', user.promise, user.promise.median);
}
if (only) {
  for (const r of rows) console.log(`${r.kase} | ${r.impl} | ${Math.round(r.median)} (${Math.round(r.min)}-${Math.round(r.max)}) | ${r.ratio.toFixed(2)}x`);
  process.exit(0);
}

// e. memory, each in a fresh process
const memory = (kind) => JSON.parse(execFileSync(process.execPath, ['--expose-gc', 'bench/memory.mjs', kind, String(N.memory)], { cwd: root, encoding: 'utf8' }));
const memFuture = memory('future');
const memPromise = memory('promise');
row(`e. memory per pending future with a callback (${N.memory})`, 'wasm-future: wasm heap', 'bytes', summarize([memFuture.wasm]), null);
row(`e. memory per pending future with a callback (${N.memory})`, 'wasm-future: JS heap', 'bytes', summarize([memFuture.js]), null);
row(`e. memory per pending future with a callback (${N.memory})`, 'wasm-future: JS + wasm', 'bytes', summarize([memFuture.total]), memPromise.total);
row(`e. memory per pending future with a callback (${N.memory})`, 'native Promise + reaction', 'bytes', summarize([memPromise.total]), memPromise.total);

// f. size: gzip -9 of each file, summed (what a browser fetches is compressed file by file)
const size = (files) => {
  const bytes = files.map((f) => readFileSync(`${root}/${f}`));
  return { raw: bytes.reduce((s, b) => s + b.length, 0), gzip: bytes.reduce((s, b) => s + gzipSync(b, { level: 9 }).length, 0) };
};
const sizes = {
  // What a browser's `import 'wasm-future'` downloads (package.json's "default" export)
  'browser: import \'wasm-future\' (dist/wasm-future.browser.mjs + .wasm)': size(['dist/wasm-future.browser.mjs', 'dist/wasm-future.web.wasm']),
  'browser: of which the .wasm': size(['dist/wasm-future.web.wasm']),
  // Emscripten 3.1.6 writes a .worker.js of its own; later releases start workers from the glue itself.
  'threaded: .wasm + glue (+ worker)': size(['dist/wasm-future-threads.wasm', 'dist/wasm-future-threads.js',
    'dist/wasm-future-threads.worker.js'].filter((f) => existsSync(`${root}/${f}`))),
};
for (const [what, s] of Object.entries(sizes)) {
  row('f. size', `${what} (raw)`, 'bytes', summarize([s.raw]), null);
  row('f. size', `${what} (gzip -9)`, 'bytes', summarize([s.gzip]), null);
}

// g. cold start
// Alternated with the floor, Node's own import of a package by its name, and
// with where wasm-future's time goes: the entry's steps one at a time.
const freshProcess = (script) => execFileSync(process.execPath, [script], { cwd: root, encoding: 'utf8' });
const cold = [], coldFloor = [], phases = {};
for (let i = 0; i < N.cold; i++) {
  cold.push(Number(freshProcess('bench/cold-start.mjs')));
  coldFloor.push(Number(freshProcess('bench/floor/cold-start.mjs')));
  for (const [phase, ms] of Object.entries(JSON.parse(freshProcess('bench/cold-start-phases.mjs')))) (phases[phase] ??= []).push(ms);
}
row(`g. cold start, import to first resolved future (${N.cold} processes)`, 'wasm-future', 'ms', summarize(cold), null);
row(`g. cold start, import to first resolved future (${N.cold} processes)`, 'Node alone (bench/floor: a package of one module, its future a Promise)', 'ms', summarize(coldFloor), null);
for (const [phase, ms] of Object.entries(phases))
  row(`g. cold start, phase by phase (${N.cold} more processes, bench/cold-start-phases.mjs)`, phase, 'ms', summarize(ms), null);

// h. starvation
const starve = await starvation(wf, N.starvation);
row(`h. starvation: longest setTimeout(0) gap during a ${N.starvation}-callback chain`, `wasm-future (budget ${starve.budgetMs} ms)`, 'ms', summarize([starve.longestGapMs]), null);

// the thread pool (wasm-future/threads, a module linked with -pthread), in a
// process of its own: speed-up on the CPU-bound task, and the overhead of one task
const cores = cpus().length;
const poolRun = JSON.parse(execFileSync(process.execPath,
  ['--expose-gc', 'bench/pool.mjs', String(N.rounds), String(N.tasks), String(N.noop), String(cores)],
  { cwd: root, encoding: 'utf8' }));
const oneStats = summarize(poolRun.one), manyStats = summarize(poolRun.many);
row(`i. pool: ${N.tasks} mandelbrot tiles (128x128, 3000 iterations)`, '1 worker', 'ms', oneStats, null);
row(`i. pool: ${N.tasks} mandelbrot tiles (128x128, 3000 iterations)`, `${cores} workers`, 'ms', manyStats, null);
row(`i. pool: ${N.tasks} mandelbrot tiles (128x128, 3000 iterations)`, `speed-up on ${cores} cores`, 'x', summarize([oneStats.median / manyStats.median]), null);
row(`i. pool: submit -> await of noop, one at a time (${N.noop})`, `${cores} workers`, 'ns/op', summarize(poolRun.overhead), null);

const fmt = (v, unit) => (unit === 'x' ? v.toFixed(2) : unit === 'ms' ? v.toFixed(2) : unit === 'bytes' ? Math.round(v).toString() : Math.round(v).toString());
const table = [
  '| case | implementation | unit | median | min | max | ratio to native | ratio to Bluebird |',
  '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((r) => `| ${r.kase} | ${r.impl} | ${r.unit} | ${fmt(r.median, r.unit)} | ${fmt(r.min, r.unit)} | ${fmt(r.max, r.unit)} | ${r.ratio === null ? '' : `${r.ratio.toFixed(2)}x`} | ${r.vsBluebird === null ? '' : `${r.vsBluebird.toFixed(2)}x`} |`),
].join('\n');
console.log(table);

if (!smoke) {
  const machine = `${cpus()[0].model}, ${cores} cores, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
  // What built dist/ (scripts/build.mjs stamps its build trees with emcc --version).
  const built = /(\d+\.\d+\.\d+)/.exec(readFileSync(`${root}/build-wasm/emcc-version.txt`, 'utf8'))[1];
  const file = `${root}/BENCHMARKS.md`;
  writeFileSync(file, report(existsSync(file) ? readFileSync(file, 'utf8') : null, `# Benchmarks

Measured with \`npm run bench\` (\`node --expose-gc bench/run.mjs\`), once per toolchain that built
dist/ (\`npm run build\` with that release's emcc on PATH). Each in-process case runs every implementation in turn, ${N.rounds} rounds
after a warm-up round, each run after a full GC and a macrotask (finalizers run only between tasks);
every implementation runs its own compiled copy of the case's loop, so that V8's type feedback is
not shared between them. Median, min and max are over the rounds. Ratios are to native Promise and
to Bluebird (its default scheduler) in the same run. The user-module round trip runs in a process
of its own (one module per process, as in a user's program). Memory, size and cold start run in
fresh processes; sizes are gzip -9 of each file, summed.

### An await of a pending future: the hops and crossings left (case a2)

A native Promise resumes an \`await\` in one microtask after it is resolved. For a Future that
is still pending, what remains, and why each is needed:

1. Hop: the engine adopts a thenable in a job of its own (NewPromiseResolveThenableJob), which
   calls \`then\`. Only a native Promise skips it, and a Future cannot be one: its state is in C.
2. Crossing: \`setResult\` completes the C future (\`futureSetNumber\`, or \`futureSet\` through the
   exchange area), and C answers whether its loop is idle.
3. Hop: asyncio never runs a done-callback inside \`set_result\`; the loop runs it. When JS
   completes a future only JS can reach whose callbacks are all then-callbacks, and the loop
   has nothing queued, JS runs them in one microtask of its own, where the loop's drain would
   have run them (js/future/weak-callbacks.js, \`detached\`). That took away the pinning of the
   callbacks, the request for a drain, the drain's entry into C and C's call back into JS: four
   crossings and one hop. On a busy loop they are queued behind what is queued, as before.
4. Hop: the callback resolves the engine's promise, whose reaction resumes the function.

\`then\` itself no longer crosses: until something else may need the then-callbacks of such a
future (a done-callback, whose order among them C keeps; a combinator; C given its pointer; a
cancel), the wrapper holds them and C lists none (weak-callbacks.js, \`unlisted\` and
\`list\`). When one of those comes, C lists them first, in order. The callbacks are still part
of the future's state in C from then on: C code may await, cancel or complete the future.

Hop 1 and the engine's reaction are the floor of any thenable; hop 3 is asyncio's rule.

### Cold start: where the time goes (case g)

Case g's phase rows take dist/node.mjs's steps one at a time in a fresh process. Node's own
share is the floor row: what importing any package by its name costs, with nothing in it.
Compiling the .wasm (33 KB) is the largest step of ours: besides the code, V8 compiles a wrapper
for each distinct signature of the module's imports (C's calls into JS, and Emscripten's). The
rest is JavaScript that runs once, mostly in the interpreter: parsing the API's module and the
glue, the glue's start, reading C's table (its names are parsed in JS), and the default loop's
first C call, the first allocation in wasm memory.`, `Emscripten ${built}`, `Measured on: ${machine}.

${table}`));
  console.log('\nwrote BENCHMARKS.md');
}
