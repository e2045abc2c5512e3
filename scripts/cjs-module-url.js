// Injected into the CommonJS bundle: what import.meta.url is in ESM.
export const __wasmFutureModuleUrl = require('node:url').pathToFileURL(__filename).href;
