// The C example module (examples/transform.c and fetch.c, built like a
// user's module) attached to the page: C awaits a JS promise, or fetches
// data/seed.txt itself, computes, and resolves a future the page awaits.
import { attach } from '../js/attach.js';
import { sleep } from '../js/index.js';
import { makeLog } from './log.js';

export async function setupCAndJs(section) {
  const Module = await globalThis.createExample();
  const { wrapPromise, native } = attach(Module);
  const log = makeLog(section.querySelector('#c-log'));
  const run = section.querySelector('#c-run');
  const cFetch = section.querySelector('#c-fetch');
  const cancel = section.querySelector('#c-cancel');
  let output = null;

  const start = (future, what, after = () => '') => {
    output = future;
    run.disabled = true;
    cFetch.disabled = true;
    cancel.disabled = false;
    output.then(
      (squared) => log(`${what}: ${squared} (${typeof squared}, past 2^53)`),
      (error) => log(`JS caught ${error.name}: ${error.message}${after()}`, 'error'),
    ).finally(() => {
      run.disabled = false;
      cFetch.disabled = false;
      cancel.disabled = true;
    });
  };

  run.addEventListener('click', () => {
    section.querySelector('#c-log').replaceChildren();
    const input = wrapPromise(async (signal) => {
      signal.addEventListener('abort', () => log(`JS: the input's AbortSignal aborted (${signal.reason.message}): no fetch`));
      log('JS: waiting 1.5 s, then fetching data/seed.txt');
      await sleep(1500, undefined, { signal });
      const response = await fetch(new URL('data/seed.txt', import.meta.url), { signal });
      const seed = Number(await response.text());
      log(`JS: fetched ${seed}; C takes it from here`);
      return seed;
    });
    log('C: awaiting the JS promise (wf_future_add_done_callback)');
    start(native.adopt(native.call('wf_example_transform', input)), 'C resolved the future JS awaits',
      () => `; input is ${input.state}`);
  });

  cFetch.addEventListener('click', () => {
    section.querySelector('#c-log').replaceChildren();
    const url = new URL('data/seed.txt', import.meta.url).href;
    log('C: wf_js_fetch(data/seed.txt), then squares the body in a done-callback');
    start(native.adopt(Module.ccall('wf_example_fetch_square', 'number', ['string'], [url])),
      'C fetched the seed itself and squared it');
  });

  cancel.addEventListener('click', () => {
    if (output?.cancel('cancelled from the page')) log('JS: output.cancel() → C cancels its input');
  });
}
