// Builds the package's modules and the examples with Emscripten, through
// CMake and emcmake and the package's own CMake config (the way a user
// builds theirs), and lays out dist/: each module's glue and .wasm as emcc
// made them, and the CommonJS bundle of attach, which the CommonJS entries
// (js/*.cjs) share.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
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
run('cmake', ['--build', buildDir, '-j2', '--', '--no-print-directory']);

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const modules = join(buildDir, 'modules');
for (const file of [
  'wasm-future.node.js', 'wasm-future.node.wasm', 'wasm-future.web.mjs', 'wasm-future.web.wasm',
  'wasm-future-threads.js', 'wasm-future-threads.wasm', 'wasm-future-threads.worker.js',
  'wasm-future-tasks.web.mjs', 'wasm-future-tasks.web.wasm',
]) copyFileSync(join(modules, file), join(dist, file));
// The examples' glue is CommonJS, as in a user's project; this repository's
// package.json says "module".
writeFileSync(join(buildDir, 'examples', 'package.json'), '{ "type": "commonjs" }\n');
// Node reads the classic scripts here (the glue and its worker, which call
// require) as CommonJS; browsers load them as plain scripts.
writeFileSync(join(dist, 'package.json'), '{ "type": "commonjs" }\n');

run(join(root, 'node_modules', '.bin', 'esbuild'), [
  'js/attach.js', '--bundle', '--platform=node', '--format=cjs', '--target=node18',
  '--outfile=dist/attach.cjs', '--log-level=warning',
]);
console.log('build: dist/ is ready');
