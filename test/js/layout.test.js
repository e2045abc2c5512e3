// The JS modules form layers: no module imports one that imports it back.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const js = fileURLToPath(new URL('../../js/', import.meta.url));

function importsOf(file) {
  const text = readFileSync(join(js, file), 'utf8');
  return [...text.matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)]
    .map((m) => normalize(join(dirname(file), m[1])));
}

test('the modules of js/ import one another without a cycle', () => {
  const files = readdirSync(js, { recursive: true }).filter((f) => f.endsWith('.js'));
  const graph = new Map(files.map((f) => [normalize(f), importsOf(f)]));
  const cycles = [];
  const state = new Map();
  const visit = (file, path) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
      return;
    }
    state.set(file, 'open');
    for (const next of graph.get(file) ?? []) visit(next, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of graph.keys()) visit(file, []);
  expect(graph.size).toBeGreaterThan(10);
  expect(cycles).toEqual([]);
});

test('only js/binding/exchange.js writes the exchange area (the module runtime, js/runtime/, aside)', () => {
  const code = (file) => readFileSync(join(js, file), 'utf8').replace(/\/\/.*$|\/\*[\s\S]*?\*\//gm, '');
  const writers = /(?<!exchange\.)\b(writeValue|writeCString|reserve)\s*\(|\bioValue\b/;
  const files = readdirSync(js, { recursive: true })
    .filter((f) => f.endsWith('.js') && !normalize(f).startsWith(`runtime${sep}`) && normalize(f) !== join('binding', 'exchange.js'));
  expect(files.length).toBeGreaterThan(10);
  expect(files.filter((f) => writers.test(code(f)))).toEqual([]);
});
