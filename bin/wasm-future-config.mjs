#!/usr/bin/env node
// wasm-future-config: the flags a C developer's emcc needs to link
// wasm-future into their own module, and the CMake package's directory.
//
//   emcc app.c $(npx wasm-future-config --cflags --libs) -o app.js
//
// --libs compiles the library from its sources with the emcc on PATH (or
// $EMCC) on first use and caches the archive per emcc version and variant:
// Emscripten promises no ABI between releases, so nothing prebuilt is linked.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const USAGE = `Usage: wasm-future-config [--threads] [--cflags] [--libs] | --cmake-dir | --version | --help

  --cflags     compiler flags: the include directory (and -pthread with --threads)
  --libs       linker flags: the library, compiled for your emcc on first use,
               its JavaScript half (--js-library), its --pre-js, and the link
               flags it needs; your own -sEXPORTED_FUNCTIONS and flags keep working
  --threads    the variant with the thread pool (-pthread)
  --cmake-dir  the directory for -Dwasm_future_DIR= (find_package(wasm_future))
  --version    the package's version
  --help       this text

Example:
  emcc app.c $(npx wasm-future-config --cflags --libs) -sMODULARIZE -sEXPORT_NAME=createApp -o app.js
Environment: EMCC (the emcc to compile with), WASM_FUTURE_CACHE (where archives are cached).`;

function usage(status) {
  (status === 0 ? process.stdout : process.stderr).write(`${USAGE}\n`);
  process.exit(status);
}

const quote = (path) => (/^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`);

/** The library's sources for a variant, from c/sources.txt (the one list). */
function sources(threads) {
  const builds = new Set(['all', 'wasm', ...(threads ? ['threads', 'wasm-threads'] : [])]);
  return readFileSync(join(root, 'c', 'sources.txt'), 'utf8').split('\n')
    .map((line) => /^([a-z,-]+) (\S+)$/.exec(line))
    .filter((m) => m && m[1].split(',').some((b) => builds.has(b)))
    .map((m) => join(root, 'c', 'src', m[2]));
}

/**
 * Debian's emcc (3.1.6, /usr/bin) runs its JS optimizer with the system's
 * acorn, found through NODE_PATH; a release from emsdk brings its own and is
 * run as it is.
 */
function emccEnv(emcc) {
  if (!isDebianEmcc(emcc)) return process.env;
  const nodePath = [process.env.NODE_PATH, '/usr/share/nodejs'].filter(Boolean).join(':');
  return { ...process.env, NODE_PATH: nodePath };
}

function isDebianEmcc(emcc) {
  try {
    const path = emcc.includes('/') ? emcc : execFileSync('sh', ['-c', `command -v ${quote(emcc)}`], { encoding: 'utf8' }).trim();
    return realpathSync(path).startsWith('/usr/share/emscripten/');
  } catch {
    return false;
  }
}

/** Runs `cmd args`, failing with what it printed. */
function exec(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', (status) => (status === 0 ? resolve() : reject(new Error(`${cmd} exited with ${status}`))));
  });
}

/** Compiles the variant's archive unless the cache has it; returns its path. */
async function archive(threads) {
  const emcc = process.env.EMCC || 'emcc';
  const emar = process.env.EMAR || (emcc.includes('/') ? join(dirname(emcc), 'emar') : 'emar');
  const env = emccEnv(emcc);
  let emccVersion;
  try {
    emccVersion = execFileSync(emcc, ['--version'], { encoding: 'utf8', env }).split('\n')[0];
  } catch (error) {
    process.stderr.write(`wasm-future-config: cannot run ${emcc} (${error.message.split('\n')[0]}); ` +
      'install Emscripten or set EMCC\n');
    process.exit(1);
  }
  const flags = ['-O2', '-std=gnu11', '-DNDEBUG', ...(threads ? ['-pthread', '-DWF_THREADS'] : [])];
  const files = sources(threads);
  // Keyed by everything the objects depend on: headers too, so a changed
  // layout never links against an old archive.
  const headersOf = (dir) => readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return headersOf(path);
    return name.endsWith('.h') ? [[path.slice(root.length), readFileSync(path, 'utf8')]] : [];
  });
  const key = createHash('sha256').update(JSON.stringify([version, emccVersion, flags,
    files.map((f) => readFileSync(f, 'utf8')), headersOf(join(root, 'c', 'include')),
    headersOf(join(root, 'c', 'src'))])).digest('hex').slice(0, 16);
  const cache = process.env.WASM_FUTURE_CACHE || join(root, '.cache');
  const dir = join(cache, `${threads ? 'wf_threads' : 'wf'}-${key}`);
  const lib = join(dir, threads ? 'libwf_threads.a' : 'libwf.a');
  if (existsSync(lib)) return lib;

  mkdirSync(cache, { recursive: true });
  const work = mkdtempSync(join(cache, 'building-'));
  try {
    const objects = files.map((file, i) => join(work, `${i}-${file.split('/').pop()}.o`));
    const jobs = files.map((file, i) => [...flags, `-I${join(root, 'c', 'include')}`, `-I${join(root, 'c', 'src')}`,
      '-c', file, '-o', objects[i]]);
    // emcc is slow to start: as many at a time as there are cores.
    let next = 0;
    const worker = async () => {
      while (next < jobs.length) await exec(emcc, jobs[next++], env);
    };
    await Promise.all(Array.from({ length: Math.max(1, cpus().length) }, worker));
    await exec(emar, ['rcs', join(work, 'lib.a'), ...objects], env);
    mkdirSync(dir, { recursive: true });
    renameSync(join(work, 'lib.a'), lib);
  } catch (error) {
    process.stderr.write(`wasm-future-config: compiling the library failed: ${error.message}\n`);
    process.exit(1);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return lib;
}

const args = process.argv.slice(2);
const known = new Set(['--cflags', '--libs', '--threads', '--cmake-dir', '--version', '--help']);
const unknown = args.find((a) => !known.has(a));
if (unknown !== undefined) {
  process.stderr.write(`wasm-future-config: unknown option ${unknown}\n`);
  usage(2);
}
if (args.length === 0) usage(2);
if (args.includes('--help')) usage(0);
if (args.includes('--version')) {
  process.stdout.write(`${version}\n`);
  process.exit(0);
}
if (args.includes('--cmake-dir')) {
  process.stdout.write(`${join(root, 'cmake')}\n`);
  process.exit(0);
}
const threads = args.includes('--threads');
const out = [];
if (args.includes('--cflags')) {
  out.push(`-I${quote(join(root, 'c', 'include'))}`);
  if (threads) out.push('-pthread');
}
if (args.includes('--libs')) {
  const binding = join(root, 'c', 'src', 'binding');
  out.push(quote(await archive(threads)), '-Wl,--undefined=wf__js_bind',
    // The module runtime of the variant first (bundled by the package's build), then the C imports that call it.
    '--js-library', quote(join(binding, 'generated', threads ? 'runtime-threads.js' : 'runtime.js')),
    '--js-library', quote(join(binding, 'library.js')), '--pre-js', quote(join(binding, 'pre.js')));
  if (threads) out.push('-pthread');
}
if (out.length === 0) usage(2);
process.stdout.write(`${out.join(' ')}\n`);
