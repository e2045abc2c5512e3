// JS bytes entering wasm memory: their size comes from the real object, read
// once, and nothing is written past what was reserved for them, whatever a
// Uint8Array's own properties or a Proxy say.
import { Future } from '../../js/node.js';
import { createThreadPool } from '../../js/threads.node.js';

/** 200 live futures holding bytes and strings: what a stray write would corrupt. */
function bystanders() {
  return Array.from({ length: 200 }, (_, i) => {
    const f = new Future();
    f.setResult(i % 2 === 0 ? new Uint8Array(64).fill(i % 256) : `bystander ${i}`.repeat(4));
    return f;
  });
}

function intact(futures) {
  return futures.every((f, i) => {
    const r = f.result();
    return i % 2 === 0 ? r instanceof Uint8Array && r.length === 64 && r.every((b) => b === i % 256)
      : r === `bystander ${i}`.repeat(4);
  });
}

const lyingLength = (bytes, length) => Object.defineProperty(bytes, 'length', { value: length });

test('a Uint8Array whose own length says 1 is stored with all its bytes, and nothing else changes', () => {
  const before = bystanders();
  const real = new Uint8Array(4096).map((_, i) => i % 251);
  const f = new Future();
  f.setResult(lyingLength(real, 1));
  const after = bystanders();
  expect(Array.from(f.result())).toEqual(Array.from(new Uint8Array(4096).map((_, i) => i % 251)));
  expect(intact(before)).toBe(true);
  expect(intact(after)).toBe(true);
});

test('a Uint8Array whose own length says more than it has is stored as the bytes it has', () => {
  const before = bystanders();
  const f = new Future();
  f.setResult(lyingLength(new Uint8Array([1, 2, 3]), 1 << 20));
  expect(Array.from(f.result())).toEqual([1, 2, 3]);
  expect(intact(before)).toBe(true);
});

test('a Uint8Array whose own buffer and byteOffset lie is stored as the bytes it views', () => {
  const backing = new Uint8Array([9, 9, 1, 2, 3, 9]);
  const view = backing.subarray(2, 5);
  Object.defineProperty(view, 'byteOffset', { value: 0 });
  Object.defineProperty(view, 'buffer', { value: new ArrayBuffer(1) });
  const f = new Future();
  f.setResult(view);
  expect(Array.from(f.result())).toEqual([1, 2, 3]);
});

test('a Proxy posing as a Uint8Array, whose length changes between reads, is kept as the JS value it is', () => {
  const before = bystanders();
  let reads = 0;
  const proxy = new Proxy(new Uint8Array(8), {
    get: (target, key) => (key === 'length' ? (++reads === 1 ? 1 : 1 << 16) : Reflect.get(target, key)),
  });
  expect(proxy instanceof Uint8Array).toBe(true);
  const f = new Future();
  f.setResult(proxy);
  expect(f.result()).toBe(proxy);
  expect(intact(before)).toBe(true);
});

test('a subclass of Uint8Array is stored as bytes', () => {
  class Bytes extends Uint8Array {}
  const f = new Future();
  f.setResult(new Bytes([4, 5, 6]));
  expect(Array.from(f.result())).toEqual([4, 5, 6]);
});

describe('a pool task\'s arguments', () => {
  let pool;
  beforeAll(async () => {
    pool = await createThreadPool({ workers: 1 });
  });
  afterAll(() => pool?.shutdown());

  test('a Proxy posing as a Uint8Array is refused with a TypeError, and nothing is queued', () => {
    const proxy = new Proxy(new Uint8Array(8), { get: (t, k) => (k === 'length' ? 1 << 20 : Reflect.get(t, k)) });
    expect(() => pool.submit('noop', proxy)).toThrow(new TypeError(
      'submit: argument 1 must be a number, a string or a Uint8Array, got object'));
  });

  test('a string with a lone surrogate is refused with a TypeError: UTF-8 cannot carry it', () => {
    expect(() => pool.submit('noop', 'a\uD800b')).toThrow(new TypeError(
      'submit: argument 1 has a lone surrogate, which UTF-8 cannot carry'));
  });

  test('a Uint8Array whose own length lies goes with its real bytes, and live values stay intact', async () => {
    const before = bystanders();
    await pool.submit('noop', lyingLength(new Uint8Array(1 << 16).fill(7), 1));
    expect(intact(before)).toBe(true);
  });
});
