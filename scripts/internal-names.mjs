// The property names that only the browser bundle's own code reads and
// writes, which scripts/build.mjs has terser rename (mangle.properties): long
// names of C's entry points, of the module runtime's keys and of the
// interfaces attach-core.js puts together (futureRemoveCallback,
// writeCString, exposedInputPointerOf, ...). Hack: terser renames every
// property of such a name wherever it appears in the bundle, so a name
// qualifies only if no code outside the bundle reads or writes a property of
// that name. Invariants, which internalNames() checks against the sources:
// - none is a name of the public API (the types, js/*.d.ts and js/*.d.cts);
// - none is a key another copy of the package reads of the module before it
//   refuses it (CONTRACT): native.module hands the module out, and
//   wasm-future/attach of another copy must say that this one attached it;
// - none is read by a computed name: the bundle has no string of it.
// Names of JS built-ins and the DOM terser keeps by itself. A name missing
// here is only longer; a name wrongly here breaks the browser entry
// (test/js/browser-bundle.test.js compares its API with Node's).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

// What attach (js/binding/attach-core.js: runtimeOf, attachCore) reads of a
// module before it refuses one that another copy attached.
const CONTRACT = ['wasmFuture', 'abi', 'ready', 'bind', 'constants', 'WF_ABI_VERSION', 'at', 'owner'];

// The concepts' interfaces (js/future/, js/loop/, js/combinators/,
// js/binding/), the state objects of a few of them, and the runtime's
// functions that only the module's own C imports call (c/src/binding/library.js).
// Not here, though only the bundle reads them: what the engine reads or makes
// (an iterator's return, encodeInto's written, instantiate's instance) and the
// async iterator's whenFinished, which its user sees.
const INTERFACES = [
  'ADOPT', 'addCallback', 'addContinuation', 'adopted', 'begin', 'cancelMessageAt', 'cancelOnAbort', 'completedBy',
  'continueAt', 'expose', 'exposedInputPointerOf', 'exposedPointerOf', 'fulfilledAt', 'futures', 'groupFor', 'groupOf',
  'inputPointerOf', 'isLoop', 'isOwn', 'leaveGroup', 'loopOf', 'loops', 'make', 'markOpaque', 'messageAt', 'pin',
  'pointerOf', 'ptrOf', 'rejectRaw', 'resolveWith', 'rt', 'setGroup', 'setWeak', 'takeWeak', 'throwCode', 'weakOf',
  'whenDone', 'wrapperOf',
  'held', 'keep', 'onAbort', 'ptrs', 'drain', 'fire', 'timer',
  'arm', 'invoke', 'schedule',
];

/** Identifiers of `text` outside its comments. */
const identifiers = (text) => new Set(text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').match(/[A-Za-z_$][\w$]*/g));

/**
 * The names to mangle in `bundle` (esbuild's output): INTERFACES, which must
 * keep the invariants above, and, of C's entries (`entries`, the browser
 * table's names) and the runtime's quoted keys (js/runtime/), those that keep
 * them too.
 */
export function internalNames(bundle, entries) {
  const types = readdirSync(join(root, 'js')).filter((f) => /\.d\.c?ts$/.test(f));
  const publicNames = new Set(types.flatMap((f) => [...identifiers(readFileSync(join(root, 'js', f), 'utf8'))]));
  const runtime = join(root, 'js', 'runtime');
  const keys = readdirSync(runtime).filter((f) => f.endsWith('.js'))
    .flatMap((f) => [...readFileSync(join(runtime, f), 'utf8').matchAll(/'([A-Za-z_$][\w$]*)'/g)].map((m) => m[1]));
  const computed = (name) => new RegExp(`(["'\`])${name.replace(/\$/g, '\\$')}\\1`).test(bundle);
  const why = (name) => (publicNames.has(name) ? 'a name of the public API'
    : CONTRACT.includes(name) ? 'a key another copy reads' : computed(name) ? 'a string of the bundle' : null);
  const wrong = INTERFACES.map((name) => [name, why(name)]).filter(([, reason]) => reason !== null);
  if (wrong.length > 0)
    throw new Error(`internal-names: not internal: ${wrong.map(([name, reason]) => `${name} (${reason})`).join(', ')}`);
  return [...new Set([...INTERFACES, ...[...entries, ...keys].filter((name) => why(name) === null)])];
}
