// Injected into the CommonJS bundles so that `import.meta.url` keeps pointing at the running file.
export const importMetaUrl = require('url').pathToFileURL(__filename).href;
