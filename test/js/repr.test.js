// A Future's toString and util.inspect: Python's repr, bounded as reprlib
// bounds it (js/future/repr.js), and never throwing.
import util from 'node:util';
import { Future, InvalidStateError } from '../../js/node.js';

const finished = (value) => {
  const f = new Future();
  f.setResult(value);
  return f;
};

test('a 5 MB string result prints as its start and its end, not 5 MB', () => {
  const text = String(finished(`${'a'.repeat(2.5e6)}${'z'.repeat(2.5e6)}`));
  expect(text.length).toBeLessThan(250);
  expect(text).toMatch(/^<Future finished result='a+\.\.\.z+'>$/);
});

test('the InvalidStateError of a second setResult quotes the future boundedly', () => {
  const f = finished('x'.repeat(5e6));
  let error;
  try {
    f.setResult(1);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidStateError);
  expect(error.message.length).toBeLessThan(300);
});

test('a Map, a Set and BigInts inside an object show what they hold', () => {
  expect(String(finished(new Map([[1, 'a'], ['b', 2n]])))).toBe("<Future finished result=Map(2) {1 => 'a', 'b' => 2n}>");
  expect(String(finished({ total: 2n ** 70n, seen: new Set(['x']) })))
    .toBe("<Future finished result={total: 1180591620717411303424n, seen: Set(1) {'x'}}>");
});

test('a Future inside a result shows its state, and long arrays their first six items', () => {
  expect(String(finished([new Future(), 1, 2, 3, 4, 5, 6]))).toBe('<Future finished result=[<Future pending>, 1, 2, 3, 4, 5, ...]>');
});

test('nesting past three levels is cut short', () => {
  expect(String(finished({ a: { b: { c: { d: 1 } } } }))).toBe('<Future finished result={a: {b: {c: {...}}}}>');
});

test('util.inspect shows the same text', () => {
  const f = finished(new Map([['k', 1]]));
  expect(util.inspect(f)).toBe(String(f));
});

test('a value whose getters and traps throw prints as <unprintable>, and toString does not throw', () => {
  const hostile = new Proxy({}, { get() { throw new Error('no'); }, getPrototypeOf() { throw new Error('no'); } });
  expect(String(finished(hostile))).toBe('<Future finished result=<unprintable>>');
});
