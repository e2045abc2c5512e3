// g, phase by phase: the steps of dist/node.mjs taken one at a time in this
// fresh process, each timed (ms, printed as JSON). The .wasm is compiled and
// instantiated by an instantiateWasm of our own, which does what the glue's
// does (c/src/binding/pre.js on 3.1.6, the glue itself later), so that the
// two are timed apart. The phases add up to a little less than case g: that
// one also resolves 'wasm-future' through package.json's exports.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

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
const module = {
  instantiateWasm(imports, receive) {
    lap('the glue, up to its .wasm');
    const bytes = readFileSync(new URL('../dist/wasm-future.node.wasm', import.meta.url));
    const compiled = new WebAssembly.Module(bytes);
    lap('read and compile the .wasm (new WebAssembly.Module)');
    const instance = new WebAssembly.Instance(compiled, imports);
    lap('instantiate it');
    receive(instance, compiled);
    return instance.exports;
  },
};
createWasmFuture(module);
lap('start the runtime (the glue, after instantiation)');
const { Future } = attach(module);
lap('attach (the API bound to the module)');
const f = new Future();
lap('the first new Future()');
f.setResult(1);
await f;
lap('setResult and await');
console.log(JSON.stringify(times));
