// Types of wasm-future for `import`: those of index.d.cts, which `require`
// needs as CommonJS declarations. They live there and not here because
// TypeScript lets an ES module re-export a CommonJS one but not the reverse
// (under node16 a .d.cts that re-exports this file is error TS1479).
export * from './index.cjs';
