// `npm run example` runs examples/node-example.mjs: it must keep working.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

test('the Node example runs the C and JS round trips', () => {
  const out = execFileSync(process.execPath, [fileURLToPath(new URL('../../examples/node-example.mjs', import.meta.url))],
    { encoding: 'utf8', timeout: 30000 });
  expect(out.split('\n').filter(Boolean)).toEqual([
    'JS future: 42  <Future finished result=42>',
    'C squared 12: 144',
    'C squared 3037000000: 9223369000000000000 (a BigInt, as every C integer)',
    'C upper-cased: HELLO FROM JS',
    'C error: expected an integer or a string (code 1001)',
    'cancelled: CancelledError: changed my mind; input <Future cancelled>',
  ]);
});
