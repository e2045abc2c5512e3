// Writes what JS knows of the C library from the C library itself, as
// emnapi writes its struct offsets: scripts/abi/facts.c, compiled for wasm32
// with the emcc on PATH, prints the constants and offsets of
// c/src/binding/js-table.def and the binding's limits (c/src/binding/js-abi.h);
// from them this writes js/core/abi.js, every fact one export (a bundler
// inlines them), which the JS API and the module runtime (js/runtime/, bundled
// by scripts/gen-runtime.mjs) import, and js/runtime/table-positions.js, the
// browser module's table by position. Nothing else types them. `--check`
// writes nothing and fails when a file is stale (test/js/abi.test.js runs it).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMCC, EMCC_QUIET, emccEnv } from './toolchain.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ABI_JS = join(root, 'js/core/abi.js');
const POSITIONS_JS = join(root, 'js/runtime/table-positions.js');

/** [kind, name, value] for every fact, as C computes it for wasm32. */
export function readFacts() {
  const dir = mkdtempSync(join(tmpdir(), 'wf-abi-'));
  try {
    const out = join(dir, 'facts.js');
    // Synchronous instantiation: 3.1.6's loader would fetch() the .wasm's path in Node.
    execFileSync(EMCC, [...EMCC_QUIET, '-O0', '-sENVIRONMENT=node', '-sWASM_ASYNC_COMPILATION=0', '-I', join(root, 'c/include'), '-I', join(root, 'c/src'),
      join(root, 'scripts/abi/facts.c'), '-o', out], { env: emccEnv, stdio: ['ignore', 'ignore', 'inherit'] });
    return JSON.parse(execFileSync(process.execPath, [out], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** futureHasException -> FUTURE_HAS_EXCEPTION */
const upperSnake = (name) => name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase();

/**
 * The JS name of a fact: a constant keeps C's name (the table publishes it
 * under that name too); a limit drops the WF_ (the table has none); an offset
 * is AT_<field>, a size <TYPE>_SIZEOF.
 */
function jsName(kind, name) {
  if (kind === 'constant') return name;
  if (kind === 'limit') return name.replace(/^WF_/, '');
  return name.endsWith('Sizeof') ? upperSnake(name) : `AT_${upperSnake(name)}`;
}

function abiModule(facts) {
  const value = (name) => facts.find(([, n]) => n === name)[2];
  const version = ['MAJOR', 'MINOR', 'PATCH'].map((part) => value(`WF_VERSION_${part}`)).join('.');
  const lines = [
    '// What the JS package knows of the C library, written by scripts/gen-abi.mjs',
    '// from c/src/binding/js-table.def and c/src/binding/js-abi.h: do not edit.',
    '// Each fact is an export of its own, so that a bundler writes the number',
    '// where it is used. attach refuses a module of another ABI version.',
    '',
    '/** The C library\'s version (wf/version.h); package.json states the same (test/js/abi.test.js). */',
    `export const PACKAGE_VERSION = '${version}';`,
    '',
    '/** The contract with the C half and with the module runtime (js/runtime/). */',
    `export const ABI_VERSION = ${value('WF_ABI_VERSION')};`,
    '',
  ];
  for (const [kind, name, v] of facts) {
    if (kind === 'browser' || name.startsWith('WF_VERSION_') || name === 'WF_ABI_VERSION') continue;
    lines.push(`export const ${jsName(kind, name)} = ${v};`);
  }
  const offsets = facts.filter(([kind]) => kind === 'at');
  lines.push('', '/** The offsets above by the table\'s names (attach checks a module\'s against them). */',
    'export const LAYOUT = /* @__PURE__ */ Object.freeze({',
    ...offsets.map(([kind, name]) => `  ${name}: ${jsName(kind, name)},`), '});', '');
  return lines.join('\n');
}

/**
 * The browser module's table by position (js/runtime/table-positions.js):
 * each entry a key of the object its runtime's bind() makes, under its kind's
 * key, in the table's order (an object literal's values are computed in the
 * order it is written).
 */
function positionsModule(facts) {
  const browser = facts.filter(([kind]) => kind === 'browser');
  if (browser[0]?.[1] !== 'WF_ABI_VERSION' || browser[1]?.[1] !== 'WF_TABLE_SIZE')
    throw new Error('gen-abi: the browser module\'s table does not start with WF_ABI_VERSION and WF_TABLE_SIZE');
  const runs = [];
  for (const [, name, k] of browser) {
    if (runs.at(-1)?.[0] !== k) runs.push([k, []]);
    runs.at(-1)[1].push(name);
  }
  if (new Set(runs.map(([k]) => k)).size !== runs.length)
    throw new Error('gen-abi: the browser module\'s table mixes kinds; browserTable reads each kind in one run');
  const KINDS = [['fn', 'entry()'], ['at', 'value()'], ['constants', 'value() | 0']];
  return [
    '// The browser module\'s table (c/src/binding/js.c built with WF_BROWSER_MODULE),',
    '// whose .wasm has no names, written by scripts/gen-abi.mjs from',
    '// c/src/binding/js-table.def: do not edit. Its runtime reads it (table-browser.js).',
    '',
    '/** The number of values in the table, its second value (the first is the ABI version). */',
    `export const BROWSER_TABLE_SIZE = ${browser.length};`,
    '',
    '/**',
    ' * What the runtime\'s bind() makes of the table: value() reads its next value,',
    ' * entry() the C function the next value points to.',
    ' */',
    'export const browserTable = (value, entry) => ({',
    ...runs.flatMap(([k, names]) => [`  '${KINDS[k][0]}': {`, ...names.map((name) => `    '${name}': ${KINDS[k][1]},`), '  },']),
    '});', '',
  ].join('\n');
}

/** The files as they must be: [[path, text], ...]. */
export function generated(facts = readFacts()) {
  return [[ABI_JS, abiModule(facts)], [POSITIONS_JS, positionsModule(facts)]];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const stale = [];
  for (const [path, text] of generated()) {
    if (existsSync(path) && readFileSync(path, 'utf8') === text) continue;
    stale.push(path.slice(root.length));
    if (!check) writeFileSync(path, text);
  }
  if (check && stale.length > 0) {
    console.error(`gen-abi: stale, run node scripts/gen-abi.mjs: ${stale.join(', ')}`);
    process.exit(1);
  }
  console.log(stale.length === 0 ? 'gen-abi: up to date' : `gen-abi: wrote ${stale.join(', ')}`);
}
