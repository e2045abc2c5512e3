// A macrotask in the package's browser module, which only browsers load: a
// MessageChannel message (setImmediate is Node's).
var macrotask = null;

/** A function that runs its argument from a message of a channel of its own, in order. */
export function channelTask() {
  var channel = new MessageChannel();
  var pending = [];
  channel.port1.onmessage = function () { pending.shift()(); };
  return function (f) {
    pending.push(f);
    channel.port2.postMessage(null);
  };
}

export function later(fn) {
  if (macrotask === null) macrotask = channelTask();
  macrotask(fn);
}
