// `npm run example`: the JS and C example in Node. JS makes a future from a
// promise; C (examples/transform.c, in a module of its own built with the
// package's CMake config: examples/CMakeLists.txt) awaits it, transforms the
// value and resolves a future that JS awaits.
import { createRequire } from 'node:module';
import { attach } from 'wasm-future/attach';

const createExample = createRequire(import.meta.url)('../build-wasm/examples/example.js');
const { Future, wrapPromise, native, getLoop } = attach(await createExample());

const later = (ms, value) => new Promise((resolve) => setTimeout(resolve, ms, value));
const transformInC = (input) => native.adopt(native.call('wf_example_transform', input));

// A future resolved from JS, awaited from JS.
const answer = new Future();
getLoop().callLater(10, () => answer.setResult(42));
console.log(`JS future: ${await answer}  ${answer}`);

// C awaits a JS promise and hands back a number, a 64-bit integer, a string.
console.log(`C squared 12: ${await transformInC(wrapPromise(later(10, 12)))}`);
console.log(`C squared 3037000000: ${await transformInC(wrapPromise(later(10, 3037000000)))} (a BigInt, as every C integer)`);
console.log(`C upper-cased: ${await transformInC(wrapPromise(later(10, 'hello from js')))}`);

// A C error reaches JS as an Error with a code.
const failed = await transformInC(wrapPromise(later(10, { not: 'usable' }))).catch((e) => e);
console.log(`C error: ${failed.message} (code ${failed.code})`);

// Cancelling from JS: C sees it and cancels its input, whose signal aborts.
const input = wrapPromise((signal) => new Promise((resolve, reject) => {
  const timer = setTimeout(resolve, 10000, 7);
  signal.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); });
}));
const output = transformInC(input);
getLoop().callLater(10, () => output.cancel('changed my mind'));
const cancelled = await output.catch((e) => e);
console.log(`cancelled: ${cancelled.name}: ${cancelled.message}; input ${input}`);
