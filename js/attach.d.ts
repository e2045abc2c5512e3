// Types of wasm-future/attach for `import`; why they live in attach.d.cts:
// index.d.ts.
export * from './attach.cjs';
