// bin/wasm-future-config: the flags a C developer's emcc needs, and the CMake
// package's directory. Fast: nothing here compiles the library.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
const bin = join(root, 'bin', 'wasm-future-config.mjs');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Runs the helper; returns { status, stdout, stderr }. */
const config = (args, env = process.env) => spawnSync(process.execPath, [bin, ...args],
  { cwd: root, encoding: 'utf8', env, timeout: 30000 });

test('--help prints the usage on stdout and exits 0', () => {
  const { status, stdout, stderr } = config(['--help']);
  expect(status).toBe(0);
  expect(stdout).toMatch(/^Usage: wasm-future-config /);
  expect(stdout).toContain('--cmake-dir');
  expect(stderr).toBe('');
});

test('an unknown option exits 2, naming it, with the usage on stderr', () => {
  const { status, stdout, stderr } = config(['--cflags', '--frobnicate']);
  expect(status).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toContain('unknown option --frobnicate');
  expect(stderr).toContain('Usage: wasm-future-config ');
});

test('no option exits 2 with the usage on stderr', () => {
  const { status, stdout, stderr } = config([]);
  expect(status).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toContain('Usage: wasm-future-config ');
});

test('--threads alone asks for nothing: exits 2 with the usage', () => {
  const { status, stderr } = config(['--threads']);
  expect(status).toBe(2);
  expect(stderr).toContain('Usage: wasm-future-config ');
});

test('--version prints package.json\'s version', () => {
  const { status, stdout } = config(['--version']);
  expect(status).toBe(0);
  expect(stdout).toBe(`${version}\n`);
});

test('--cmake-dir prints the directory that holds wasm_future-config.cmake', () => {
  const { status, stdout } = config(['--cmake-dir']);
  expect(status).toBe(0);
  const dir = stdout.trim();
  expect(dir).toBe(join(root, 'cmake'));
  expect(existsSync(join(dir, 'wasm_future-config.cmake'))).toBe(true);
});

test('--cflags prints the include directory, which holds wf/wf.h', () => {
  const { status, stdout } = config(['--cflags']);
  expect(status).toBe(0);
  expect(stdout).toBe(`-I${join(root, 'c', 'include')}\n`);
  expect(existsSync(join(root, 'c', 'include', 'wf', 'wf.h'))).toBe(true);
});

test('--threads --cflags adds -pthread', () => {
  const { status, stdout } = config(['--threads', '--cflags']);
  expect(status).toBe(0);
  expect(stdout.trim().split(' ')).toEqual([`-I${join(root, 'c', 'include')}`, '-pthread']);
});

test('--libs without an emcc says so and exits 1', () => {
  const { status, stdout, stderr } = config(['--libs'], { ...process.env, EMCC: join(root, 'no-such-emcc') });
  expect(status).toBe(1);
  expect(stdout).toBe('');
  expect(stderr).toMatch(/cannot run .*no-such-emcc.*install Emscripten or set EMCC/);
});
