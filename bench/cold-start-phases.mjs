// g, phase by phase: the steps of dist/node.mjs taken one at a time in this
// fresh process, each timed (ms, printed as JSON). They add up to a little
// less than case g, which also resolves 'wasm-future' through package.json's
// exports.
import { createRequire } from 'node:module';

// Hack, for this measurement alone: the glue compiles and instantiates the
// .wasm itself (c/src/binding/pre.js on 3.1.6, the glue's own code later),
// so WebAssembly's two constructors are wrapped here to time those two steps
// inside the glue's start.
const inside = { compile: 0, instantiate: 0 };
const { Module: WasmModule, Instance: WasmInstance } = WebAssembly;
const timedIn = (step, Original) => function (...args) {
  const start = performance.now();
  const made = new Original(...args);
  inside[step] += performance.now() - start;
  return made;
};
WebAssembly.Module = timedIn('compile', WasmModule);
WebAssembly.Instance = timedIn('instantiate', WasmInstance);

const times = {};
let last = performance.now();
const lap = (phase) => {
  const now = performance.now();
  times[phase] = now - last;
  last = now;
};

const { attach } = await import('../dist/attach.mjs');
lap('import the JS API (dist/attach.mjs, one ES module)');
const createWasmFuture = createRequire(import.meta.url)('../dist/wasm-future.node.js');
lap('load the glue (dist/wasm-future.node.js, CommonJS)');
const module = {};
createWasmFuture(module);
lap('the glue\'s start: .wasm read, compiled, instantiated; runtime up');
// A glue that made its module another way would leave these at 0: said, not printed as a time.
if (inside.compile === 0 || inside.instantiate === 0) throw new Error('cold-start-phases: the glue compiled or instantiated its .wasm without new WebAssembly.Module and Instance');
times['of which: compile the .wasm (new WebAssembly.Module)'] = inside.compile;
times['of which: instantiate it (new WebAssembly.Instance)'] = inside.instantiate;
const { Future } = attach(module);
lap('attach (the API bound to the module)');
const f = new Future();
lap('the first new Future() (the default loop made first)');
f.setResult(1);
await f;
lap('setResult and await');
console.log(JSON.stringify(times));
