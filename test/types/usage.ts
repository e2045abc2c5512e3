// Compiled with tsc --noEmit: the public types as a user writes against them.
import {
  Future, CancelledError, InvalidStateError, TimeoutError, getLoop, isFuture, ensureFuture,
  wrapPromise, native, FIRST_COMPLETED, type Loop, type TimerHandle,
  gather, wait, asCompleted, waitFor, shield, sleep,
} from 'wasm-future';

async function main(): Promise<void> {
  const f = new Future<number>();
  setTimeout(() => f.setResult(42));
  const n: number = await f;
  const doubled: Promise<string> = f.then((v) => String(v * 2));
  const state: 'PENDING' | 'CANCELLED' | 'FINISHED' = f.state;
  f.addDoneCallback((done) => console.log(done.result() + 1));
  const removed: number = f.removeDoneCallback(() => {});
  const cancelled: boolean = new Future({ signal: AbortSignal.timeout(10) }).cancel('why');

  const loop: Loop = getLoop();
  const timer: TimerHandle = loop.callLater(10, (a: string, b: number) => console.log(a, b), 'x', 1);
  const due: number = timer.when();
  loop.callSoon(() => {}).cancel();
  loop.setExceptionHandler((l, context) => console.log(context.message, context.exception));
  loop.setBudget({ count: 100, ms: 4 });

  const fromPromise: Future<Response> = wrapPromise((signal) => fetch('/x', { signal }));
  const ensured: Future<number> = ensureFuture(Promise.resolve(1));
  const out = native.adopt<bigint>(native.call('wf_example_transform', ensured));
  const p: Promise<number> = f.toPromise();
  if (isFuture(out)) console.log(out.done());
  console.log(n, doubled, state, removed, cancelled, due, fromPromise, p, FIRST_COMPLETED);
  console.log(new CancelledError('c'), new InvalidStateError('i'), new TimeoutError('t'));

  const all: number[] = await gather([sleep(1, 1), Promise.resolve(2)], { returnExceptions: true });
  const { done, pending } = await wait([sleep(5, 'a')], { timeout: 10, returnWhen: FIRST_COMPLETED });
  for (const f of done) console.log(f.result().toUpperCase(), pending.size);
  const completions = asCompleted([sleep(1, 1)], { timeout: 100 });
  const first = await completions.next();
  if (!first.done) console.log(first.value.result() + 1);
  const late: string = await waitFor(sleep(5, 'x'), null, { signal: new AbortController().signal });
  const kept: number = await shield(sleep(1, 3));
  console.log(all, late, kept);
}

import { createThreadPool, type PoolFuture } from 'wasm-future/threads';

async function pool(): Promise<void> {
  const workers = await createThreadPool({ workers: 2 });
  const tile: PoolFuture<Uint8Array> = workers.submit<Uint8Array>('mandelbrot', -2, -1, 1, 1, 8, 8, 50);
  console.log((await tile).length, tile.running(), workers.threaded, workers.tasks());
  await workers.shutdown({ cancelFutures: true });
  // @ts-expect-error task arguments are numbers, strings or bytes
  workers.submit('noop', { not: 'allowed' });
}

void main();
void pool();

// Misuse the types must reject:
// @ts-expect-error addDoneCallback takes a function
new Future().addDoneCallback(42);
// @ts-expect-error callLater takes a number of milliseconds first
getLoop().callLater('x', () => {});
// @ts-expect-error a Future<number> holds numbers
new Future<number>().setResult('text');
// @ts-expect-error returnWhen is one of the three constants
wait([sleep(1)], { returnWhen: 'SOMETIMES' });

// wasm-future/attach: the same API, bound to a user's module.
import { attach, ABI_VERSION } from 'wasm-future/attach';
declare const userModule: object;
const bound = attach(userModule);
const boundFuture: Future<number> = new bound.Future<number>();
boundFuture.setResult(ABI_VERSION);
bound.gather([boundFuture]).then((values: number[]) => values.length);
// @ts-expect-error attach takes the module object
attach(42);
