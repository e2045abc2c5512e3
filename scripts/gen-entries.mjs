// Writes the export statement of each entry point from js/api.js, the one
// list of the public API's names: an ES module's named exports are static, so
// every entry names each of them (js/index.js, js/node.js, js/threads.js,
// js/threads.node.js), and js/node.cjs names those it leaves out (the pool).
// `--check` writes nothing and fails when an entry is stale
// (test/js/entries.test.js runs it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { API, POOL_API } from '../js/api.js';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `names` as a comma-separated list in lines of at most 110 columns, each indented by two spaces. */
function wrap(names) {
  const lines = [];
  let line = ' ';
  for (const name of names) {
    if (line.length + name.length + 2 > 110) {
      lines.push(line);
      line = ' ';
    }
    line += ` ${name},`;
  }
  lines.push(line);
  return lines.join('\n');
}

/** Each entry: its file, the statement's pattern, and the statement from the list. */
const esm = (names) => [/^export const \{\n[^}]*\n\} =/m, `export const {\n${wrap(names)}\n} =`];
const ENTRIES = [
  ['js/index.js', ...esm(API)],
  ['js/node.js', ...esm(API)],
  ['js/threads.js', ...esm([...API, ...POOL_API])],
  ['js/threads.node.js', ...esm([...API, ...POOL_API])],
  ['js/node.cjs', /^const \{ [^}]*\.\.\.api \} =/m, `const { ${POOL_API.join(', ')}, ...api } =`],
];

const check = process.argv.includes('--check');
const stale = [];
for (const [file, pattern, statement] of ENTRIES) {
  const path = join(root, file);
  const text = readFileSync(path, 'utf8');
  if (!pattern.test(text)) throw new Error(`gen-entries: ${file} has no export statement where it is expected`);
  const written = text.replace(pattern, statement);
  if (written === text) continue;
  stale.push(file);
  if (!check) writeFileSync(path, written);
}
if (check && stale.length > 0) {
  console.error(`gen-entries: stale, run node scripts/gen-entries.mjs: ${stale.join(', ')}`);
  process.exit(1);
}
