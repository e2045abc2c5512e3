// Types of wasm-future/threads for `import`; why they live in threads.d.cts:
// index.d.ts.
export * from './threads.cjs';
