import { Future, CancelledError, isFuture } from '../../js/node.js';

describe('then', () => {
  test('returns a native Promise settled with the handler result', async () => {
    const f = new Future();
    const g = f.then((v) => v * 2);
    expect(g).toBeInstanceOf(Promise);
    expect(isFuture(g)).toBe(false);
    f.setResult(21);
    expect(await g).toBe(42);
  });

  test('await on a pending and on a done future', async () => {
    const f = new Future();
    setTimeout(() => f.setResult('later'));
    expect(await f).toBe('later');
    expect(await f).toBe('later');
  });

  test('await rejects with the exception', async () => {
    const f = new Future();
    const error = new Error('nope');
    f.setException(error);
    await expect(f).rejects.toBe(error);
  });

  test('a cancelled future rejects its then with CancelledError carrying the message', async () => {
    const f = new Future();
    const g = f.then(() => 'never');
    f.cancel('called off');
    const error = await g.catch((e) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(error.message).toBe('called off');
    await expect(f).rejects.toBeInstanceOf(CancelledError);
  });

  test('a handler returning a thenable is adopted', async () => {
    const f = new Future();
    const g = f.then(() => Promise.resolve('adopted'));
    f.setResult(0);
    expect(await g).toBe('adopted');
  });

  test('a handler that throws rejects the returned future', async () => {
    const f = new Future();
    const g = f.then(() => { throw new TypeError('inside'); });
    f.setResult(0);
    await expect(g).rejects.toThrow('inside');
  });

  test('a handler returning its own future rejects with TypeError', async () => {
    const f = new Future();
    const g = f.then(() => g);
    f.setResult(0);
    await expect(g).rejects.toBeInstanceOf(TypeError);
  });

  test('catch and finally', async () => {
    const f = new Future();
    f.setException(new Error('bad'));
    expect(await f.catch((e) => e.message)).toBe('bad');
    const order = [];
    const g = new Future();
    g.setResult(5);
    expect(await g.finally(() => order.push('finally'))).toBe(5);
    expect(order).toEqual(['finally']);
    const h = new Future();
    h.setException(new Error('kept'));
    await expect(h.finally(() => 'ignored')).rejects.toThrow('kept');
  });

  test('a result that is a thenable passes through then unadopted when there is no handler', async () => {
    const f = new Future();
    const thenable = { then: 42 };
    f.setResult(thenable);
    expect(await f.then()).toBe(thenable);
  });

  test('an exception of the future rejects the chained native Promise', async () => {
    const f = new Future();
    const chained = f.then((v) => v);
    f.setException(new Error('boom'));
    await expect(chained).rejects.toThrow('boom');
  });
});

describe('toPromise', () => {
  test('is a native Promise settling with the future', async () => {
    const f = new Future();
    const p = f.toPromise();
    expect(p).toBeInstanceOf(Promise);
    f.setResult('native');
    expect(await p).toBe('native');
  });

  test('rejects with the exception or CancelledError', async () => {
    const f = new Future();
    const p = f.toPromise();
    f.setException(new Error('x'));
    await expect(p).rejects.toThrow('x');
    const c = new Future();
    const q = c.toPromise();
    c.cancel('why');
    await expect(q).rejects.toThrow(CancelledError);
  });
});
