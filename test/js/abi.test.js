// What the JS package knows of the C library (js/core/abi.js and the module
// runtime's block, both written by scripts/gen-abi.mjs): up to date with the
// C sources, and the same as the table a built module publishes
// (c/src/binding/js.c); and package.json's version the C library's.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { native } from '../../js/node.js';
import * as abi from '../../js/core/abi.js';

const { ABI_VERSION, LAYOUT, PACKAGE_VERSION } = abi;
// abi.js's constants, by the names C's table gives them.
const CONSTANTS = Object.fromEntries(Object.entries(abi).filter(([name]) => name.startsWith('WF_')));

const runtime = native.module.wasmFuture;
const published = runtime.bind().constants;
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

test.each(Object.entries(CONSTANTS))('JS mirrors %s as the C library defines it', (name, value) => {
  expect(published[name]).toBe(value);
});

test.each(Object.entries(LAYOUT))('JS mirrors the offset %s as the C library lays it out', (name, value) => {
  expect(runtime.bind().at[name]).toBe(value);
});

test('every offset of the table is mirrored in JS (the rest are addresses of the exchange area)', () => {
  const offsets = Object.keys(runtime.bind().at).filter((name) => !name.startsWith('io'));
  expect(offsets.filter((name) => !(name in LAYOUT))).toEqual([]);
});

test('js/core/abi.js and the module runtime\'s facts are what scripts/gen-abi.mjs makes of the C library now', () => {
  // It compiles scripts/abi/facts.c and compares: a constant, offset or
  // version changed in C and not regenerated fails here.
  const result = spawnSync(process.execPath, [fileURLToPath(new URL('../../scripts/gen-abi.mjs', import.meta.url)), '--check'],
    { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}, 60000);

test('every C error code is mirrored in JS', () => {
  const cCodes = Object.keys(published).filter((name) => /^WF_E[A-Z]+$/.test(name));
  expect(cCodes.length).toBeGreaterThan(5);
  expect(cCodes.filter((name) => !(name in CONSTANTS))).toEqual([]);
});

test('the C library, the module runtime and the JS package speak one ABI version', () => {
  expect(published.WF_ABI_VERSION).toBe(ABI_VERSION);
  expect(runtime.abi).toBe(ABI_VERSION);
});

test('the C headers and the JS package state package.json\'s version', () => {
  const c = `${published.WF_VERSION_MAJOR}.${published.WF_VERSION_MINOR}.${published.WF_VERSION_PATCH}`;
  expect(c).toBe(packageJson.version);
  expect(PACKAGE_VERSION).toBe(packageJson.version);
});

test('the table names every offset and entry point the JS reads', () => {
  const { at, fn } = runtime.bind();
  for (const name of ['futureState', 'futureHasException', 'futureValue', 'valueType', 'valueSize', 'valueAs',
    'valueErrorMessage', 'valueSizeof', 'listItems', 'ioValue', 'ioOut', 'ioMessage', 'ioBudgetCount', 'ioBudgetMs'])
    expect(typeof at[name]).toBe('number');
  for (const f of Object.values(fn)) expect(typeof f).toBe('function');
});
