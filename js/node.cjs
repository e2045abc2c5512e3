// require('wasm-future'): the API of js/node.js, through the one CommonJS copy
// of attach (dist/attach.cjs), so that require('wasm-future'),
// require('wasm-future/attach') and require('wasm-future/threads') share their
// error classes. The pool is wasm-future/threads' business.
const { attach } = require('../dist/attach.cjs');

const module_ = {};
require('../dist/wasm-future.node.js')(module_);
// The pool's names (js/api.js), written by scripts/gen-entries.mjs.
const { createThreadPool, threadsAvailable, PoolFuture, ...api } = attach(module_);
module.exports = api;
