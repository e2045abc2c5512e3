// C awaits a JS promise, computes, and resolves a future the page awaits.
import { wrapPromise, native, sleep } from '../js/index.js';
import { makeLog } from './log.js';

export function setupCAndJs(section) {
  const log = makeLog(section.querySelector('#c-log'));
  const run = section.querySelector('#c-run');
  const cancel = section.querySelector('#c-cancel');
  let output = null;

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
    output = native.adopt(native.call('wf_example_transform', input));
    log('C: awaiting the JS promise (wf_future_add_done_callback)');
    run.disabled = true;
    cancel.disabled = false;
    output.then(
      (squared) => log(`C resolved the future JS awaits: ${squared} (${typeof squared}, past 2^53)`),
      (error) => log(`JS caught ${error.name}: ${error.message}; input is ${input.state}`, 'error'),
    ).finally(() => {
      run.disabled = false;
      cancel.disabled = true;
    });
  });

  cancel.addEventListener('click', () => {
    if (output?.cancel('cancelled from the page')) log('JS: output.cancel() → C cancels its input');
  });
}
