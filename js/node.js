// The Node entry (ESM, and CommonJS through dist/index.cjs): loads the .wasm
// from disk synchronously, so importing or requiring is all the setup.
import { readFileSync } from 'node:fs';
import { instantiateSync } from './loader.js';

instantiateSync(readFileSync(new URL('../dist/wasm-future.wasm', import.meta.url)));

export * from './api.js';
