// The exchange area (js/binding/exchange.js): one use at a time, so a write
// can never clobber what a C call still to come reads.
import { createRequire } from 'node:module';
import { attach } from '../../js/attach.js';

const module = {};
createRequire(import.meta.url)('../../dist/wasm-future.node.js')(module);
const api = attach(module);
const { exchange } = api[Symbol.for('wasm-future.internals')];

afterEach(() => exchange.end());

test('a use cannot begin while one is open', () => {
  exchange.begin();
  expect(() => exchange.begin()).toThrow(/in use/);
  exchange.end();
  expect(() => exchange.begin()).not.toThrow();
});

test('the writers refuse to write outside a use', () => {
  expect(() => exchange.writeValue('text')).toThrow(/outside a use/);
  expect(() => exchange.writeCString('text')).toThrow(/outside a use/);
  expect(() => exchange.reserve(8)).toThrow(/outside a use/);
  expect(() => exchange.slot()).toThrow(/outside a use/);
});

test('pinning a future, which writes the area, inside a use is refused, and changes nothing', () => {
  const future = new api.Future();
  const seen = [];
  future.addDoneCallback((f) => seen.push(f.result()));
  exchange.begin();
  expect(() => future.setResult(1)).toThrow(/in use/);
  exchange.end();
  expect(future.done()).toBe(false);
  future.setResult(2);
  return new Promise((resolve) => api.getLoop().callSoon(resolve)).then(() => expect(seen).toEqual([2]));
});
