// The runtime of the package's browser module (`import 'wasm-future'`), built
// for size: no bridge (no C of its own calls wf_js_fetch) and the browser's
// macrotask only.
import { makeRuntime } from './runtime.js';

export default makeRuntime({});
