// A C user's module in every output form emcc makes, built from the
// installed tarball with the emcc on PATH (.ci/run runs this once per
// release of its matrix) and run in Node: ES modules, -sSINGLE_FILE,
// --closure 1, -sENVIRONMENT=node, with and without threads; and as an ES
// module for browsers in a cross-origin isolated page in Chromium
// (test/fixtures/browser-page). Each prints what
// the CommonJS build prints (test/js/package.test.js checks that line by
// line) and exits by itself. Slow: it compiles.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { installPackage, root } from './helpers/installed.js';
import { DEBIAN, EMCC, EMCC_QUIET, EMCC_VERSION, emccEnv, resolveCommand } from '../../scripts/toolchain.mjs';

const SLOW = 600000;
const browserPage = join(root, 'test', 'fixtures', 'browser-page');
const APPS = {
  user: {
    dir: join(root, 'test', 'fixtures', 'user-app'),
    exports: '_main,_app_timer,_app_square,_app_cancellable,_app_cancels_seen,_app_gather,_app_main_timer_fired',
    flags: [],
  },
  threads: {
    dir: join(root, 'test', 'fixtures', 'threads-app'),
    exports: '_main,_app_task_runs,_app_primes_on_executor,_app_executor_runs,_app_executor_shutdown,' +
      '_app_threadsafe,_app_fetch_on_worker',
    flags: ['-pthread', '-sALLOW_MEMORY_GROWTH=1', '-sMAXIMUM_MEMORY=1073741824', '-sABORTING_MALLOC=0',
      '-Wno-pthreads-mem-growth'],
  },
};

// What this toolchain genuinely cannot do, and why.
// Debian 12 ships closure-compiler 20130227, which cannot parse Emscripten's
// output; a release from emsdk brings google-closure-compiler, or its config
// names one (setup-emscripten.sh with WITH_CLOSURE=1).
const closureCompiler = !DEBIAN && (
  existsSync(join(dirname(realpathSync(resolveCommand(EMCC))), 'node_modules', 'google-closure-compiler')) ||
  (process.env.EM_CONFIG !== undefined && existsSync(process.env.EM_CONFIG) &&
    /^CLOSURE_COMPILER\s*=/m.test(readFileSync(process.env.EM_CONFIG, 'utf8'))));
const ES_MODULES_IN_NODE = !(EMCC_VERSION[0] === 3 && EMCC_VERSION[1] === 1 && EMCC_VERSION[2] < 10);

const FORMS = [
  // name, output file, flags, runner, whether this emcc can make it (or why not)
  ['an ES module (-sEXPORT_ES6)', 'app.mjs', ['-sEXPORT_ES6'], 'run-esm.mjs',
    ES_MODULES_IN_NODE || 'Emscripten 3.1.6\'s ES-module glue does not load in Node (no require, no file path for the .wasm)'],
  ['a single file (-sSINGLE_FILE)', 'app.js', ['-sSINGLE_FILE'], 'run.cjs', true],
  ['CommonJS for Node alone (-sENVIRONMENT=node)', 'app.js', ['-sENVIRONMENT=node'], 'run.cjs', true],
  ['an ES module in Chromium (-sEXPORT_ES6 -sENVIRONMENT=web,worker)', 'app.mjs',
    ['-sEXPORT_ES6', '-sENVIRONMENT=web,worker'], 'run-chromium.mjs', true],
  ['-O2 --closure 1', 'app.js', ['--closure', '1'], 'run.cjs',
    closureCompiler || 'no closure compiler that reads Emscripten\'s output comes with this toolchain ' +
    '(Debian 12 ships closure-compiler 20130227)'],
];

let pkg;
beforeAll(() => {
  pkg = installPackage();
}, SLOW);
afterAll(() => pkg?.remove());

/** app.c of `app` in `form`, built with plain emcc and wasm-future-config; returns the build's directory. */
function build(app, [form, output, flags], index) {
  const { dir, exports, flags: appFlags } = APPS[app];
  const out = join(pkg.project, `${app}-form-${index}`);
  mkdirSync(out, { recursive: true });
  for (const file of ['app.c', 'checks.cjs', 'run.cjs', 'run-esm.mjs']) copyFileSync(join(dir, file), join(out, file));
  for (const file of ['index.html', 'page.mjs', 'run-chromium.mjs']) copyFileSync(join(browserPage, file), join(out, file));
  const threads = appFlags.includes('-pthread') ? ['--threads'] : [];
  const config = pkg.config(...threads, '--cflags', '--libs').split(/\s+/).filter(Boolean);
  execFileSync(EMCC, ['app.c', ...config, ...EMCC_QUIET, ...appFlags, '-O2', '-sMODULARIZE', '-sEXPORT_NAME=createApp',
    `-sEXPORTED_FUNCTIONS=${exports}`, ...flags, '-o', output], { cwd: out, env: emccEnv, stdio: ['ignore', 'ignore', 'pipe'] });
  return out;
}

function run(dir, runner, output) {
  const args = runner === 'run-esm.mjs' ? [runner]
    : runner === 'run-chromium.mjs' ? [runner, join(root, 'node_modules', 'playwright-core')]
      : [runner, join(dir, output)];
  const result = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', timeout: 60000 });
  return {
    status: result.status,
    timedOut: result.error?.code === 'ETIMEDOUT',
    stderr: result.stderr,
    lines: result.stdout.split('\n').filter(Boolean),
  };
}

describe.each(Object.keys(APPS))('the %s app', (app) => {
  let reference;
  beforeAll(() => {
    reference = run(build(app, ['CommonJS', 'app.js', []], 'cjs'), 'run.cjs', 'app.js');
  }, SLOW);

  test('its CommonJS build, the reference, runs to its end', () => {
    expect(reference.stderr).toBe('');
    expect(reference.lines.length).toBeGreaterThanOrEqual(10);
  });

  describe.each(FORMS.map((form, i) => [form[0], form, i]))('as %s', (name, form, index) => {
    const can = form[4];
    const it = can === true ? test : test.skip;
    let result;
    beforeAll(() => {
      if (can === true) result = run(build(app, form, index), form[3], form[1]);
    }, SLOW);

    if (can !== true) test.skip(`cannot be built here: ${can}`, () => {});

    it('prints what the CommonJS build prints', () => {
      expect(result.lines).toEqual(reference.lines);
    });

    it('exits by itself, with status 0 and nothing on stderr', () => {
      expect(result.timedOut).toBe(false);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    });
  });
});
