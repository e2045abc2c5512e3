// `npm run test:toolchain`: the C user's journeys with the emcc on PATH
// (whichever release: .ci/run puts each of its matrix there in turn), against
// the installed tarball of the package as `npm run build` made it: a user's
// module built with plain emcc and with CMake, with and without threads, in
// every output form (package.test.js, output-forms.test.js).
// `npm run test:toolchain -- --all`: the package's own modules (dist/) built
// with that emcc, and every Jest suite against them, browsers included.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const all = process.argv.includes('--all');
const jest = ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js'];
const steps = all
  ? [[join(root, 'scripts', 'build.mjs')], jest]
  : [[...jest, 'test/js/package.test.js', 'test/js/output-forms.test.js']];
for (const args of steps) {
  console.log(`\n== ${[process.execPath, ...args].join(' ')}`);
  const { status } = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (status !== 0) process.exit(1);
}
