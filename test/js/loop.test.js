import { execFileSync } from 'node:child_process';
import { jest } from '@jest/globals';
import { getLoop, Future } from '../../js/node.js';

const loop = getLoop();
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('callSoon', () => {
  test('runs callbacks in FIFO order with their arguments', async () => {
    const seen = [];
    for (let i = 0; i < 5; i++) loop.callSoon((a, b) => seen.push([a, b]), i, 'x');
    expect(seen).toEqual([]);
    await tick();
    expect(seen).toEqual([0, 1, 2, 3, 4].map((i) => [i, 'x']));
  });

  test('one microtask serves every callback queued before it runs', async () => {
    const order = [];
    loop.callSoon(() => order.push('a'));
    queueMicrotask(() => order.push('microtask'));
    loop.callSoon(() => order.push('b'));
    await tick();
    expect(order).toEqual(['a', 'b', 'microtask']);
  });

  test('callbacks queued together see the same drainCount', async () => {
    const seen = [];
    loop.callSoon(() => seen.push(loop.drainCount()));
    loop.callSoon(() => {
      seen.push(loop.drainCount());
      loop.callSoon(() => seen.push(loop.drainCount()));
    });
    await tick();
    expect(seen[0]).toBe(seen[1]);
    expect(seen[2]).toBe(seen[1] + 1);
  });

  test('a cancelled handle never runs', async () => {
    const fn = jest.fn();
    const handle = loop.callSoon(fn);
    expect(handle.cancelled()).toBe(false);
    handle.cancel();
    handle.cancel();
    expect(handle.cancelled()).toBe(true);
    await tick();
    expect(fn).not.toHaveBeenCalled();
  });

  test('cancelling a handle after it ran changes nothing but cancelled()', async () => {
    const fn = jest.fn();
    const handle = loop.callSoon(fn);
    await tick();
    expect(fn).toHaveBeenCalledTimes(1);
    handle.cancel();
    expect(handle.cancelled()).toBe(true);
    const timer = loop.callLater(0, fn);
    await new Promise((resolve) => setTimeout(resolve, 5));
    timer.cancel();
    expect(fn).toHaveBeenCalledTimes(2);
  });

  test('a callback that throws goes to the exception handler and the loop goes on', async () => {
    const contexts = [];
    loop.setExceptionHandler((l, context) => contexts.push([l, context]));
    try {
      const after = jest.fn();
      loop.callSoon(() => { throw new Error('soon broke'); });
      loop.callSoon(after);
      await tick();
      expect(after).toHaveBeenCalled();
      expect(contexts[0][0]).toBe(loop);
      expect(contexts[0][1].exception.message).toBe('soon broke');
    } finally {
      loop.setExceptionHandler(null);
    }
  });

  test('a self-rescheduling chain lets a timer fire', async () => {
    let left = 200000;
    let fired = false;
    let leftWhenFired = -1;
    const done = new Future();
    setTimeout(() => { fired = true; leftWhenFired = left; }, 0);
    const step = () => {
      if (--left > 0) loop.callSoon(step);
      else done.setResult(null);
    };
    loop.callSoon(step);
    await done;
    expect(fired).toBe(true);
    expect(leftWhenFired).toBeGreaterThan(0);
  });
});

describe('timers', () => {
  test('callLater runs after the delay, in due order', async () => {
    const order = [];
    const start = loop.time();
    const done = new Future();
    loop.callLater(30, () => { order.push(30); done.setResult(loop.time() - start); });
    loop.callLater(10, () => order.push(10));
    loop.callLater(10, () => order.push('10b'));
    const elapsed = await done;
    expect(order).toEqual([10, '10b', 30]);
    expect(elapsed).toBeGreaterThanOrEqual(29);
  });

  test('callAt uses loop time and when() reports it', async () => {
    const when = loop.time() + 5;
    const done = new Future();
    const handle = loop.callAt(when, (v) => done.setResult(v), 'at');
    expect(handle.when()).toBe(when);
    expect(await done).toBe('at');
  });

  test('a negative delay is due at once', async () => {
    const done = new Future();
    loop.callLater(-100, () => done.setResult(true));
    expect(await done).toBe(true);
  });

  test('a negative delay is a due time in the past, not a delay of 0', () => {
    const before = loop.time();
    const handle = loop.callLater(-100, () => {});
    expect(handle.when()).toBeLessThan(before - 99);
    handle.cancel();
  });

  test('past timers run in order of due time, not of scheduling', async () => {
    const order = [];
    const done = new Future();
    loop.callLater(0, () => { order.push(0); done.setResult(); });
    loop.callLater(-5, () => order.push(-5));
    loop.callAt(-Infinity, () => order.push(-Infinity));
    loop.callLater(-5, () => order.push('-5b'));
    await done;
    expect(order).toEqual([-Infinity, -5, '-5b', 0]);
  });

  test('callAt a negative time fires, and so do the timers behind it', async () => {
    const order = [];
    const done = new Future();
    loop.callAt(-5, () => order.push('past'));
    loop.callLater(5, () => { order.push('later'); done.setResult(); });
    await done;
    expect(order).toEqual(['past', 'later']);
  });

  test('callLater(Infinity) never fires and lets Node exit', () => {
    const node = new URL('../../js/node.js', import.meta.url).href;
    const script = `import { getLoop } from ${JSON.stringify(node)};
      const handle = getLoop().callLater(Infinity, () => console.log('fired'));
      console.log(handle.when());`;
    // A host timer left armed would keep the child alive until the kill at 10 s.
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 10000 });
    expect(out.trim()).toBe('Infinity');
  });

  test('a cancelled timer never fires', async () => {
    const fn = jest.fn();
    const handle = loop.callLater(5, fn);
    handle.cancel();
    expect(handle.cancelled()).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fn).not.toHaveBeenCalled();
  });

  test('time() follows performance.now()', () => {
    const a = performance.now();
    const t = loop.time();
    expect(t).toBeGreaterThanOrEqual(a);
    expect(t).toBeLessThan(performance.now() + 1);
  });
});

describe('budget', () => {
  test('is readable and settable', () => {
    const before = loop.getBudget();
    expect(before).toEqual({ count: 10000, ms: 8 });
    loop.setBudget({ count: 50, ms: 2 });
    expect(loop.getBudget()).toEqual({ count: 50, ms: 2 });
    loop.setBudget(before);
  });

  test('rejects bad values', () => {
    expect(() => loop.setBudget({ count: 0, ms: 1 })).toThrow(TypeError);
    expect(() => loop.setBudget({ count: 1.5, ms: 1 })).toThrow(TypeError);
    expect(() => loop.setBudget({ count: 5, ms: NaN })).toThrow(TypeError);
    expect(() => loop.setBudget({ count: 5, ms: -1 })).toThrow(TypeError);
    expect(loop.getBudget().count).toBe(10000);
  });
});

describe('exception handler', () => {
  test('get, set, reset', () => {
    const handler = () => {};
    expect(loop.getExceptionHandler()).toBeNull();
    loop.setExceptionHandler(handler);
    expect(loop.getExceptionHandler()).toBe(handler);
    loop.setExceptionHandler(null);
    expect(loop.getExceptionHandler()).toBeNull();
  });

  test('the default handler logs with console.error', () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      loop.callExceptionHandler({ message: 'something happened', exception: new Error('e') });
      expect(spy).toHaveBeenCalled();
      expect(spy.mock.calls[0][0]).toBe('something happened');
    } finally {
      spy.mockRestore();
    }
  });

  test('a handler that throws falls back to the default', () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
    loop.setExceptionHandler(() => { throw new Error('handler broke'); });
    try {
      loop.callExceptionHandler({ message: 'first' });
      expect(spy.mock.calls[0][0]).toBe('Unhandled error in exception handler');
    } finally {
      loop.setExceptionHandler(null);
      spy.mockRestore();
    }
  });
});

describe('createFuture', () => {
  test('makes a pending future on this loop', () => {
    const f = loop.createFuture();
    expect(f).toBeInstanceOf(Future);
    expect(f.getLoop()).toBe(loop);
    expect(f.state).toBe('PENDING');
  });
});

describe('bad input', () => {
  test('callSoon, callLater and callAt need a function and a number', () => {
    expect(() => loop.callSoon(42)).toThrow(TypeError);
    expect(() => loop.callLater('x', () => {})).toThrow(/delay/);
    expect(() => loop.callLater(NaN, () => {})).toThrow(TypeError);
    expect(() => loop.callLater(5)).toThrow(/callback/);
    expect(() => loop.callAt(undefined, () => {})).toThrow(/when/);
    expect(() => loop.callAt(5, null)).toThrow(TypeError);
  });

  test('the exception handler API checks its arguments', () => {
    expect(() => loop.setExceptionHandler(5)).toThrow(TypeError);
    expect(() => loop.callExceptionHandler(null)).toThrow(TypeError);
    expect(() => loop.callExceptionHandler({})).toThrow(/message/);
    expect(() => loop.defaultExceptionHandler('x')).toThrow(TypeError);
  });

  test('Loop cannot be constructed by hand', () => {
    expect(() => new loop.constructor(123)).toThrow(TypeError);
  });
});
