// index.d.ts against a usage file, through the package's own `exports`.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('index.d.ts types the usage file, and rejects the misuse in it', () => {
  const { status, stdout, stderr } = spawnSync(process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'test/types/tsconfig.json'],
    { cwd: root, encoding: 'utf8', timeout: 120000 });
  expect(stdout + stderr).toBe('');
  expect(status).toBe(0);
});
