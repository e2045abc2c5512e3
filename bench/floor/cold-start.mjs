// bench/cold-start.mjs for the floor package, imported by its name as
// 'wasm-future' is there: what Node's import costs whatever the package.
const start = performance.now();
const { Future } = await import('wasm-future-floor');
const f = new Future();
f.setResult(1);
await f;
console.log(performance.now() - start);
