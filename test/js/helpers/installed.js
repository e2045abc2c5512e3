// The tarball `npm pack` makes, installed into a project outside the repo,
// as a user installs it: what the integration suites build and run against.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emccEnv } from '../../../scripts/toolchain.mjs';

export const root = fileURLToPath(new URL('../../..', import.meta.url));

/** Packs the repository (dist/ is built already) and installs it into a new project; returns where. */
export function installPackage() {
  const project = mkdtempSync(join(tmpdir(), 'wasm-future-user-'));
  // --ignore-scripts skips the prepack rebuild.
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', project],
    { cwd: root, encoding: 'utf8' }));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'user', private: true }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(project, info.filename)],
    { cwd: project, stdio: 'ignore' });
  return {
    project,
    tarball: join(project, info.filename),
    packed: info.files.map((f) => f.path),
    installed: join(project, 'node_modules', 'wasm-future'),
    /** The installed wasm-future-config, run as `npx wasm-future-config` would. */
    config: (...args) => execFileSync(join(project, 'node_modules', '.bin', 'wasm-future-config'), args,
      { cwd: project, encoding: 'utf8', env: emccEnv, timeout: 300000 }).trim(),
    remove: () => rmSync(project, { recursive: true, force: true }),
  };
}
