// The browser entry (and any ESM host with fetch): fetches the .wasm next to
// the package, so `import` is all the setup.
import { instantiateAsync } from './loader.js';

await instantiateAsync(fetch(new URL('../dist/wasm-future.wasm', import.meta.url)));

export * from './api.js';
