// Builds the WebAssembly module with Emscripten (through CMake and emcmake)
// and lays out dist/: the .wasm, the glue as an ES module, and the CommonJS
// bundle of the Node entry.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

mkdirSync(dist, { recursive: true });
copyFileSync(join(buildDir, 'wasm-future.wasm'), join(dist, 'wasm-future.wasm'));

// The glue calls exports through lazy wrappers under minified names; the
// wrapper binds the raw exports, so it needs the name map.
const glue = readFileSync(join(buildDir, 'wasm-future.js'), 'utf8');
const exportNames = {};
for (const m of glue.matchAll(/Module\["_(\w+)"\]=function\(\)\{return\(\w+=Module\["_\w+"\]=Module\["asm"\]\["([\w$]+)"\]/g))
  exportNames[m[1]] = m[2];
if (!exportNames.wf__js_layout) throw new Error('build: could not read the export names from the glue');
const classic = glue.replace(/\nif \(typeof exports === 'object' && typeof module === 'object'\)[\s\S]*$/, '\n');
writeFileSync(join(dist, 'glue.mjs'),
  `${classic}\nexport default createWasmFuture;\nexport const exportNames = ${JSON.stringify(exportNames)};\n`);

run(join(root, 'node_modules', '.bin', 'esbuild'), [
  'js/node.js', '--bundle', '--platform=node', '--format=cjs', '--target=node18',
  '--outfile=dist/index.cjs', '--log-level=warning',
  '--define:import.meta.url=__wasmFutureModuleUrl',
  '--inject:scripts/cjs-module-url.js',
]);
console.log('build: dist/ is ready');
