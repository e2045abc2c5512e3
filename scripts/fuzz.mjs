// `npm run fuzz`: builds the libFuzzer target of the C core (test/fuzz/) into
// build-fuzz/ with clang, ASan and UBSan, and runs it.
//   npm run fuzz                       10 minutes over the committed corpus; new inputs
//                                      go to build-fuzz/corpus, crashes to build-fuzz/
//   npm run fuzz -- -runs=100000 ...   libFuzzer's own flags pass through
//   node scripts/fuzz.mjs --short      a fixed, quick run (npm test): 200000 executions,
//                                      seed 1; exits nonzero on any crash
// A long run then runs the model tests of the JS API with WF_MODEL_RUNS=20000.
// libFuzzer prints the executions (#N) and the coverage (cov: edges, ft: features)
// as it goes, and its totals at the end.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildDir = join(root, 'build-fuzz');
const corpus = join(root, 'test', 'fuzz', 'corpus');

const args = process.argv.slice(2);
const short = args.includes('--short');
const passed = args.filter((a) => a !== '--short');

function run(cmd, cmdArgs, env = process.env) {
  const { status, error } = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env });
  if (error) throw error;
  return status;
}

function mustRun(cmd, cmdArgs) {
  const status = run(cmd, cmdArgs);
  if (status !== 0) {
    console.error(`fuzz: ${[cmd, ...cmdArgs].join(' ')} failed (exit ${status})`);
    process.exit(status || 1);
  }
}

mustRun('cmake', ['-S', join(root, 'test', 'fuzz'), '-B', buildDir, '-DCMAKE_C_COMPILER=clang',
  `-Dwasm_future_DIR=${join(root, 'cmake')}`]);
mustRun('cmake', ['--build', buildDir, '-j2']);

// libFuzzer writes what it finds to its first corpus directory: a scratch one,
// so the committed corpus only changes by hand.
let scratch;
if (short) {
  scratch = mkdtempSync(join(buildDir, 'corpus-short-'));
} else {
  scratch = join(buildDir, 'corpus');
  mkdirSync(scratch, { recursive: true });
}
const limits = short ? ['-runs=200000', '-seed=1'] : [];
if (!short && !passed.some((a) => /^-(max_total_time|runs)=/.test(a))) limits.push('-max_total_time=600');
const fuzzArgs = [...limits, '-print_final_stats=1', '-timeout=10', `-artifact_prefix=${buildDir}/`,
  ...passed, scratch, corpus];

const env = {
  ...process.env,
  ASAN_OPTIONS: ['detect_leaks=1', process.env.ASAN_OPTIONS].filter(Boolean).join(':'),
  UBSAN_OPTIONS: ['halt_on_error=1:print_stacktrace=1', process.env.UBSAN_OPTIONS].filter(Boolean).join(':'),
};
console.log(`\n== fuzz: build-fuzz/fuzz-core ${fuzzArgs.map((a) => a.replace(`${root}/`, '')).join(' ')}`);
const status = run(join(buildDir, 'fuzz-core'), fuzzArgs, env);
if (short) rmSync(scratch, { recursive: true, force: true });
if (status !== 0) {
  console.error(`fuzz: the target failed (exit ${status}); the input that broke it is in build-fuzz/ ` +
    '(crash-*, leak-*, timeout-*). Replay it with build-fuzz/fuzz-core <file>, and FUZZ_TRACE=1 to see its steps.');
  process.exit(status ?? 1);
}
if (short) process.exit(0);

// Then the model-based tests of the JS API (test/js/model.test.js), with more
// runs than npm test gives them: WF_MODEL_RUNS (default 20000 here),
// WF_MODEL_SEED, WF_MODEL_SCALE as that file reads them.
const modelEnv = { ...process.env, WF_MODEL_RUNS: process.env.WF_MODEL_RUNS ?? '20000' };
console.log(`\n== model tests: WF_MODEL_RUNS=${modelEnv.WF_MODEL_RUNS} jest test/js/model.test.js`);
const modelStatus = run(process.execPath, ['--experimental-vm-modules', join(root, 'node_modules', 'jest', 'bin', 'jest.js'),
  '--testTimeout=3600000', 'test/js/model.test.js'], modelEnv);
process.exit(modelStatus ?? 1);
