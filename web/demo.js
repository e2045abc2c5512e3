// The demo page: each section is its own module; this one starts them once
// the package (and its .wasm) has loaded.
import { setupPlayground } from './playground.js';
import { setupCAndJs } from './c-and-js.js';
import { setupCombinators } from './race.js';
import { setupThreads } from './threads.js';

const status = document.getElementById('status');
try {
  setupPlayground(document.getElementById('playground'));
  await setupCAndJs(document.getElementById('c-and-js'));
  setupCombinators(document.getElementById('combinators'));
  setupThreads(document.getElementById('threads'));
  status.textContent = 'Module loaded: every future on this page lives in wasm memory.';
  document.body.dataset.ready = 'true';
} catch (error) {
  status.textContent = `Could not start: ${error.message}`;
  throw error;
}
