// The runtime of a module with threads (wasm_future::wf_threads).
import { futureFor } from './bridge.js';
import { makeRuntime } from './runtime.js';
import {
  countThreads, expectPost, idleWorkers, pendingWork, retireWorkers, watchInbox, workChanged,
} from './threads.js';

var runtime = makeRuntime({
  'futureFor': futureFor,
  watchInbox: watchInbox,
  'expectPost': expectPost,
  'workChanged': workChanged,
  'retireWorkers': retireWorkers,
  'start': function () {
    if (countThreads()) runtime['internals']['threadHooks'] = true;
  },
}, { 'pendingWork': pendingWork, 'idleWorkers': idleWorkers });

export default runtime;
