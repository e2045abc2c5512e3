import { createRequire } from 'node:module';
import { Future, CancelledError, wrapPromise, ensureFuture, isFuture, getLoop } from '../../js/node.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('wrapPromise', () => {
  test('settles with a resolved promise', async () => {
    const f = wrapPromise(Promise.resolve(7));
    expect(f).toBeInstanceOf(Future);
    expect(await f).toBe(7);
  });

  test('keeps a rejection reason as it is', async () => {
    const reason = { not: 'an error' };
    const f = wrapPromise(Promise.reject(reason));
    await expect(f).rejects.toBe(reason);
    expect(f.exception()).toBe(reason);
    const g = wrapPromise(Promise.reject(TypeError));
    await expect(g).rejects.toBe(TypeError);
  });

  test('works with any thenable', async () => {
    const f = wrapPromise({ then(resolve) { resolve('thenable'); } });
    expect(await f).toBe('thenable');
  });

  test('calls a function with a signal that aborts when the future is cancelled', async () => {
    let signal;
    const f = wrapPromise((s) => {
      signal = s;
      return new Promise(() => {});
    });
    expect(signal.aborted).toBe(false);
    f.cancel('no longer needed');
    await tick();
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(CancelledError);
    expect(signal.reason.message).toBe('no longer needed');
  });

  test('a function that throws rejects the future', async () => {
    const error = new Error('sync throw');
    const f = wrapPromise(() => { throw error; });
    await expect(f).rejects.toBe(error);
  });

  test('a function returning a plain value resolves with it', async () => {
    expect(await wrapPromise(() => 'plain')).toBe('plain');
  });

  test('a settled promise after cancel changes nothing', async () => {
    let resolve;
    const f = wrapPromise(new Promise((r) => { resolve = r; }));
    f.cancel();
    resolve('late');
    await tick();
    expect(f.cancelled()).toBe(true);
  });

  test('rejects non-thenables', () => {
    expect(() => wrapPromise(5)).toThrow(TypeError);
    expect(() => wrapPromise(5)).toThrow(/thenable/);
    expect(() => wrapPromise(null)).toThrow(TypeError);
    expect(() => wrapPromise({ then: 1 })).toThrow(TypeError);
    expect(() => wrapPromise(Promise.resolve(), 3)).toThrow(/options/);
  });
});

describe('signal option', () => {
  test('an abort cancels the future with the reason message', async () => {
    const controller = new AbortController();
    const f = wrapPromise(new Promise(() => {}), { signal: controller.signal });
    controller.abort(new Error('user left'));
    expect(f.cancelled()).toBe(true);
    expect(() => f.result()).toThrow('user left');
  });

  test('an already aborted signal cancels at once', () => {
    const f = new Future({ signal: AbortSignal.abort('gone') });
    expect(f.cancelled()).toBe(true);
    expect(() => f.result()).toThrow('gone');
  });

  test('a signal on new Future cancels it', () => {
    const controller = new AbortController();
    const f = new Future({ signal: controller.signal });
    controller.abort();
    expect(f.cancelled()).toBe(true);
  });

  test('a signal that aborts after the future is done changes nothing', async () => {
    const controller = new AbortController();
    const f = new Future({ signal: controller.signal });
    f.setResult(1);
    await tick();
    controller.abort();
    expect(f.result()).toBe(1);
  });

  test('a signal that is not an AbortSignal is a TypeError', () => {
    expect(() => wrapPromise(Promise.resolve(), { signal: {} })).toThrow(/AbortSignal/);
  });
});

describe('ensureFuture and isFuture', () => {
  test('ensureFuture returns a Future as it is and wraps a thenable', async () => {
    const f = new Future();
    expect(ensureFuture(f)).toBe(f);
    const g = ensureFuture(Promise.resolve(3));
    expect(isFuture(g)).toBe(true);
    expect(await g).toBe(3);
  });

  test('ensureFuture rejects anything else', () => {
    expect(() => ensureFuture(3)).toThrow(TypeError);
    expect(() => ensureFuture(undefined)).toThrow(TypeError);
    expect(() => ensureFuture({})).toThrow(TypeError);
  });

  test('isFuture is false for promises and plain objects', () => {
    expect(isFuture(Promise.resolve())).toBe(false);
    expect(isFuture({ then() {} })).toBe(false);
    expect(isFuture(null)).toBe(false);
    expect(isFuture(42)).toBe(false);
  });

  test('isFuture recognises a future made by another copy of the module', async () => {
    const other = createRequire(import.meta.url)('../../js/node.cjs');
    const foreign = new other.Future();
    expect(foreign).not.toBeInstanceOf(Future);
    expect(isFuture(foreign)).toBe(true);
    expect(other.isFuture(new Future())).toBe(true);
    const wrapped = ensureFuture(foreign);
    foreign.setResult('across copies');
    expect(await wrapped).toBe('across copies');
    expect(getLoop()).not.toBe(other.getLoop());
  });
});
