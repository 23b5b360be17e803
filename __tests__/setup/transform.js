// Jest transformer (package.json jest.transform): TypeScript to CommonJS with esbuild, which the
// Lambda bundles already use. It only strips types, as ts-jest did here (tsconfig isolatedModules);
// `npm run typecheck` type-checks. esbuild transpiles the suite's ~150 files in a fraction of the
// time ts-jest's TypeScript needs, and no jest worker loads the TypeScript compiler.
const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");
const { transformSync, version } = require("esbuild");

/** The compiler options esbuild reads from a tsconfig; the rest of tsconfig.json only matters to tsc. */
const TSCONFIG = { compilerOptions: { target: "es2022", useDefineForClassFields: true, esModuleInterop: true } };

/** Cached output is keyed on this file too, so a change to the options here re-transforms. */
const SELF = createHash("sha256").update(readFileSync(__filename)).digest("hex");

module.exports = {
  canInstrument: false,
  getCacheKey(source, filename, options) {
    return createHash("sha256").update(SELF).update(version).update(options.configString).update(filename).update("\0").update(source).digest("hex");
  },
  process(source, filename) {
    const { code, map } = transformSync(source, {
      loader: filename.endsWith(".tsx") ? "tsx" : "ts",
      format: "cjs",
      target: "node20",
      platform: "node",
      // import() becomes require() in a promise, as tsc's CommonJS output does: jest's module
      // registry (jest.isolateModulesAsync, the per-file sandbox) only sees require.
      supported: { "dynamic-import": false },
      sourcemap: "external",
      sourcesContent: false,
      sourcefile: filename,
      tsconfigRaw: TSCONFIG,
    });
    return { code, map };
  },
};
