// Builds the package's modules and the examples with Emscripten, through
// CMake and emcmake and the package's own CMake config (the way a user
// builds theirs), and lays out dist/: each module's glue and .wasm as emcc
// made them, and the CommonJS bundle of attach, which the CommonJS entries
// (js/*.cjs) share.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEBIAN, EMCC_QUIET, emccEnv as env } from './toolchain.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = join(root, 'build-wasm');
const dist = join(root, 'dist');
// The emcc on PATH builds, whichever release it is (.ci/run builds with each
// of its matrix). Debian's runs its JS optimizer with the system's acorn.
const emccVersion = execFileSync('emcc', ['--version'], { encoding: 'utf8', env }).split('\n')[0];

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
}

// A build tree configured by another emcc is started again: CMake keeps its compiler.
for (const dir of [buildDir, join(root, 'build-wasm-web')]) {
  const stamp = join(dir, 'emcc-version.txt');
  if (existsSync(dir) && (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== emccVersion)) rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(stamp, emccVersion);
}
// A current release warns that Debian's LLVM is not the one it was made with.
const quiet = EMCC_QUIET.length > 0 ? [`-DCMAKE_C_FLAGS_INIT=${EMCC_QUIET.join(' ')}`, `-DCMAKE_EXE_LINKER_FLAGS_INIT=${EMCC_QUIET.join(' ')}`] : [];
console.log(`build: with ${emccVersion}${DEBIAN ? ' (Debian)' : ''}`);
// What JS knows of C, written from C before anything is built with it; then
// the module runtime bundled from js/runtime/, which every module links.
run(process.execPath, [join(root, 'scripts/gen-abi.mjs')]);
run(process.execPath, [join(root, 'scripts/gen-runtime.mjs')]);

run('emcmake', ['cmake', '-S', '.', '-B', buildDir, '-DCMAKE_BUILD_TYPE=Release', ...quiet]);
run('cmake', ['--build', buildDir, '-j2', '--', '--no-print-directory']);
// What browsers download, built for size the way a user would: the library
// compiled with -Oz and link-time optimization, in a build tree of its own,
// with bulk memory (memory.copy and memory.fill instead of libc's loops;
// every browser with the BigInt64Array the runtime needs has it), and with
// WF_BROWSER_MODULE: the binding's table has only what the browser entry reads.
const webDir = join(root, 'build-wasm-web');
run('emcmake', ['cmake', '-S', '.', '-B', webDir, '-DCMAKE_BUILD_TYPE=MinSizeRel',
  '-DCMAKE_C_FLAGS_MINSIZEREL=-Oz -DNDEBUG', '-DCMAKE_C_FLAGS=-flto -mbulk-memory',
  '-DCMAKE_EXE_LINKER_FLAGS=-flto -mbulk-memory', '-DWF_BROWSER_MODULE=ON', ...quiet]);
run('cmake', ['--build', webDir, '-j2', '--', '--no-print-directory']);

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });
const modules = join(buildDir, 'modules');
for (const file of [
  'wasm-future.node.js', 'wasm-future.node.wasm',
  'wasm-future-threads.js', 'wasm-future-threads.wasm',
  'wasm-future-tasks.web.mjs', 'wasm-future-tasks.web.wasm',
]) copyFileSync(join(modules, file), join(dist, file));
// Releases before 3.1.58 start pthreads from a script of their own; later
// ones from the glue itself.
if (existsSync(join(modules, 'wasm-future-threads.worker.js')))
  copyFileSync(join(modules, 'wasm-future-threads.worker.js'), join(dist, 'wasm-future-threads.worker.js'));
for (const file of ['wasm-future.web.mjs', 'wasm-future.web.wasm']) copyFileSync(join(webDir, 'modules', file), join(dist, file));
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
// What `import` in Node loads: attach as one ES module, and the two entries
// that bind it to the package's modules. Node reads and links every module of
// an ES import graph before it runs any: js/ is 28 of them, and importing
// them took 21-30 ms where the bundle takes 3.4 (bench g, import to the first
// resolved future, 15 alternated processes on a busy machine: 36.7 ms for
// the code before js/ was split, 23.3 with this bundle).
// The bundle is not minified: its stack traces are the source's. The three
// ES entries share this one copy, and with it their error classes.
run(join(root, 'node_modules', '.bin', 'esbuild'), [
  'js/attach.js', '--bundle', '--platform=node', '--format=esm', '--target=node18',
  '--outfile=dist/attach.mjs', '--log-level=warning',
]);
for (const [source, glue] of [['node.js', 'wasm-future.node.js'], ['threads.node.js', 'wasm-future-threads.js']]) {
  let text = readFileSync(join(root, 'js', source), 'utf8');
  for (const [from, to] of [["'./binding/attach.js'", "'./attach.mjs'"], [`'../dist/${glue}'`, `'./${glue}'`]]) {
    if (!text.includes(from)) throw new Error(`build: js/${source} no longer names ${from}`);
    text = text.replace(from, to);
  }
  writeFileSync(join(dist, source.replace(/\.js$/, '.mjs')), `// Made by scripts/build.mjs from js/${source}.\n${text}`);
}

// The browser entry, js/index.js and all it imports (the web module's glue
// too) in one minified ES module next to the .wasm, with its source map. In
// dist/ the .wasm is beside it: its URL changes accordingly.
const esbuild = await import('esbuild');
const entry = readFileSync(join(root, 'js', 'index.js'), 'utf8');
const wasmPath = "'../dist/wasm-future.web.wasm'";
if (!entry.includes(wasmPath)) throw new Error(`build: js/index.js no longer names ${wasmPath}`);
const bundle = await esbuild.build({
  stdin: {
    contents: entry.replace(wasmPath, "'./wasm-future.web.wasm'"),
    resolveDir: join(root, 'js'),
    sourcefile: 'js/index.js',
    loader: 'js',
  },
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  // The glue's --pre-js reads the .wasm with fs only in Node, which never loads this file.
  external: ['fs'],
  // ... and only for the default runtime: the minimal one instantiates
  // Module.wasm and never reads what it sets up. With its test false, the
  // --pre-js and esbuild's require shim for fs drop out of the bundle.
  define: { 'process.versions': 'undefined' },
  sourcemap: 'external',
  sourcesContent: true,
  outfile: join(dist, 'wasm-future.browser.mjs'),
  write: false,
  logLevel: 'warning',
});
// Then terser, whose names for the bundle's many top-level bindings gzip
// better than esbuild's, with the same semantics. pure_new: the glue makes
// typed-array views of memory that nothing reads; a `new` whose value is
// unused is dropped (no other `new` of ours is). unsafe_methods: functions
// in object literals become methods, which differ only in that `new` refuses
// them (nothing news one). It also gives short names to the properties only
// the bundle's own code reads, C's entries, the module runtime's keys and the
// concepts' interfaces (scripts/internal-names.mjs says which, and why that
// is safe): 11 386 -> 10 977 bytes gzipped. hoist_funs: function
// declarations move to the top of their scope, where the language hoists
// them anyway; with six passes instead of two, 10 977 -> 10 891.
const { minify } = await import('terser');
const { internalNames } = await import('./internal-names.mjs');
const { browserTable } = await import('../js/runtime/table-positions.js');
const output = (ext) => bundle.outputFiles.find((f) => f.path.endsWith(ext)).text;
const table = browserTable(() => 0, () => 0);
const internal = internalNames(output('.mjs'), [...Object.keys(table.fn), ...Object.keys(table.at)]);
const minified = await minify(output('.mjs'), {
  module: true,
  ecma: 2020,
  compress: { pure_new: true, passes: 6, hoist_funs: true, unsafe_methods: true },
  mangle: { properties: { regex: new RegExp(`^(?:${internal.join('|')})$`) } },
  sourceMap: { content: output('.mjs.map'), url: 'wasm-future.browser.mjs.map', includeSources: true },
});
writeFileSync(join(dist, 'wasm-future.browser.mjs'), minified.code);
writeFileSync(join(dist, 'wasm-future.browser.mjs.map'), minified.map);
console.log('build: dist/ is ready');
