// The Promises/A+ adapter: Future is the promise; the CommonJS build is
// loaded, so the suite also covers `require('wasm-future')`.
const { Future } = require('../js/node.cjs');

exports.deferred = () => {
  const promise = new Future();
  return {
    promise,
    resolve: (value) => { if (!promise.done()) promise.setResult(value); },
    reject: (reason) => { if (!promise.done()) promise.setException(reason); },
  };
};

exports.resolved = (value) => {
  const d = exports.deferred();
  d.resolve(value);
  return d.promise;
};

exports.rejected = (reason) => {
  const d = exports.deferred();
  d.reject(reason);
  return d.promise;
};
