// The C example (examples/transform.c) in a user's module of its own,
// attached as a user attaches theirs.
import { createRequire } from 'node:module';
import { attach } from '../../js/attach.js';

const createExample = createRequire(import.meta.url)('../../build-wasm/examples/example.js');
const example = await createExample();
const api = attach(example);
const { Future, native, wrapPromise, CancelledError } = api;

const transform = (input) => native.adopt(native.call('wf_example_transform', input));
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the C example: C awaits a JS promise and resolves a future JS awaits', () => {
  test('squares a number in C, and the C integer arrives as a BigInt, whatever its size', async () => {
    expect(await transform(wrapPromise(Promise.resolve(12)))).toBe(144n);
  });

  test('a square beyond 2^53 arrives as a BigInt too', async () => {
    expect(await transform(wrapPromise(Promise.resolve(3037000000)))).toBe(3037000000n ** 2n);
  });

  test('upper-cases a string in C', async () => {
    expect(await transform(wrapPromise(Promise.resolve('hello, c')))).toBe('HELLO, C');
  });

  test('a value it cannot use fails with an Error carrying the C code', async () => {
    const error = await transform(wrapPromise(Promise.resolve({}))).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe('expected an integer or a string');
    expect(error.code).toBe(1001);
  });

  test('a rejected input fails the output', async () => {
    const error = await transform(wrapPromise(Promise.reject(new Error('js side')))).catch((e) => e);
    expect(error.code).toBe(1002);
  });

  test('cancelling the output from JS cancels the input in C, which aborts its signal', async () => {
    let signal;
    const input = wrapPromise((s) => { signal = s; return new Promise(() => {}); });
    const output = transform(input);
    output.cancel('user pressed cancel');
    await tick();
    expect(input.cancelled()).toBe(true);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(CancelledError);
    expect(signal.reason.message).toBe('user pressed cancel');
  });

  test('an input cancelled from JS cancels the output', async () => {
    const input = new Future();
    const output = transform(input);
    input.cancel();
    await expect(output).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('native', () => {
  test('pointer and wrap give back the same Future', () => {
    const f = new Future();
    const ptr = native.pointer(f);
    expect(typeof ptr).toBe('number');
    expect(native.wrap(ptr)).toBe(f);
  });

  test('the module object is not thenable', () => {
    expect(native.module.then).toBeUndefined();
    expect(typeof native.module._wf_example_transform).toBe('function');
  });

  test('errorName reads the C names', () => {
    expect(native.errorName(-3)).toBe('EINVALSTATE');
  });

  test('bad input is a TypeError', () => {
    expect(() => native.adopt(0)).toThrow(TypeError);
    expect(() => native.wrap(-5)).toThrow(TypeError);
    expect(() => native.wrap('1')).toThrow(TypeError);
    expect(() => native.pointer({})).toThrow(TypeError);
    expect(() => native.call('no_such_function')).toThrow(TypeError);
    expect(() => native.call(42)).toThrow(TypeError);
  });

  test('0, a negative, a non-integer or a number past 32 bits is not a pointer', () => {
    for (const bad of [0, -8, 1.5, NaN, Infinity, 2 ** 32, '16', 16n, null, undefined]) {
      expect(() => native.wrap(bad)).toThrow(TypeError);
      expect(() => native.adopt(bad)).toThrow(TypeError);
    }
  });

  test('a pointer to no future is a TypeError', () => {
    // 16 is in the module's static data, and even a multiple of 8 is nothing of ours.
    expect(() => native.wrap(16)).toThrow(/not a live wf_future/);
    expect(() => native.adopt(16)).toThrow(/not a live wf_future/);
  });

  test('a pointer into the middle of a future is a TypeError', () => {
    const f = new Future();
    const ptr = native.pointer(f);
    expect(() => native.wrap(ptr + 4)).toThrow(TypeError);
    expect(() => native.adopt(ptr + 8)).toThrow(TypeError);
    expect(f.state).toBe('PENDING');
  });

  test('a stale pointer, of a future already freed, is a TypeError', () => {
    const C = api[Symbol.for('wasm-future.internals')].C;
    const ptr = C.futureNew(C.loopDefault());
    C.futureRelease(ptr);
    expect(() => native.wrap(ptr)).toThrow(/not a live wf_future/);
    expect(() => native.adopt(ptr)).toThrow(/not a live wf_future/);
  });

  test('the C example returns NULL for a NULL input', () => {
    expect(native.call('wf_example_transform', 0)).toBe(0);
  });
});
