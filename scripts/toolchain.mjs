// The Emscripten the build and the tests use: the one a user has on PATH (or
// $EMCC), never a path of this repository's machine. .ci/run puts each
// release of its matrix on PATH in turn.
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';

export const EMCC = process.env.EMCC || 'emcc';

/** The path of command `cmd`, as the shell finds it. */
export function resolveCommand(cmd) {
  return cmd.includes('/') ? cmd : execFileSync('sh', ['-c', `command -v "${cmd}"`], { encoding: 'utf8' }).trim();
}

/** Debian's emcc 3.1.6 (/usr/bin/emcc, a wrapper in /usr/share/emscripten). */
export const DEBIAN = (() => {
  try {
    return realpathSync(resolveCommand(EMCC)).startsWith('/usr/share/emscripten/');
  } catch {
    return false;
  }
})();

/** The environment emcc runs in: Debian's runs its JS optimizer with the system's acorn (NODE_PATH). */
export const emccEnv = DEBIAN
  ? { ...process.env, NODE_PATH: [process.env.NODE_PATH, '/usr/share/nodejs'].filter(Boolean).join(':') }
  : process.env;

/** emcc's version as [major, minor, patch]. */
export const EMCC_VERSION = (() => {
  const text = execFileSync(EMCC, ['--version'], { encoding: 'utf8', env: emccEnv });
  return /(\d+)\.(\d+)\.(\d+)/.exec(text).slice(1, 4).map(Number);
})();

/** Flags every link of a test passes: a current release warns that Debian's LLVM is not the one it expects. */
export const EMCC_QUIET = DEBIAN ? [] : ['-Wno-version-check'];
