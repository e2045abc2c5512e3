// The constants the JS package mirrors of the C library, checked against the
// table the C library publishes (c/src/binding/js.c), and the versions the
// C headers, the module runtime and package.json each state.
import { readFileSync } from 'node:fs';
import { native } from '../../js/node.js';
import * as abi from '../../js/core/abi.js';

const { ABI_VERSION, LAYOUT, PACKAGE_VERSION } = abi;
// abi.js's constants, by the names C's table gives them.
const CONSTANTS = Object.fromEntries(Object.entries(abi).filter(([name]) => name.startsWith('WF_')));
// abi.js's offsets under their own names (AT_VALUE_TYPE...), as the runtime names them.
const LAYOUT_BY_CONSTANT = Object.fromEntries(Object.entries(abi).filter(([name]) => name.startsWith('AT_')));

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

test('the module runtime\'s own constants and offsets are those of js/core/abi.js', () => {
  const source = readFileSync(new URL('../../c/src/binding/library.js', import.meta.url), 'utf8');
  const block = source.match(/var VALUE_NONE = [^;]*;[^]*?var AT_VALUE_TYPE = [^;]*;/)[0];
  const literals = [...block.matchAll(/\b([A-Z_]+) = (\d+)/g)].map(([, name, value]) => [name, Number(value)]);
  expect(literals.length).toBeGreaterThan(10);
  const mirrored = { ...CONSTANTS, ...LAYOUT_BY_CONSTANT };
  for (const [name, value] of literals) {
    const abiName = [name, `WF_${name}`, `WF_JS_${name}`, `WF_RUN_${name}`].find((n) => n in mirrored);
    expect([name, abiName && mirrored[abiName]]).toEqual([name, value]);
  }
});

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
