// One list of the public API's names (js/api.js): every entry point exports
// exactly it, written from it by scripts/gen-entries.mjs.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { API, POOL_API } from '../../js/api.js';
import * as node from '../../js/node.js';
import * as threads from '../../js/threads.node.js';
import { attach } from '../../js/attach.js';

test('the entries\' export statements are what scripts/gen-entries.mjs writes from js/api.js', () => {
  const result = spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/gen-entries.mjs', import.meta.url)), '--check'],
    { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
});

test('each entry exports the list, every name defined', () => {
  expect(Object.keys(node).sort()).toEqual([...API].sort());
  expect(Object.keys(threads).sort()).toEqual([...API, ...POOL_API].sort());
  const cjs = createRequire(import.meta.url)('../../js/node.cjs');
  expect(Object.keys(cjs)).toEqual(API);
  for (const exports of [node, threads, cjs]) {
    for (const [name, value] of Object.entries(exports)) expect([name, value]).not.toEqual([name, undefined]);
  }
});

test('attach returns the list, in its order', () => {
  const module = {};
  createRequire(import.meta.url)('../../dist/wasm-future.node.js')(module);
  expect(Object.keys(attach(module))).toEqual([...API, ...POOL_API]);
});
