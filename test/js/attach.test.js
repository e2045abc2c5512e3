import { createRequire } from 'node:module';
test('probe', () => {
  const m = createRequire(import.meta.url)('../../build-wasm/examples/example.js');
  console.log(typeof m, m && Object.keys(m));
});
