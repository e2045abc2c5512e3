// The tarball `npm pack` makes, installed into a project outside the repo and
// used as a user would: from ESM and CommonJS, and as a C library linked into
// the user's own module with plain emcc (wasm-future-config) and with CMake
// (find_package). Slow: it packs, installs and compiles.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { installPackage, root } from './helpers/installed.js';
import { EMCC, EMCC_QUIET, emccEnv as env } from '../../scripts/toolchain.mjs';

const fixture = join(root, 'test', 'fixtures', 'user-app');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// The ABI version the C library speaks; attach's ABI_VERSION must be the same.
const ABI = Number(/#define WF_ABI_VERSION (\d+)/.exec(readFileSync(join(root, 'c', 'include', 'wf', 'version.h'), 'utf8'))[1]);
const SLOW = 300000;

let project;
let installed;
let packed;
let config;

beforeAll(() => {
  ({ project, packed, installed, config } = installPackage());
}, SLOW);

afterAll(() => {
  if (project) rmSync(project, { recursive: true, force: true });
});

/** Runs `node args` in the project; returns its stdout's lines. Throws (with stderr) if it fails or hangs. */
const node = (args) => execFileSync(process.execPath, args, { cwd: project, encoding: 'utf8', timeout: 60000 })
  .split('\n').filter(Boolean);

const script = (name, text) => {
  writeFileSync(join(project, name), text);
  return node([name]).join('\n');
};

describe('the tarball', () => {
  test('holds what a C user needs: headers, sources, the binding\'s JS, the CMake package and the config helper', () => {
    const sources = readFileSync(join(root, 'c', 'sources.txt'), 'utf8').split('\n')
      .map((line) => /^[a-z,-]+ (\S+)$/.exec(line)).filter(Boolean).map((m) => `c/src/${m[1]}`);
    expect(sources.length).toBeGreaterThan(10);
    expect(packed).toEqual(expect.arrayContaining([
      'c/include/wf/wf.h', 'c/include/wf/js.h', 'c/sources.txt', 'c/src/binding/library.js', 'c/src/binding/pre.js',
      // the module runtime of each variant, which the build bundles and git does not keep
      'c/src/binding/generated/runtime.js', 'c/src/binding/generated/runtime-threads.js',
      'cmake/wasm_future-config.cmake', 'cmake/wasm_future-sources.cmake', 'bin/wasm-future-config.mjs',
      ...sources,
    ]));
  });

  test('holds the built modules, both entries, attach and the types', () => {
    expect(packed).toEqual(expect.arrayContaining([
      'package.json', 'dist/package.json',
      'dist/wasm-future.node.js', 'dist/wasm-future.node.wasm', 'dist/wasm-future.web.mjs', 'dist/wasm-future.web.wasm',
      'dist/wasm-future.browser.mjs', 'dist/wasm-future.browser.mjs.map',
      'js/node.cjs', 'js/threads.cjs', 'dist/attach.cjs', 'dist/attach.mjs', 'dist/node.mjs', 'dist/threads.node.mjs', 'js/node.js', 'js/index.js', 'js/attach.js', 'js/index.d.ts',
      'dist/wasm-future-threads.js', 'dist/wasm-future-threads.wasm',
      // a separate pthread script, which only releases before 3.1.58 make
      ...(existsSync(join(root, 'dist', 'wasm-future-threads.worker.js')) ? ['dist/wasm-future-threads.worker.js'] : []),
      'js/threads.js', 'js/threads.node.js', 'js/threads.d.ts',
    ]));
  });

  test('holds every file package.json\'s exports, main, types and bin point to', () => {
    const targets = [];
    const walk = (value) => {
      if (typeof value === 'string') targets.push(value.replace(/^\.\//, ''));
      else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk([pkg.exports, pkg.main, pkg.types, pkg.bin]);
    expect(targets.length).toBeGreaterThan(10);
    expect(targets.filter((t) => !packed.includes(t))).toEqual([]);
  });

  test('holds no tests, node_modules, build directories or the config helper\'s cache', () => {
    expect(packed.filter((p) => /^(test|node_modules|build[^/]*|\.cache)\//.test(p))).toEqual([]);
  });
});

describe('the JS package, installed', () => {
  test('works from ESM with no init call', () => {
    expect(script('esm.mjs', `
      import { Future, isFuture } from 'wasm-future';
      const f = new Future();
      setTimeout(() => f.setResult(42));
      console.log(await f, isFuture(f));
    `)).toBe('42 true');
  });

  test('works from CommonJS with no init call', () => {
    expect(script('cjs.cjs', `
      const { Future, getLoop } = require('wasm-future');
      const f = new Future();
      getLoop().callLater(1, () => f.setResult('from require'));
      f.then((v) => console.log(v));
    `)).toBe('from require');
  });

  test('wasm-future/attach loads from ESM and from CommonJS', () => {
    expect(script('attach.mjs', `
      import { attach, ABI_VERSION } from 'wasm-future/attach';
      console.log(typeof attach, ABI_VERSION);
    `)).toBe(`function ${ABI}`);
    expect(script('attach.cjs', `
      const { attach, ABI_VERSION } = require('wasm-future/attach');
      console.log(typeof attach, ABI_VERSION);
    `)).toBe(`function ${ABI}`);
  });

  test('wasm-future and wasm-future/threads share their error classes, from ESM and from CommonJS', () => {
    const check = `
      const [main, threads] = [PICK('wasm-future'), PICK('wasm-future/threads')];
      const errors = ['CancelledError', 'InvalidStateError', 'TimeoutError'];
      console.log(errors.every((name) => typeof main[name] === 'function' && main[name] === threads[name]));
    `;
    expect(script('shared.mjs', `const PICK = (m) => m; ${check.replace(/PICK\('([^']+)'\)/g, "await import('$1')")}`)).toBe('true');
    expect(script('shared.cjs', `const PICK = require; ${check}`)).toBe('true');
  });

  test('wasm-future/threads runs C tasks on threads from the installed package', () => {
    expect(script('threads.mjs', `
      import { createThreadPool } from 'wasm-future/threads';
      const pool = await createThreadPool({ workers: 2 });
      const tile = await pool.submit('mandelbrot', -2, -1, 1, 1, 4, 4, 20);
      await pool.shutdown();
      console.log(pool.threaded, tile.length);
    `)).toBe('true 64');
  });
});

describe('wasm-future-config, installed', () => {
  test('its flags point into the installed package, at files that exist', () => {
    const flags = config('--cflags', '--libs').split(/\s+/);
    expect(flags).toContain(`-I${join(installed, 'c', 'include')}`);
    expect(flags).toContain('--js-library');
    expect(flags).toContain('--pre-js');
    const paths = flags.map((f) => f.replace(/^-I/, '')).filter((f) => f.startsWith('/'));
    expect(paths.length).toBeGreaterThanOrEqual(4);
    for (const path of paths) {
      expect(relative(installed, path).startsWith('..')).toBe(false);
      expect(existsSync(path)).toBe(true);
    }
    expect(paths.some((p) => p.endsWith('.a'))).toBe(true);
  }, SLOW);

  test('--cmake-dir is the installed package\'s CMake directory', () => {
    const dir = config('--cmake-dir');
    expect(dir).toBe(join(installed, 'cmake'));
    expect(existsSync(join(dir, 'wasm_future-config.cmake'))).toBe(true);
  });
});

const EXPORTS = '_main,_app_timer,_app_square,_app_cancellable,_app_cancels_seen,_app_gather,_app_main_timer_fired';

/** app.c with plain emcc and the flags wasm-future-config prints; returns the glue's path. */
function buildWithEmcc() {
  const dir = join(project, 'app-emcc');
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(fixture, 'app.c'), join(dir, 'app.c'));
  const flags = config('--cflags', '--libs').split(/\s+/).filter(Boolean);
  execFileSync(EMCC, ['app.c', ...flags, ...EMCC_QUIET, '-O2', '-sMODULARIZE', '-sEXPORT_NAME=createApp',
    `-sEXPORTED_FUNCTIONS=${EXPORTS}`, '-o', 'app.js'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
  return join(dir, 'app.js');
}

/** app.c and its CMakeLists.txt with emcmake and find_package(wasm_future); returns the glue's path. */
function buildWithCmake() {
  const dir = join(project, 'app-cmake');
  mkdirSync(dir, { recursive: true });
  for (const file of ['app.c', 'CMakeLists.txt']) copyFileSync(join(fixture, file), join(dir, file));
  const build = join(dir, 'build');
  const options = { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] };
  execFileSync('emcmake', ['cmake', '-S', dir, '-B', build, `-Dwasm_future_DIR=${config('--cmake-dir')}`], options);
  execFileSync('cmake', ['--build', build, '--parallel', '2'], options);
  return join(build, 'app.js');
}

describe.each([
  ['plain emcc and wasm-future-config', buildWithEmcc],
  ['CMake and find_package(wasm_future)', buildWithCmake],
])('a C user\'s module built with %s', (name, build) => {
  let app;
  let lines;
  const line = (label) => lines.find((l) => l.startsWith(`${label} `));

  beforeAll(() => {
    app = build();
    for (const file of ['run.mjs', 'run.cjs', 'checks.cjs']) copyFileSync(join(fixture, file), join(project, file));
    // execFileSync returns only once the process has exited by itself.
    lines = node(['run.mjs', app]);
  }, SLOW);

  test('attaching twice gives the same API', () => {
    expect(line('same api')).toBe('same api true');
  });

  test('a C timer resolves a future JS awaits', () => {
    expect(line('timer')).toBe('timer from a C timer');
  });

  test('the timer main() armed before any attach fires', () => {
    expect(line('main timer')).toBe('main timer 1');
  });

  test('C awaits a JS promise and resolves with a 64-bit square, a BigInt in JS', () => {
    expect(line('square')).toBe('square 9223369000000000000n');
  });

  test('a C error reaches JS as an Error with its message and C code', () => {
    expect(line('error')).toBe('error Error app: expected a number 4242');
  });

  test('C sees a cancel from JS, with its message', () => {
    expect(line('cancel seen by C')).toBe('cancel seen by C 1');
  });

  test('wf_gather of two C timers resolves in JS', () => {
    expect(line('gather')).toBe('gather ["from a C timer","from a C timer"]');
  });

  test('the default module\'s gather takes the user module\'s future', () => {
    expect(line('side by side')).toBe('side by side ["from a C timer",1]');
  });

  test('handing the default module\'s Future to the user module\'s C is a TypeError', () => {
    expect(line('foreign')).toBe('foreign TypeError: native.call: argument 1: this Future belongs to another module; ' +
      'C can only take Futures of its own module');
  });

  test('a C future cancelled from JS rejects with the package\'s CancelledError', () => {
    expect(line('cancelled')).toBe('cancelled true CancelledError stop');
  });

  test('prints nothing else', () => {
    expect(lines).toHaveLength(10);
  });

  test('the CommonJS runner (require) sees the same', () => {
    expect(node(['run.cjs', app])).toEqual(lines);
  }, 60000);
});

const threadsFixture = join(root, 'test', 'fixtures', 'threads-app');
const THREADS_EXPORTS = '_main,_app_task_runs,_app_primes_on_executor,_app_executor_runs,_app_executor_shutdown,' +
  '_app_threadsafe,_app_fetch_on_worker';
// As the package's own threaded module: out of memory is an error, not an
// abort (memory grows, malloc returns NULL); 1 GB, as a browser reserves
// shared memory up front.
const THREADS_LINK = ['-pthread', '-O2', '-sMODULARIZE', '-sEXPORT_NAME=createApp', '-sALLOW_MEMORY_GROWTH=1',
  '-sMAXIMUM_MEMORY=1073741824', '-sABORTING_MALLOC=0', '-Wno-pthreads-mem-growth'];

/** threads-app/app.c with plain emcc and wasm-future-config --threads; returns the glue's path. */
function buildThreadsWithEmcc() {
  const dir = join(project, 'threads-emcc');
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(threadsFixture, 'app.c'), join(dir, 'app.c'));
  const flags = config('--threads', '--cflags', '--libs').split(/\s+/).filter(Boolean);
  execFileSync(EMCC, ['app.c', ...flags, ...EMCC_QUIET, ...THREADS_LINK, `-sEXPORTED_FUNCTIONS=${THREADS_EXPORTS}`,
    '-o', 'app.js'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] });
  return join(dir, 'app.js');
}

/** threads-app/app.c and its CMakeLists.txt (wasm_future::wf_threads) with emcmake; returns the glue's path. */
function buildThreadsWithCmake() {
  const dir = join(project, 'threads-cmake');
  mkdirSync(dir, { recursive: true });
  for (const file of ['app.c', 'CMakeLists.txt']) copyFileSync(join(threadsFixture, file), join(dir, file));
  const build = join(dir, 'build');
  const options = { cwd: dir, env, stdio: ['ignore', 'ignore', 'pipe'] };
  execFileSync('emcmake', ['cmake', '-S', dir, '-B', build, `-Dwasm_future_DIR=${config('--cmake-dir')}`], options);
  execFileSync('cmake', ['--build', build, '--parallel', '2'], options);
  return join(build, 'app.js');
}

/**
 * Runs a threads-app runner on `app` until it exits by itself (60 s at most):
 * its status, whether it timed out, its stdout's lines and how long it took.
 */
function runThreadsApp(runner, app) {
  const dir = join(project, 'threads-run');
  mkdirSync(dir, { recursive: true });
  for (const file of ['run.mjs', 'run.cjs', 'checks.cjs']) copyFileSync(join(threadsFixture, file), join(dir, file));
  const started = Date.now();
  const result = spawnSync(process.execPath, [runner, app], { cwd: dir, encoding: 'utf8', timeout: 60000 });
  return {
    status: result.status,
    timedOut: result.error?.code === 'ETIMEDOUT',
    stderr: result.stderr,
    lines: result.stdout.split('\n').filter(Boolean),
    ms: Date.now() - started,
  };
}

describe.each([
  ['plain emcc and wasm-future-config --threads', buildThreadsWithEmcc],
  ['CMake and wasm_future::wf_threads', buildThreadsWithCmake],
])('a C user\'s threaded module built with %s', (name, build) => {
  let app;
  let run;
  const line = (label) => run.lines.find((l) => l.startsWith(`${label} `));

  beforeAll(() => {
    app = build();
    run = runThreadsApp('run.mjs', app);
  }, SLOW);

  test('the process exits by itself, with its pools never shut down', () => {
    expect(run.timedOut).toBe(false);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.lines.at(-1)).toBe('done');
  });

  test('the pool of attach(Module) runs on threads and lists the task C registered', () => {
    expect(line('pool')).toBe('pool true 2 ["primes"]');
  });

  test('C\'s task on the pool, awaited one by one, counts what a sieve in JS counts', () => {
    expect(line('expected')).toBe('expected 0,1,4,25,168,1229,9592 216816');
    expect(line('one by one')).toBe(`one by one ${line('expected').split(' ')[1]}`);
  });

  test('asCompleted yields every pool future, each with its count', () => {
    expect(line('as completed')).toBe('as completed 7 0,1,4,25,168,1229,9592');
  });

  test('a C error the task sets reaches JS as an Error with its message and code', () => {
    expect(line('task error')).toBe('task error Error primes(n): n must be an integer from 0 to 50000000 4001');
  });

  test('cancelling a running pool task cancels its Future (asyncio\'s wrap_future rule), and the task runs on', () => {
    expect(line('cancel running')).toBe('cancel running true false true');
  });

  test('a pool task queued behind it can be cancelled', () => {
    expect(line('cancel queued')).toBe('cancel queued true true false');
  });

  test('gather with returnExceptions gives the cancelled task\'s CancelledError and the others\' counts', () => {
    expect(line('gather')).toBe('gather CancelledError: too late,168,CancelledError: not needed,9592 true');
  });

  test('the cancelled pool task never ran', () => {
    expect(line('tasks run')).toBe('tasks run 3');
  });

  test('C submits to its own wf_executor and JS awaits the wf_wrap_cfuture future, its C integer a BigInt', () => {
    expect(line('executor')).toBe('executor 9592n');
  });

  test('cancelling a C-submitted future that has not started keeps its task from running', () => {
    expect(line('executor cancel')).toBe('executor cancel true true never mind 25n runs 2');
  });

  test('a pthread of C\'s own settles a loop future through call_soon_threadsafe, on the main thread', () => {
    expect(line('threadsafe')).toBe('threadsafe counted on main 0, settled on main 1: 9592');
  });

  test('a task on C\'s executor fetches through the main loop (wf_loop_run_threadsafe) and gets the bytes', () => {
    expect(line('worker fetch')).toBe('worker fetch bytes 13 hello from JS');
  });

  test('a 404 reaches the task as the fetch\'s own JS Error, handed on to JS untouched', () => {
    expect(line('worker fetch 404')).toBe('worker fetch 404 true fetch http://127.0.0.1:PORT/missing: HTTP 404');
  });

  test('past its own timeout the task cancels the request\'s cfuture', () => {
    expect(line('worker fetch timeout')).toBe('worker fetch timeout timed out, cancelled 1');
  });

  test('cancelling from the task aborts the HTTP request', () => {
    expect(line('worker fetch aborted')).toBe('worker fetch aborted 1');
  });

  test('an unknown task name is a TypeError', () => {
    expect(line('unknown task')).toBe('unknown task TypeError: submit: unknown task \'no-such-task\'; the tasks are primes');
  });

  test('submit after shutdown is an InvalidStateError', () => {
    expect(line('submit after shutdown')).toBe('submit after shutdown InvalidStateError: submit: the pool is shut down true');
  });

  test('workers: 0 is a TypeError', () => {
    expect(line('workers 0')).toMatch(/^workers 0 TypeError: createThreadPool: options\.workers must be a positive integer/);
  });

  test('workers: 65 is a RangeError (at most 64)', () => {
    expect(line('workers 65')).toMatch(/^workers 65 RangeError: .*at most 64 threads$/);
  });

  test('prints nothing else', () => {
    expect(run.lines).toHaveLength(21);
  });

  test('the CommonJS runner (require) sees the same and exits by itself too', () => {
    const cjs = runThreadsApp('run.cjs', app);
    expect(cjs.timedOut).toBe(false);
    expect(cjs.status).toBe(0);
    expect(cjs.lines).toEqual(run.lines);
  }, 60000);
});
