// e. bytes per pending future with one callback, in a fresh process run with
// --expose-gc: node bench/memory.mjs future|promise N
import { Future, native } from '../js/node.js';

const [kind, count] = [process.argv[2], Number(process.argv[3])];
const noop = () => {};
const settle = () => { for (let i = 0; i < 4; i++) globalThis.gc(); };

const keep = new Array(count);
settle();
const js0 = process.memoryUsage().heapUsed;
const wasm0 = native.heapInUse();
for (let i = 0; i < count; i++) {
  if (kind === 'future') {
    const f = new Future();
    f.addDoneCallback(noop);
    keep[i] = f;
  } else {
    const p = new Promise(noop);
    p.then(noop);
    keep[i] = p;
  }
}
settle();
const js = (process.memoryUsage().heapUsed - js0) / count;
const wasm = (native.heapInUse() - wasm0) / count;
console.log(JSON.stringify({ kind, count, js, wasm, total: js + wasm, kept: keep.length }));
