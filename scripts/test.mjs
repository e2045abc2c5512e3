// `npm test`: installs what is missing, builds, and runs every suite: the C
// tests natively, under ASan+UBSan and under TSan, a short libFuzzer run of the
// C core, the Jest suites (which include the
// Promises/A+ suite, the types check and the package test).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installNpmPackages, installSystemPackages } from './setup.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

installSystemPackages();
installNpmPackages();

const steps = [
  ['C build', 'cmake', ['-S', '.', '-B', 'build', '-DCMAKE_BUILD_TYPE=Debug']],
  ['C build', 'cmake', ['--build', 'build', '-j2']],
  ['C tests', 'ctest', ['--test-dir', 'build', '--output-on-failure']],
  ['C build (ASan+UBSan)', 'cmake', ['-S', '.', '-B', 'build-sanitize', '-DCMAKE_BUILD_TYPE=Debug', '-DWF_SANITIZE=ON']],
  ['C build (ASan+UBSan)', 'cmake', ['--build', 'build-sanitize', '-j2']],
  ['C tests (ASan+UBSan)', 'ctest', ['--test-dir', 'build-sanitize', '--output-on-failure']],
  ['C build (TSan)', 'cmake', ['-S', '.', '-B', 'build-tsan', '-DCMAKE_BUILD_TYPE=Debug', '-DWF_SANITIZE=thread']],
  ['C build (TSan)', 'cmake', ['--build', 'build-tsan', '-j2']],
  ['C tests (TSan)', 'ctest', ['--test-dir', 'build-tsan', '--output-on-failure']],
  ['C fuzzing (short)', process.execPath, ['scripts/fuzz.mjs', '--short']],
  ['wasm build', process.execPath, ['scripts/build.mjs']],
  ['Jest', process.execPath, ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js']],
];

let passed = 0;
let failed = 0;
for (const [name, cmd, args] of steps) {
  console.log(`\n== ${name}: ${[cmd, ...args].join(' ')}`);
  const env = {
    ...process.env,
    ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1',
    UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1',
    TSAN_OPTIONS: 'halt_on_error=1',
  };
  const { status } = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env });
  if (status === 0) {
    passed++;
  } else {
    failed++;
    console.error(`== ${name} failed (exit ${status})`);
    break;
  }
}
console.log(`\nnpm test steps: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
