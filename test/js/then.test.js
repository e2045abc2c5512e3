import { Future, CancelledError, getLoop, isFuture } from '../../js/node.js';

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

// A future JS completes on an idle loop runs its then-callbacks without the
// loop (js/future/weak-callbacks.js, detached): in the loop's own order.
describe('then-callbacks keep the loop\'s order', () => {
  const loop = getLoop();
  const settled = () => new Promise((resolve) => setTimeout(resolve, 5));

  test('on an idle loop: before what is queued after the completion', async () => {
    const order = [];
    const f = new Future();
    f.then((v) => order.push(`then ${v}`));
    f.setResult(1);
    loop.callSoon(() => order.push('soon'));
    queueMicrotask(() => order.push('microtask'));
    await settled();
    expect(order).toEqual(['then 1', 'soon', 'microtask']);
  });

  test('on a busy loop: after what was queued before it', async () => {
    const order = [];
    const f = new Future();
    f.then((v) => order.push(`then ${v}`));
    loop.callSoon(() => order.push('before'));
    f.setResult(1);
    loop.callSoon(() => order.push('after'));
    await settled();
    expect(order).toEqual(['before', 'then 1', 'after']);
  });

  test('completed inside a callback: in the next drain, in order', async () => {
    const order = [];
    const f = new Future();
    f.then((v) => order.push(`then ${v}`));
    loop.callSoon(() => {
      loop.callSoon(() => order.push('before'));
      f.setResult(2);
      loop.callSoon(() => order.push('after'));
    });
    loop.callSoon(() => order.push('same drain'));
    await settled();
    expect(order).toEqual(['same drain', 'before', 'then 2', 'after']);
  });

  test('among the callbacks of other futures, in the order the futures completed', async () => {
    const order = [];
    const f = new Future(), g = new Future(), h = new Future();
    f.then(() => order.push('f then'));
    g.addDoneCallback(() => order.push('g done'));
    h.then(() => order.push('h then 1'));
    h.then(() => order.push('h then 2'));
    f.setResult(0);
    g.setResult(0);
    h.setResult(0);
    await settled();
    expect(order).toEqual(['f then', 'g done', 'h then 1', 'h then 2']);
  });

  test('an exception, a cancellation and a value C copies reach the handlers', async () => {
    const failed = new Future(), cancelled = new Future(), bytes = new Future();
    const outcomes = Promise.allSettled([failed, cancelled, bytes].map((f) => f.then((v) => v)));
    const sent = new Uint8Array([1, 2, 3]);
    failed.setException(new Error('boom'));
    cancelled.cancel('why');
    bytes.setResult(sent);
    const [a, b, c] = await outcomes;
    expect(a.reason.message).toBe('boom');
    expect(b.reason).toBeInstanceOf(CancelledError);
    expect(c.value).toEqual(sent);
    expect(c.value).not.toBe(sent);
  });
});
