// wasm-future/attach: the JS API bound to a user's own Emscripten module.
// The user module here is the examples' module (build-wasm/examples/example.js,
// examples/transform.c and fetch.c, built like a user's module); the module
// without the library is test/fixtures/no-library/plain.c, built with plain emcc.
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { attach, ABI_VERSION, PACKAGE_VERSION } from '../../js/attach.js';
import * as defaultApi from '../../js/node.js';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('../..', import.meta.url));
const createExample = require('../../build-wasm/examples/example.js');
// Debian's emcc runs its JS optimizer with the system's acorn.
const env = { ...process.env, NODE_PATH: [process.env.NODE_PATH, '/usr/share/nodejs'].filter(Boolean).join(':') };

/** A fresh instance of the example module; main() gets `args` (in Node it would get process.argv). */
const example = (args = []) => createExample({ arguments: args });
const caught = (fn) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
};

let tmp;
let plainPath;

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'wasm-future-attach-'));
  // Without the NODEJS_CATCH_* handlers that Emscripten would add to this process.
  execFileSync('emcc', [join(root, 'test', 'fixtures', 'no-library', 'plain.c'), '-O2', '-sMODULARIZE',
    '-sEXPORT_NAME=createPlain', '-sNODEJS_CATCH_EXIT=0', '-sNODEJS_CATCH_REJECTION=0', '-o', join(tmp, 'plain.js')],
  { env, stdio: ['ignore', 'ignore', 'pipe'] });
  plainPath = join(tmp, 'plain.js');
}, 120000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('what attach refuses', () => {
  test.each([
    ['a number', 42, 'number 42'],
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
  ])('%s is a TypeError that says a module object was expected', (_, value, got) => {
    const error = caught(() => attach(value));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toContain('expected the Emscripten module object its factory resolved with');
    expect(error.message).toContain(`got ${got}`);
  });

  test('an object with no wasm-future runtime is a TypeError that says how to link the library', () => {
    const error = caught(() => attach({}));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/has no wasm-future in it/);
    expect(error.message).toContain('wasm-future-config --cflags --libs');
    expect(error.message).toContain('wasm_future::wf');
  });

  test('the factory\'s promise is a TypeError that says to await it', () => {
    const pending = example();
    const error = caught(() => attach(pending));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/got a promise/);
    expect(error.message).toContain('attach(await createApp())');
    return pending;
  });

  test('a module built with plain emcc without the library is a TypeError naming wasm-future-config', async () => {
    // Emscripten 3.1.6 would fetch() its .wasm in Node: hand it the bytes.
    const Module = await require(plainPath)({ wasmBinary: readFileSync(join(tmp, 'plain.wasm')) });
    expect(Module._plain_add(2, 3)).toBe(5);
    const error = caught(() => attach(Module));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/has no wasm-future in it/);
    expect(error.message).toContain('wasm-future-config');
  });

  test('a module whose runtime speaks another ABI version is an Error naming both versions', async () => {
    const Module = await example();
    const error = caught(() => attach({ ...Module, wasmFuture: { ...Module.wasmFuture, abi: 99 } }));
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(TypeError);
    expect(error.message).toContain('ABI version 99');
    expect(error.message).toContain(`ABI version ${ABI_VERSION}`);
    expect(error.message).toContain(PACKAGE_VERSION);
    expect(error.message).toContain('wasm-future-config');
  });

  test('a module whose C library speaks another ABI version is an Error naming both versions', async () => {
    const Module = await example();
    const rt = Module.wasmFuture;
    const real = rt.bind();
    const other = ABI_VERSION + 1;
    const bind = () => ({ ...real, constants: { ...real.constants, WF_ABI_VERSION: other } });
    const error = caught(() => attach({ ...Module, wasmFuture: { ...rt, bind } }));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain(`C library speaks ABI version ${other}`);
    expect(error.message).toContain(`ABI version ${ABI_VERSION}`);
  });

  test('a module whose C library lays a future out otherwise is an Error naming the field', async () => {
    const Module = await example();
    const rt = Module.wasmFuture;
    const real = rt.bind();
    const bind = () => ({ ...real, at: { ...real.at, futureBinding: 3 } });
    const error = caught(() => attach({ ...Module, wasmFuture: { ...rt, bind } }));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain('futureBinding at 3');
    expect(error.message).toContain('wasm-future-config');
  });

  test('a module that has not started yet is an Error; once started it attaches', async () => {
    const bytes = readFileSync(join(root, 'build-wasm', 'examples', 'example.wasm'));
    const options = {
      arguments: [],
      // The .wasm arrives later, as it may over a slow network.
      instantiateWasm(imports, receive) {
        setTimeout(() => WebAssembly.instantiate(bytes, imports)
          .then(({ instance, module }) => receive(instance, module)), 5);
        return {};
      },
    };
    // The object handed to the factory is the module object it resolves with.
    const ready = createExample(options);
    const error = caught(() => attach(options));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/has not started yet/);
    const Module = await ready;
    expect(Module).toBe(options);
    expect(typeof attach(Module).Future).toBe('function');
  });

  test('a module another copy of the package attached to is an Error naming that copy', async () => {
    const Module = await example();
    Module.wasmFuture.owner = Object.freeze({ version: '0.1.7' });
    const error = caught(() => attach(Module));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/another copy of the wasm-future package \(0\.1\.7\) attached to this module already/);
  });
});

describe('a user module beside the default one', () => {
  let Module;
  let wf;

  beforeAll(async () => {
    Module = await example();
    wf = attach(Module);
  });

  const square = (n) => wf.native.adopt(wf.native.call('wf_example_transform', wf.wrapPromise(Promise.resolve(n))));

  test('attaching twice gives the same object', () => {
    expect(attach(Module)).toBe(wf);
  });

  test('the module records this copy of the package as its owner', () => {
    expect(Module.wasmFuture.owner).toEqual({ version: PACKAGE_VERSION });
  });

  test('its API is its own: another Future class and loop than the default module\'s', () => {
    expect(wf.Future).not.toBe(defaultApi.Future);
    expect(wf.getLoop()).not.toBe(defaultApi.getLoop());
    expect(wf.native.module).toBe(Module);
  });

  test('its C resolves a future JS awaits', async () => {
    expect(await square(3037000000)).toBe(9223369000000000000n);
  });

  test('the default module\'s gather takes its futures and resolves', async () => {
    const gathered = defaultApi.gather([square(12), defaultApi.sleep(1, 'default')]);
    expect(defaultApi.isFuture(gathered)).toBe(true);
    expect(await gathered).toEqual([144n, 'default']);
  });

  test('its gather takes the default module\'s futures and resolves', async () => {
    expect(await wf.gather([defaultApi.sleep(1, 'default'), square(3)])).toEqual(['default', 9n]);
  });

  test('isFuture of either API knows the other\'s futures', () => {
    expect(wf.isFuture(new defaultApi.Future())).toBe(true);
    expect(defaultApi.isFuture(new wf.Future())).toBe(true);
  });

  test('its native.pointer of a default-module Future is a TypeError', () => {
    const error = caught(() => wf.native.pointer(new defaultApi.Future()));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/belongs to another module/);
  });

  test('the default module\'s native.pointer of its Future is a TypeError', () => {
    const error = caught(() => defaultApi.native.pointer(new wf.Future()));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/belongs to another module/);
  });

  test('its native.call with a default-module Future is a TypeError, and C is not called', () => {
    const before = wf.native.heldValues();
    const error = caught(() => wf.native.call('wf_example_transform', new defaultApi.Future()));
    expect(error).toBeInstanceOf(TypeError);
    expect(error.message).toMatch(/argument 1: this Future belongs to another module/);
    expect(wf.native.heldValues()).toBe(before);
  });
});

describe('C fetches a URL itself (examples/fetch.c) in Node', () => {
  let server;
  let base;
  let seedServed;
  let slowClosed;
  let slowRequested;
  const slowRequests = [];

  beforeAll(async () => {
    let served;
    seedServed = new Promise((resolve) => { served = resolve; });
    let closed;
    slowClosed = new Promise((resolve) => { closed = resolve; });
    let requested;
    slowRequested = new Promise((resolve) => { requested = resolve; });
    server = createServer((req, res) => {
      if (req.url === '/seed.txt') {
        res.on('finish', served);
        res.end('3037000000');
      } else if (req.url === '/slow') {
        // Never answers: only the client can end it.
        slowRequests.push(res);
        res.on('close', () => closed({ finished: res.writableFinished }));
        requested();
      } else {
        res.statusCode = 404;
        res.end('not here');
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const fetchSquare = (Module, url) => Module.ccall('wf_example_fetch_square', 'number', ['string'], [url]);
  const within = (promise, ms, what) => Promise.race([promise,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`${what} did not happen within ${ms} ms`)), ms).unref())]);

  test('main() starts a fetch before any attach, and its future resolves with the square', async () => {
    const Module = await example([`${base}/seed.txt`]);
    // The request is answered with no JS API attached: the module's own runtime drives the fetch.
    await within(seedServed, 5000, 'the request main() started');
    const ptr = Module._wf_example_started();
    expect(ptr).not.toBe(0);
    const wf = attach(Module);
    expect(await wf.native.adopt(ptr)).toBe(9223369000000000000n);
  });

  test('an HTTP 404 fails the future with code 1003 and a message naming the status', async () => {
    const Module = await example();
    const wf = attach(Module);
    const error = await wf.native.adopt(fetchSquare(Module, `${base}/missing.txt`)).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toBe(1003);
    expect(error.message).toContain('404');
  });

  test('cancelling its future from JS aborts the request', async () => {
    const Module = await example();
    const wf = attach(Module);
    const future = wf.native.adopt(fetchSquare(Module, `${base}/slow`));
    await within(slowRequested, 5000, 'the request');
    expect(future.cancel('stop')).toBe(true);
    const error = await future.catch((e) => e);
    expect(error).toBeInstanceOf(wf.CancelledError);
    expect(error.message).toBe('stop');
    // The server sees the connection closed before it ever answered.
    expect(await within(slowClosed, 5000, 'the request\'s abort')).toEqual({ finished: false });
    expect(slowRequests).toHaveLength(1);
  });
});
