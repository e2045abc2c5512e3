// `npm run test:toolchain`: the C user's journeys with the emcc on PATH
// (whichever release: .ci/run puts each of its matrix there in turn), against
// the installed tarball of the package as `npm run build` made it: a user's
// module built with plain emcc and with CMake, with and without threads, in
// every output form (package.test.js, output-forms.test.js).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = ['--experimental-vm-modules', 'node_modules/jest/bin/jest.js', 'test/js/package.test.js',
  'test/js/output-forms.test.js'];
console.log(`\n== ${[process.execPath, ...args].join(' ')}`);
const { status } = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
process.exit(status === 0 ? 0 : 1);
