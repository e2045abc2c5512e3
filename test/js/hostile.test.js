// What a hostile or careless user does to the public API cannot kill the
// loop, corrupt a value or leak: issue "Reliability", one behaviour per test.
import { jest } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import util from 'node:util';
import { fileURLToPath } from 'node:url';
import {
  Future, CancelledError, getLoop, gather, wait, waitFor, asCompleted, sleep, wrapPromise, ensureFuture, native,
} from '../../js/node.js';
import { attach } from '../../js/attach.js';
import { createThreadPool } from '../../js/threads.node.js';

const fixture = (name) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const runNode = (args) => execFileSync(process.execPath, args, { encoding: 'utf8', timeout: 60000 });

/** Runs fn with the loop's exception handler collecting reports. */
async function collectingReports(fn) {
  const reports = [];
  const loop = getLoop();
  const previous = loop.getExceptionHandler();
  loop.setExceptionHandler((_, context) => reports.push(context));
  try {
    await fn();
    await sleep(1);
  } finally {
    loop.setExceptionHandler(previous);
  }
  return reports;
}

/** The loop still runs callbacks and timers. */
async function loopStillRuns() {
  const order = [];
  getLoop().callSoon(() => order.push('soon'));
  await sleep(2);
  order.push('slept');
  return order;
}

describe('a JS exception never crosses a C frame', () => {
  test('an Error whose message is undefined prints, and reports of it reach the handler', async () => {
    const error = new Error('x');
    error.message = undefined;
    const f = new Future();
    f.setException(error);
    expect(String(f)).toBe('<Future finished exception=Error()>');
    expect(util.inspect(f)).toBe('<Future finished exception=Error()>');
    const reports = await collectingReports(() => {
      f.addDoneCallback(() => { throw error; });
    });
    expect(reports.map((r) => r.exception)).toEqual([error]);
    expect(await loopStillRuns()).toEqual(['soon', 'slept']);
    // Retrieved, so that no "never retrieved" report comes after the suite.
    expect(f.exception()).toBe(error);
  });

  test('a done-callback whose name getter throws is reported as anonymous', async () => {
    const callback = () => { throw new Error('from the callback'); };
    Object.defineProperty(callback, 'name', { get() { throw new Error('name getter'); } });
    const reports = await collectingReports(() => {
      const f = new Future();
      f.addDoneCallback(callback);
      f.setResult(1);
    });
    expect(reports).toHaveLength(1);
    expect(reports[0].message).toBe('Exception in callback anonymous');
    expect(await loopStillRuns()).toEqual(['soon', 'slept']);
  });

  test('a callSoon callback whose name getter throws is reported as anonymous', async () => {
    const callback = () => { throw new Error('soon'); };
    Object.defineProperty(callback, 'name', { get() { throw new Error('name getter'); } });
    const reports = await collectingReports(() => { getLoop().callSoon(callback); });
    expect(reports.map((r) => r.message)).toEqual(['Exception in callback anonymous']);
  });

  test('the default handler survives an exception whose util.inspect throws', async () => {
    const error = new Error('x');
    error[util.inspect.custom] = () => { throw new Error('inspect throws'); };
    const spy = jest.spyOn(console, 'error').mockImplementation((...parts) => { util.inspect(parts); });
    let calls;
    try {
      const f = new Future();
      f.addDoneCallback(() => { throw error; });
      f.setResult(1);
      await sleep(1);
    } finally {
      calls = spy.mock.calls.slice();
      spy.mockRestore();
    }
    // The first attempt threw inside util.inspect; the fallback printed text.
    expect(calls.at(-1)).toEqual([expect.stringContaining('Exception in callback')]);
    expect(await loopStillRuns()).toEqual(['soon', 'slept']);
  });

  test('an exception handler that throws falls back to the default handler and the loop goes on', async () => {
    const loop = getLoop();
    const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
    loop.setExceptionHandler(() => { throw new Error('handler throws'); });
    let calls;
    try {
      loop.callSoon(() => { throw new Error('callback throws'); });
      await sleep(1);
    } finally {
      loop.setExceptionHandler(null);
      calls = spy.mock.calls.slice();
      spy.mockRestore();
    }
    expect(calls.some((call) => call[0] === 'Unhandled error in exception handler')).toBe(true);
    expect(await loopStillRuns()).toEqual(['soon', 'slept']);
  });

  test('a timer callback that throws is reported and later timers still fire', async () => {
    const reports = await collectingReports(async () => {
      getLoop().callLater(1, () => { throw new Error('timer'); });
      await sleep(5);
    });
    expect(reports.map((r) => r.exception.message)).toEqual(['timer']);
    expect(await loopStillRuns()).toEqual(['soon', 'slept']);
  });

  test('the never-retrieved report of an unprintable exception, from the finalizer, does not crash Node', () => {
    const out = runNode(['--expose-gc', fixture('unprintable-report.mjs')]);
    expect(out.trim().split('\n').pop()).toBe('loop alive: yes');
  });
});

describe('values come back as they were set', () => {
  test('a BigInt comes back as the same BigInt from result(), await and gather', async () => {
    const f = new Future();
    f.setResult(5n);
    expect(f.result()).toBe(5n);
    expect(await f).toBe(5n);
    expect(await gather([f])).toEqual([5n]);
  });

  test('a string with a lone surrogate comes back identical', async () => {
    const text = 'a\uD800b\uDFFF';
    const f = new Future();
    f.setResult(text);
    expect(Object.is(f.result(), text)).toBe(true);
    expect(await gather([f])).toEqual([text]);
  });

  test('a cancel message with a NUL comes back whole', () => {
    const f = new Future();
    f.cancel('before\0after');
    expect(() => f.result()).toThrow(new CancelledError('before\0after'));
    expect(f.exception?.bind(f)).toThrow('before\0after');
  });

  test('a cancel message that cannot become a string is a TypeError, and the future stays pending', () => {
    const f = new Future();
    const msg = { toString() { throw new Error('no text'); } };
    expect(() => f.cancel(msg)).toThrow(TypeError);
    expect(f.done()).toBe(false);
  });
});

test('a chain of 3000 synchronous thenables resolves wrapPromise as a Promise resolves', async () => {
  let thenable = { then(resolve) { resolve('bottom'); } };
  for (let i = 0; i < 3000; i++) {
    const inner = thenable;
    thenable = { then(resolve) { resolve(inner); } };
  }
  expect(await wrapPromise(thenable)).toBe('bottom');
});

test('abandoned awaits of futures nobody completes are collected with their wasm memory', () => {
  const result = JSON.parse(runNode(['--expose-gc', fixture('abandoned.mjs'), '100000']));
  expect(result.peak - result.baseline.heap).toBeGreaterThan(1024 * 1024);
  expect(result.after.heap - result.baseline.heap).toBeLessThan(64 * 1024);
  expect(result.after.held).toBe(result.baseline.held);
});

test('a 50 MB string leaves no scratch copy in the wasm heap once it is set', async () => {
  const before = native.heapInUse();
  const f = new Future();
  f.setResult('x'.repeat(50 * 1024 * 1024));
  await sleep(1);
  const extra = native.heapInUse() - before - 50 * 1024 * 1024;
  expect(extra).toBeLessThan(128 * 1024);
  expect(f.result().length).toBe(50 * 1024 * 1024);
});

describe('AbortSignals that misbehave', () => {
  test('an aborted signal whose reason cannot become a message cancels the future without a message', () => {
    const reason = { toString() { throw new Error('no text'); } };
    const controller = new AbortController();
    controller.abort(reason);
    const f = new Future({ signal: controller.signal });
    expect(f.cancelled()).toBe(true);
  });

  test('a later abort whose reason cannot become a message still cancels the future', async () => {
    const controller = new AbortController();
    const f = new Future({ signal: controller.signal });
    controller.abort({ toString() { throw new Error('no text'); } });
    expect(f.cancelled()).toBe(true);
  });

  test('a signal whose addEventListener throws is a TypeError and leaks no future, and a sleep leaves no timer', () => {
    // Node exits by itself: no 60 s timer of a sleep nobody got stays armed.
    const result = JSON.parse(runNode(['--expose-gc', fixture('signal-leak.mjs')]));
    expect(result.typeErrors).toBe(2000);
    expect(result.grown).toBeLessThan(4096);
  });
});

describe('Proxies whose traps throw are TypeErrors', () => {
  const hostile = new Proxy({}, { get() { throw new Error('trap'); }, has() { throw new Error('trap'); } });

  test('as the options of new Future', () => {
    expect(() => new Future(hostile)).toThrow(TypeError);
  });

  test('as an AbortSignal', () => {
    expect(() => new Future({ signal: hostile })).toThrow(TypeError);
  });

  test('as a cancel message', () => {
    const f = new Future();
    expect(() => f.cancel(hostile)).toThrow(TypeError);
  });

  test('as the options of the combinators and of wrapPromise', () => {
    const f = new Future();
    expect(() => gather([f], hostile)).toThrow(TypeError);
    expect(() => wait([f], hostile)).toThrow(TypeError);
    expect(() => asCompleted([f], hostile)).toThrow(TypeError);
    expect(() => sleep(1, 'x', hostile)).toThrow(TypeError);
    expect(() => wrapPromise(Promise.resolve(1), hostile)).toThrow(TypeError);
  });

  test('as a thenable given to ensureFuture and waitFor', () => {
    expect(() => ensureFuture(hostile)).toThrow(TypeError);
    expect(() => waitFor(hostile, 10)).toThrow(TypeError);
  });

  test('as the options of createThreadPool and shutdown', async () => {
    await expect(createThreadPool(hostile)).rejects.toThrow(TypeError);
    const pool = await createThreadPool({ threads: false });
    expect(() => pool.shutdown(hostile)).toThrow(TypeError);
    await pool.shutdown();
  });

  test('as the module given to attach', () => {
    expect(() => attach(hostile)).toThrow(TypeError);
  });
});

describe('an object whose every Proxy trap throws gets a TypeError from us, never its own error', () => {
  const hostile = () => new Proxy({}, Object.fromEntries(
    ['get', 'getPrototypeOf', 'has', 'ownKeys', 'getOwnPropertyDescriptor'].map((trap) => [trap, () => {
      throw new Error(`the ${trap} trap`);
    }])));

  test('isFuture answers false and never throws', async () => {
    const { isFuture } = await import('../../js/node.js');
    expect(isFuture(hostile())).toBe(false);
  });

  test.each([
    ['new Future({ loop })', () => new Future({ loop: hostile() })],
    ['wait(futures, { returnWhen })', () => wait([new Future()], { returnWhen: hostile() })],
    ['gather(iterable)', () => gather(hostile())],
    ['wait(iterable)', () => wait(hostile())],
    ['asCompleted(iterable)', () => asCompleted(hostile())],
    ['ensureFuture(x)', () => ensureFuture(hostile())],
    ['loop.setBudget(budget)', () => getLoop().setBudget(hostile())],
    ['asCompleted(futures, { signal }) with a signal whose addEventListener throws', () => asCompleted([new Future()], {
      signal: { aborted: false, addEventListener() { throw new Error('refused'); }, removeEventListener() {} },
    })],
  ])('%s', (name, call) => {
    expect(call).toThrow(TypeError);
  });

  test('an iterable whose iterator throws is a TypeError that says so', () => {
    const iterable = { *[Symbol.iterator]() { yield new Future(); throw new Error('broken iterator'); } };
    expect(() => gather(iterable)).toThrow(new TypeError('gather: iterating the futures threw: broken iterator'));
  });
});
