// BENCHMARKS.md holds one section per toolchain that built dist/ (the
// package ships one build; .ci/run tests two), and a comparison of them made
// from their tables. A run replaces its own toolchain's section and keeps the
// others, so the file compares builds measured by separate runs: each
// section names its machine and date.

const SECTION = '## dist/ built with ';
// [case, implementation, what the comparison calls it, the column it shows]
const COMPARED = [
  ['f. size', "browser: import 'wasm-future' (dist/wasm-future.browser.mjs + .wasm) (gzip -9)", 'browser download, gzip -9 (bytes)', 'median'],
  ['f. size', 'threaded: .wasm + glue (+ worker) (gzip -9)', 'threaded module, gzip -9 (bytes)', 'median'],
  ['a. round trip', 'wasm-future', 'a. round trip, to native', 'ratio'],
  ['a2. round trip, awaited while pending', 'wasm-future', 'a2. awaited while pending, to native', 'ratio'],
  ['b. fan-in', 'wasm-future', 'b. fan-in, to native', 'ratio'],
  ['c. done-callback dispatch', 'wasm-future', 'c. dispatch, to native', 'ratio'],
  ['d. then chains', 'wasm-future', 'd. then chains, to native', 'ratio'],
  ['e. memory', 'wasm-future: JS + wasm', 'e. memory per pending future (bytes)', 'median'],
  ['g. cold start', 'wasm-future', 'g. cold start (ms)', 'median'],
  ['i. pool: submit', / workers$/, 'i. pool: submit -> await of a no-op task (ns/op)', 'median'],
];

/** The sections of an existing BENCHMARKS.md, by toolchain name. */
function sectionsOf(text) {
  const sections = new Map();
  for (const part of text.split(`\n${SECTION}`).slice(1)) {
    const name = part.slice(0, part.indexOf('\n'));
    sections.set(name, `${SECTION}${part.replace(/\s+$/, '')}\n`);
  }
  return sections;
}

/** What a comparison row shows of one section. */
function valueIn(section, [kase, impl, , column]) {
  for (const line of section.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length < 8 || !cells[0].startsWith(kase)) continue;
    if (typeof impl === 'string' ? cells[1] !== impl : !impl.test(cells[1])) continue;
    return column === 'ratio' ? cells[6] : cells[3];
  }
  return 'not measured';
}

/**
 * The whole file: `intro`, the comparison, then every section, this run's
 * (`name`, `body`) in place of an older one of the same toolchain.
 */
export function report(previous, intro, name, body) {
  const sections = sectionsOf(previous ?? '');
  sections.set(name, `${SECTION}${name}\n\n${body.replace(/\s+$/, '')}\n`);
  const names = [...sections.keys()].sort();
  const comparison = [
    `| | ${names.join(' | ')} |`,
    `| --- | ${names.map(() => '---:').join(' | ')} |`,
    ...COMPARED.map((c) => `| ${c[2]} | ${names.map((n) => valueIn(sections.get(n), c)).join(' | ')} |`),
  ].join('\n');
  return `${intro.replace(/\s+$/, '')}\n\n## The builds compared\n\nFrom the tables below, which ` +
    `separate runs of \`npm run bench\` wrote (each with its machine and date).\n\n${comparison}\n\n` +
    `${names.map((n) => sections.get(n)).join('\n')}`;
}
