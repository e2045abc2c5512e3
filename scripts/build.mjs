// Builds the WebAssembly module with Emscripten (through CMake and emcmake)
// and lays out dist/: the .wasm, the glue as an ES module, and the CommonJS
// bundle of the Node entry.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = join(root, 'build-wasm');
const dist = join(root, 'dist');
// Debian's emcc runs its JS optimizer with the system's acorn.
const env = { ...process.env, NODE_PATH: [process.env.NODE_PATH, '/usr/share/nodejs'].filter(Boolean).join(':') };

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
}

run('emcmake', ['cmake', '-S', '.', '-B', buildDir, '-DCMAKE_BUILD_TYPE=Release']);
run('cmake', ['--build', buildDir, '--', '--no-print-directory']);

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

/**
 * Copies a build's .wasm and wraps its glue as an ES module. The glue calls
 * exports through lazy wrappers under minified names; the JS binds the raw
 * exports, so it needs the name map.
 */
function layOut(name) {
  copyFileSync(join(buildDir, `${name}.wasm`), join(dist, `${name}.wasm`));
  const glue = readFileSync(join(buildDir, `${name}.js`), 'utf8');
  const exportNames = {};
  for (const m of glue.matchAll(/Module\["_(\w+)"\]=function\(\)\{return\(\w+=Module\["_\w+"\]=Module\["asm"\]\["([\w$]+)"\]/g))
    exportNames[m[1]] = m[2];
  if (Object.keys(exportNames).length === 0) throw new Error(`build: could not read the export names of ${name}`);
  const factory = /^var (\w+) = \(/m.exec(glue)[1];
  const classic = glue.replace(/\nif \(typeof exports === 'object' && typeof module === 'object'\)[\s\S]*$/, '\n');
  writeFileSync(join(dist, `${name}.mjs`),
    `${classic}\nexport default ${factory};\nexport const exportNames = ${JSON.stringify(exportNames)};\n`);
  return { glue, exportNames };
}

layOut('wasm-future');
// The threaded build's workers load its classic glue (and Node loads it with
// require), so it ships as it is too, with the worker script and the names.
const threads = layOut('wasm-future-threads');
writeFileSync(join(dist, 'wasm-future-threads.js'),
  `${threads.glue}\nif (typeof module === 'object') module.exports.exportNames = ${JSON.stringify(threads.exportNames)};\n`);
copyFileSync(join(buildDir, 'wasm-future-threads.worker.js'), join(dist, 'wasm-future-threads.worker.js'));
// Node reads the classic scripts here (the glue and its worker, which call
// require) as CommonJS; browsers load them as plain scripts.
writeFileSync(join(dist, 'package.json'), '{ "type": "commonjs" }\n');

run(join(root, 'node_modules', '.bin', 'esbuild'), [
  'js/node.js', '--bundle', '--platform=node', '--format=cjs', '--target=node18',
  '--outfile=dist/index.cjs', '--log-level=warning',
  '--define:import.meta.url=__wasmFutureModuleUrl',
  '--inject:scripts/cjs-module-url.js',
]);
console.log('build: dist/ is ready');
