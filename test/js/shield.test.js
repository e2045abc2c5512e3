import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { shield, sleep, Future, CancelledError } from '../../js/node.js';

test('cancelling the shield leaves the inner running and its result reaches others', async () => {
  const inner = sleep(5, 'survived');
  const other = inner.then((v) => `other saw ${v}`);
  const shielded = shield(inner);
  shielded.cancel();
  await expect(shielded).rejects.toBeInstanceOf(CancelledError);
  expect(inner.cancelled()).toBe(false);
  expect(await other).toBe('other saw survived');
});

test('if the inner is cancelled, the shield is cancelled', async () => {
  const inner = new Future();
  const shielded = shield(inner);
  inner.cancel('inner gone');
  await expect(shielded).rejects.toThrow('inner gone');
  expect(shielded.cancelled()).toBe(true);
});

test('it follows the inner result', async () => {
  expect(await shield(sleep(1, 'through'))).toBe('through');
});

test('a done future is returned as it is', () => {
  const done = new Future();
  done.setResult(1);
  expect(shield(done)).toBe(done);
});

test('bad input is a TypeError', () => {
  expect(() => shield(1)).toThrow(TypeError);
  expect(() => shield(sleep(1), 'x')).toThrow(/options/);
});

test('dropped with a future that never settles, it leaves nothing behind', () => {
  const script = fileURLToPath(new URL('./fixtures/dropped-combinators.mjs', import.meta.url));
  const left = JSON.parse(execFileSync(process.execPath, ['--expose-gc', script, 'shield'], { encoding: 'utf8', timeout: 60000 }));
  expect(left.held).toBe(0);
  expect(left.heap).toBeLessThan(1);
});
