#!/usr/bin/env node
// The synth entry of `npm run synth` and of cdktf.json's "app": bundles main.ts and the project's
// own modules with esbuild (no type-checking; packages stay in node_modules) and runs the bundle.
// Plain JavaScript on purpose: starting a TypeScript loader costs more than the whole synth.
"use strict";
const { buildSync } = require("esbuild");
const { rmSync } = require("node:fs");
const { join } = require("node:path");

const root = join(__dirname, "..");
// One bundle per process: synths running side by side (tests, cdktf) never read a half-written file.
const outfile = join(root, ".build", `main-${process.pid}.js`);
buildSync({
  entryPoints: [join(root, "main.ts")],
  outfile,
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  packages: "external",
  sourcemap: "inline",
  logLevel: "error",
});
process.chdir(root);
try {
  require(outfile);
} finally {
  rmSync(outfile, { force: true });
}
