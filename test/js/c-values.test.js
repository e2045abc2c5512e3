// A value's JS type follows its C type, never its magnitude: a JS number
// reaches C as a double and comes back a number; a BigInt reaches C as a
// 64-bit integer and comes back a BigInt, on every path through C.
import { Future, gather, sleep, shield, waitFor } from '../../js/node.js';

const through = (value) => {
  const f = new Future();
  f.setResult(value);
  return f;
};

test.each([0, 1, 2 ** 53, -(2 ** 53) - 2, 1.5])('the number %p is a number after C held it', async (n) => {
  expect(await through(n)).toBe(n);
  expect(await sleep(0, n)).toBe(n);
});

test.each([0n, 1n, -1n, 2n ** 53n, 2n ** 63n - 1n, -(2n ** 63n)])('the BigInt %p is a BigInt after C held it', async (n) => {
  expect(await through(n)).toBe(n);
  expect(await sleep(0, n)).toBe(n);
  expect(await shield(through(n))).toBe(n);
  expect(await waitFor(through(n), null)).toBe(n);
});

test('gather keeps each child\'s type: a BigInt stays a BigInt beside a number', async () => {
  expect(await gather([through(7n), through(7), sleep(0, 0n)])).toEqual([7n, 7, 0n]);
});
