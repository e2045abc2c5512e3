// The round trip through a user's module (examples/, built with the CMake
// package like any user's, then attach), in a process of its own, as a
// user's program has one module: with two modules in one process V8's inline
// caches in the shared JS see two Future classes, which slows both.
// Prints JSON: per implementation, the median/min/max ns per op.
// Usage: node --expose-gc bench/user-module.mjs <rounds> <n>
import { createRequire } from 'node:module';
import { attach } from '../js/attach.js';
import { compare } from './harness.mjs';
import { roundTrip } from './cases.mjs';

const [rounds, n] = process.argv.slice(2).map(Number);
const createExample = createRequire(import.meta.url)('../build-wasm/examples/example.js');
const userApi = attach(await createExample());
console.log(JSON.stringify(await compare(roundTrip({ Future: userApi.Future, bluebirds: {} }, n), rounds)));
