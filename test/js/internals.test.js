// What the binding takes from Emscripten's private glue
// (docs/emscripten-internals.md), checked on the package's own modules as
// built with the emcc on PATH: a release that renames one fails here, not in
// a user's program that silently exits early.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

test('the threaded module hooks PThread.getNewWorker and returnWorkerToPool, which count running threads', () => {
  const module = {};
  require('../../dist/wasm-future-threads.js')(module);
  expect(module.wasmFuture.internals.threadHooks).toBe(true);
});

test('a module without threads has no thread hooks to install', () => {
  const module = {};
  require('../../dist/wasm-future.node.js')(module);
  expect(module.wasmFuture.internals.threadHooks).toBe(false);
});

test('the Node modules are up when their factory returns (-sWASM_ASYNC_COMPILATION=0)', () => {
  for (const file of ['wasm-future.node.js', 'wasm-future-threads.js']) {
    const module = {};
    require(`../../dist/${file}`)(module);
    expect(module.wasmFuture.ready()).toBe(true);
  }
});
