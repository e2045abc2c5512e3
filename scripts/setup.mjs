// Installs what a fresh machine lacks: Debian's emscripten and cmake (through
// apt-get when it is usable), and the npm dependencies.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Debian packages the build and the tests need (chromium for the browser tests): command -> package. */
export const SYSTEM_NEEDS = {
  emcc: 'emscripten', cmake: 'cmake', cc: 'gcc', make: 'make', chromium: 'chromium', clang: 'clang',
};

const sh = (script) => spawnSync('sh', ['-c', script], { stdio: 'ignore' }).status === 0;
const has = (cmd) => sh(`command -v ${cmd}`);
// libFuzzer's runtime (npm test's short fuzzing run), which clang does not pull in.
const hasLibFuzzer = () => sh('ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a');

export function installSystemPackages(needs = SYSTEM_NEEDS) {
  const missing = Object.entries(needs).filter(([cmd]) => !has(cmd)).map(([, pkg]) => pkg);
  if (needs === SYSTEM_NEEDS && !hasLibFuzzer()) missing.push('libclang-rt-dev');
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!has('apt-get') || !isRoot) {
    console.error(`setup: missing Debian packages: ${missing.join(' ')}.\n` +
      `Install them (apt-get install -y ${missing.join(' ')}) and run this again.`);
    process.exit(1);
  }
  console.log(`setup: apt-get install ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', ...missing], { stdio: 'inherit', env });
}

export function installNpmPackages() {
  // Every devDependency, not only jest: a checkout installed before one was added lacks it.
  const { devDependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (Object.keys(devDependencies).every((name) => existsSync(join(root, 'node_modules', name, 'package.json')))) return;
  // npm install, not npm ci: npm 11 leaves some optional platform packages
  // out of package-lock.json, and npm ci then refuses the lock file.
  console.log('setup: npm install');
  execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  installSystemPackages();
  installNpmPackages();
}
