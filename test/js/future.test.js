import { inspect } from 'node:util';
import { jest } from '@jest/globals';
import { Future, CancelledError, InvalidStateError, getLoop } from '../../js/node.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('state', () => {
  test('a new future is pending', () => {
    const f = new Future();
    expect(f.state).toBe('PENDING');
    expect(f.done()).toBe(false);
    expect(f.cancelled()).toBe(false);
    expect(f.getLoop()).toBe(getLoop());
  });

  test('result and exception of a pending future are InvalidStateError', () => {
    const f = new Future();
    expect(() => f.result()).toThrow(InvalidStateError);
    expect(() => f.result()).toThrow('Result is not ready.');
    expect(() => f.exception()).toThrow(InvalidStateError);
  });

  test('setResult finishes the future', () => {
    const f = new Future();
    f.setResult(42);
    expect(f.state).toBe('FINISHED');
    expect(f.done()).toBe(true);
    expect(f.result()).toBe(42);
    expect(f.exception()).toBeNull();
  });

  test('setting a done future is InvalidStateError naming the state', () => {
    const f = new Future();
    f.setResult(1);
    expect(() => f.setResult(2)).toThrow(InvalidStateError);
    expect(() => f.setResult(2)).toThrow('FINISHED');
    expect(() => f.setException(new Error('x'))).toThrow(InvalidStateError);
    const c = new Future();
    c.cancel();
    expect(() => c.setResult(1)).toThrow('CANCELLED');
    expect(f.result()).toBe(1);
  });

  test('setException makes result throw it and exception return it', () => {
    const f = new Future();
    const error = new RangeError('boom');
    f.setException(error);
    expect(f.state).toBe('FINISHED');
    expect(() => f.result()).toThrow(error);
    expect(f.exception()).toBe(error);
  });

  test('setException with an Error class stores an instance', () => {
    const f = new Future();
    f.setException(TypeError);
    expect(f.exception()).toBeInstanceOf(TypeError);
  });

  test('setException stores null and undefined as they are', () => {
    const f = new Future();
    f.setException(undefined);
    let thrown = 'nothing';
    try { f.result(); } catch (e) { thrown = e; }
    expect(thrown).toBeUndefined();
    const g = new Future();
    g.setException(null);
    expect(() => g.result()).toThrow();
    expect(g.exception()).toBeNull();
  });

  test('cancel with a message', () => {
    const f = new Future();
    expect(f.cancel('stop it')).toBe(true);
    expect(f.state).toBe('CANCELLED');
    expect(f.cancelled()).toBe(true);
    expect(f.done()).toBe(true);
    expect(() => f.result()).toThrow(CancelledError);
    expect(() => f.result()).toThrow('stop it');
    expect(() => f.exception()).toThrow(CancelledError);
    expect(f.cancel('again')).toBe(false);
  });

  test('cancel on a done future returns false and changes nothing', () => {
    const f = new Future();
    f.setResult('kept');
    expect(f.cancel()).toBe(false);
    expect(f.result()).toBe('kept');
  });

  test('a cancel message that is not a string is converted', () => {
    const f = new Future();
    f.cancel(12);
    expect(() => f.result()).toThrow('12');
  });
});

describe('values', () => {
  const roundTrip = (value) => {
    const f = new Future();
    f.setResult(value);
    return f.result();
  };

  test('numbers, booleans and undefined', () => {
    expect(roundTrip(3.5)).toBe(3.5);
    expect(roundTrip(-0)).toBe(-0);
    expect(roundTrip(NaN)).toBeNaN();
    expect(roundTrip(true)).toBe(true);
    expect(roundTrip(false)).toBe(false);
    expect(roundTrip(undefined)).toBeUndefined();
  });

  test('BigInts come back as the same BigInts, within 64 bits and beyond', () => {
    expect(roundTrip(5n)).toBe(5n);
    expect(roundTrip(2n ** 60n)).toBe(2n ** 60n);
    expect(roundTrip(-(2n ** 63n))).toBe(-(2n ** 63n));
    expect(roundTrip(2n ** 70n)).toBe(2n ** 70n);
  });

  test('strings, empty and non-ASCII, long and short', () => {
    expect(roundTrip('')).toBe('');
    expect(roundTrip('héllo wörld ☃ 𝄞')).toBe('héllo wörld ☃ 𝄞');
    const long = 'x'.repeat(100000) + 'é';
    expect(roundTrip(long)).toBe(long);
  });

  test('bytes are copied into a new Uint8Array', () => {
    const bytes = new Uint8Array([1, 2, 255]);
    const back = roundTrip(bytes);
    expect(back).toBeInstanceOf(Uint8Array);
    expect(Array.from(back)).toEqual([1, 2, 255]);
    bytes[0] = 9;
    expect(back[0]).toBe(1);
  });

  test('objects, null and thenables are kept as they are', () => {
    const object = { a: 1 };
    expect(roundTrip(object)).toBe(object);
    expect(roundTrip(null)).toBeNull();
    const thenable = { then() {} };
    expect(roundTrip(thenable)).toBe(thenable);
    const symbol = Symbol('s');
    expect(roundTrip(symbol)).toBe(symbol);
  });
});

describe('done callbacks', () => {
  test('are called with the future, through the loop, never synchronously', async () => {
    const f = new Future();
    const seen = [];
    f.addDoneCallback((x) => seen.push(x));
    f.setResult(1);
    expect(seen).toEqual([]);
    await tick();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBe(f);
  });

  test('added to a done future, are still called asynchronously', async () => {
    const f = new Future();
    f.setResult(1);
    const fn = jest.fn();
    f.addDoneCallback(fn);
    expect(fn).not.toHaveBeenCalled();
    await tick();
    expect(fn).toHaveBeenCalledWith(f);
  });

  test('run in the order added', async () => {
    const f = new Future();
    const order = [];
    for (let i = 0; i < 10; i++) f.addDoneCallback(() => order.push(i));
    f.cancel();
    await tick();
    expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('one that throws is reported and the others still run', async () => {
    const f = new Future();
    const reported = [];
    getLoop().setExceptionHandler((loop, context) => reported.push(context));
    try {
      const after = jest.fn();
      f.addDoneCallback(function failing() { throw new Error('callback broke'); });
      f.addDoneCallback(after);
      f.setResult(1);
      await tick();
      expect(after).toHaveBeenCalled();
      expect(reported).toHaveLength(1);
      expect(reported[0].exception.message).toBe('callback broke');
      expect(reported[0].future).toBe(f);
      expect(reported[0].message).toContain('failing');
    } finally {
      getLoop().setExceptionHandler(null);
    }
  });

  test('removeDoneCallback removes every copy and returns the count', async () => {
    const f = new Future();
    const fn = jest.fn();
    const other = jest.fn();
    f.addDoneCallback(fn);
    f.addDoneCallback(other);
    f.addDoneCallback(fn);
    expect(f.removeDoneCallback(fn)).toBe(2);
    expect(f.removeDoneCallback(fn)).toBe(0);
    f.setResult(1);
    await tick();
    expect(fn).not.toHaveBeenCalled();
    expect(other).toHaveBeenCalledTimes(1);
  });

  test('removing a callback from between others keeps the rest, then-callbacks too, in the order added', async () => {
    const f = new Future();
    const order = [];
    const removed = () => order.push('removed');
    f.addDoneCallback(() => order.push('first'));
    f.addDoneCallback(removed);
    f.then(() => order.push('then'));
    f.addDoneCallback(removed);
    f.addDoneCallback(() => order.push('last'));
    expect(f.removeDoneCallback(removed)).toBe(2);
    f.setResult(1);
    await tick();
    expect(order).toEqual(['first', 'then', 'last']);
  });

  test('thousands of awaiters and done-callbacks of a future made in JS all run, in the order added', async () => {
    const f = new Future();
    const order = [];
    const skipped = () => order.push('removed');
    const awaiting = [];
    for (let i = 0; i < 3000; i++) {
      if (i % 3 === 0) awaiting.push(f.then((value) => order.push(`then ${i} ${value}`)));
      else f.addDoneCallback(i % 3 === 1 ? () => order.push(`done ${i}`) : skipped);
    }
    expect(f.removeDoneCallback(skipped)).toBe(1000);
    f.setResult('v');
    await Promise.all(awaiting);
    await tick();
    const expected = [];
    for (let i = 0; i < 3000; i++) {
      if (i % 3 === 0) expected.push(`then ${i} v`);
      else if (i % 3 === 1) expected.push(`done ${i}`);
    }
    expect(order).toEqual(expected);
  });

  test('a callback may remove and add callbacks on its own future', async () => {
    const f = new Future();
    const order = [];
    const late = () => order.push('late');
    f.addDoneCallback(() => {
      order.push('first');
      expect(f.removeDoneCallback(late)).toBe(0);
      f.addDoneCallback(() => order.push('added'));
    });
    f.addDoneCallback(late);
    f.setResult(1);
    await tick();
    expect(order).toEqual(['first', 'late', 'added']);
  });
});

describe('repr', () => {
  test('toString in the style of Python', () => {
    const f = new Future();
    expect(String(f)).toBe('<Future pending>');
    f.setResult(42);
    expect(String(f)).toBe('<Future finished result=42>');
    const s = new Future();
    s.setResult('hi');
    expect(String(s)).toBe("<Future finished result='hi'>");
    const e = new Future();
    e.setException(new Error('boom'));
    expect(String(e)).toBe("<Future finished exception=Error('boom')>");
    e.exception();
    const c = new Future();
    c.cancel();
    expect(String(c)).toBe('<Future cancelled>');
  });

  test('util.inspect shows the same', () => {
    const f = new Future();
    f.setResult(42);
    expect(inspect(f)).toBe('<Future finished result=42>');
    expect(inspect({ f })).toContain('<Future finished result=42>');
  });
});

describe('bad input', () => {
  test('new Future with options that are not an object, or a bad loop', () => {
    expect(() => new Future(3)).toThrow(TypeError);
    expect(() => new Future(null)).toThrow(TypeError);
    expect(() => new Future({ loop: 3 })).toThrow(/loop/);
    expect(() => new Future({ signal: 'no' })).toThrow(/signal/);
  });

  test('addDoneCallback and removeDoneCallback need a function', () => {
    const f = new Future();
    expect(() => f.addDoneCallback(42)).toThrow(TypeError);
    expect(() => f.addDoneCallback(42)).toThrow(/fn must be a function/);
    expect(() => f.addDoneCallback()).toThrow(TypeError);
    expect(() => f.removeDoneCallback('x')).toThrow(TypeError);
  });

  test('a failed set keeps the earlier result and holds nothing', () => {
    const f = new Future();
    f.setResult('first');
    expect(() => f.setResult({ big: 'object' })).toThrow(InvalidStateError);
    expect(() => f.setException(new Error('late'))).toThrow(InvalidStateError);
    expect(f.result()).toBe('first');
  });
});
