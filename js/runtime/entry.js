// The runtime of a module without threads (wasm_future::wf).
import { futureFor } from './bridge.js';
import { makeRuntime } from './runtime.js';

export default makeRuntime({ 'futureFor': futureFor });
