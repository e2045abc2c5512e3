// npm run bench in its smoke mode (tiny N, nothing written), so it cannot rot.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

test('the benchmark suite runs every case and prints its table', () => {
  const out = execFileSync(process.execPath, ['--expose-gc', 'bench/run.mjs', '--smoke'], { cwd: root, encoding: 'utf8', timeout: 120000 });
  for (const kase of ['a. round trip', 'b. fan-in', 'c. done-callback dispatch', 'd. then chains', 'e. memory', 'f. size', 'g. cold start', 'g. cold start, phase by phase', 'h. starvation', 'i. pool']) {
    expect(out).toContain(`| ${kase}`);
  }
  for (const impl of ['wasm-future', 'native Promise', 'bluebird (default scheduler)', 'bluebird (microtask scheduler)']) {
    expect(out).toContain(`| ${impl} |`);
  }
  expect(out).not.toContain('NaN');
}, 130000);
