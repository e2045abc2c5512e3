// The official Promises/A+ suite (872 tests) against Future#then, through the
// CommonJS build.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('Future#then passes the whole Promises/A+ suite', () => {
  const { status, stdout, stderr } = spawnSync(process.execPath,
    ['node_modules/promises-aplus-tests/lib/cli.js', 'test/aplus-adapter.cjs', '--reporter', 'dot'],
    { cwd: root, encoding: 'utf8', timeout: 120000 });
  const passing = /(\d+) passing/.exec(stdout);
  console.log(`Promises/A+: ${passing?.[0]}; ${/(\d+) failing/.exec(stdout)?.[0] ?? '0 failing'}`);
  // The suite drops rejected promises unhandled: the loop reports those, as asyncio does.
  const otherErrors = stderr.split('\n').filter((line) => line && !line.startsWith('Future exception was never retrieved'));
  expect(otherErrors).toEqual([]);
  expect(status).toBe(0);
  expect(Number(passing?.[1])).toBe(872);
  expect(stdout).not.toMatch(/failing/);
});
