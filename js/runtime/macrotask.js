// A macrotask: setImmediate where there is one (Node), else a MessageChannel
// message. In Node a MessageChannel port with a listener keeps the process
// alive for good, and a user's web module may well run there (tests): so the
// check is made at run time in every module but the package's browser one
// (macrotask-browser.js).
import { channelTask } from './macrotask-browser.js';

var macrotask = null;

export function later(fn) {
  if (macrotask === null) {
    macrotask = typeof setImmediate === 'function' ? function (f) { setImmediate(f); } : channelTask();
  }
  macrotask(fn);
}
