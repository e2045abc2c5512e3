// require('wasm-future/threads'): the API of js/threads.node.js, through the
// one CommonJS copy of attach, so that its error classes are those of
// require('wasm-future').
const { attach } = require('../dist/attach.cjs');

const module_ = {};
require('../dist/wasm-future-threads.js')(module_);
module.exports = attach(module_);
