// The runtime of the package's browser module (`import 'wasm-future'`), built
// for size: no bridge (no C of its own calls wf_js_fetch), the browser's
// macrotask only, and C's table by position (table-browser.js).
import { makeRuntime } from './runtime.js';

export default makeRuntime({});
