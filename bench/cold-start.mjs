// g. from import to the first resolved future, in this fresh process (ms):
// the package's own entry, which Node resolves through package.json's exports
// as it does for a user.
const start = performance.now();
const { Future } = await import('wasm-future');
const f = new Future();
f.setResult(1);
await f;
console.log(performance.now() - start);
