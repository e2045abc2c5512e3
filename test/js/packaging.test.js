// The packed tarball as the packaging linters and TypeScript see it: publint,
// arethetypeswrong (which resolves every entry as each kind of TypeScript
// project does), and a CommonJS TypeScript file, which catches what
// arethetypeswrong does not: CommonJS types that TypeScript itself rejects.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { installPackage, root } from './helpers/installed.js';

const SLOW = 300000;

let pkg;

beforeAll(() => {
  pkg = installPackage();
}, SLOW);

afterAll(() => {
  pkg?.remove();
});

test('publint reports nothing on the packed tarball', async () => {
  const tarball = readFileSync(pkg.tarball);
  // Suggestions included: publint's default level.
  const { messages, pkg: manifest } = await publint({
    pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
  });
  expect(messages.map((m) => `${m.type} ${m.code}: ${formatMessage(m, manifest, { color: false })}`)).toEqual([]);
});

// TypeScript's ModuleKind values, as the problems that compare the format of
// the types with the code's give them.
const FORMAT = { 1: 'CommonJS', 99: 'ESM' };

/**
 * An attw problem as a line: its kind (attw's name for it: FalseESM is
 * "Masquerading as ESM") and the fields that say where; the resolution trace is noise.
 */
function describeProblem({ kind, trace, typesModuleKind, implementationModuleKind, ...where }) {
  const formats = typesModuleKind
    ? ` (types ${FORMAT[typesModuleKind.detectedKind]}, code ${FORMAT[implementationModuleKind?.detectedKind]})` : '';
  return `${kind} ${JSON.stringify(where).replaceAll('/node_modules/wasm-future/', '')}${formats}`;
}

test('arethetypeswrong reports no problem for any entry under node10, node16 (CJS and ESM) and bundler', () => {
  // It exits with 1 when it finds a problem: the report says which.
  const { stdout, stderr } = spawnSync(join(root, 'node_modules', '.bin', 'attw'),
    [pkg.tarball, '--format', 'json', '--profile', 'strict'], { cwd: pkg.project, encoding: 'utf8', timeout: SLOW });
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    throw new Error(`attw printed no JSON report: ${stderr || stdout}`);
  }
  // A package attw finds no types in has no entries and no problems: the
  // entries it checked, and how, are part of the result.
  const MODES = ['node10', 'node16-cjs', 'node16-esm', 'bundler'];
  const checked = Object.fromEntries(Object.entries(report.analysis.entrypoints ?? {})
    .map(([entry, { resolutions }]) => [entry, Object.keys(resolutions)]));
  expect(checked).toEqual({ '.': MODES, './attach': MODES, './threads': MODES, './package.json': MODES });
  expect(Object.values(report.problems).flat().map(describeProblem)).toEqual([]);
}, SLOW);

test('TypeScript under node16 checks a CommonJS file that requires each entry', () => {
  // node16, not nodenext: under nodenext TypeScript lets CommonJS import an
  // ES module (as Node 22 can require one), so ES module types behind
  // `require` pass there.
  writeFileSync(join(pkg.project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      strict: true, noEmit: true, target: 'es2022', module: 'node16', moduleResolution: 'node16',
      lib: ['es2022', 'dom'], types: [], skipLibCheck: false,
    },
    files: ['require.cts'],
  }));
  writeFileSync(join(pkg.project, 'require.cts'), `
    import { Future, getLoop, type Loop } from 'wasm-future';
    import { attach, ABI_VERSION } from 'wasm-future/attach';
    import { createThreadPool, type PoolFuture } from 'wasm-future/threads';

    const f = new Future<number>();
    // @ts-expect-error a Future<number> holds numbers: the types are not any
    f.setResult('text');
    const loop: Loop = getLoop();
    const version: number = ABI_VERSION;
    const bound: Future<string> = new (attach({})).Future<string>();
    const pool = async (): Promise<PoolFuture<undefined>> => (await createThreadPool()).submit('noop');
    console.log(loop, version, bound, pool);
  `);
  const { status, stdout, stderr } = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p', 'tsconfig.json'], { cwd: pkg.project, encoding: 'utf8', timeout: 120000 });
  expect(stdout + stderr).toBe('');
  expect(status).toBe(0);
});
