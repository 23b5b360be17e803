#!/usr/bin/env node
// The synth entry of `npm run synth` and of cdktf.json's "app": bundles main.ts and the project's
// own modules with esbuild (no type-checking; packages stay in node_modules) and runs the bundle.
// Plain JavaScript on purpose: starting a TypeScript loader costs more than the whole synth.
// The bundle is reused while none of the files esbuild read has changed (size and mtime).
"use strict";
const { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");
const { join } = require("node:path");
require("./node-warnings");

const root = join(__dirname, "..");
const bundle = join(root, ".build", "main.js");
const inputsFile = join(root, ".build", "main.inputs.json");

function upToDate() {
  try {
    const inputs = JSON.parse(readFileSync(inputsFile, "utf8"));
    return existsSync(bundle) && inputs.every(([path, size, mtimeMs]) => {
      const stat = statSync(join(root, path));
      return stat.size === size && stat.mtimeMs === mtimeMs;
    });
  } catch {
    return false;
  }
}

if (!upToDate()) {
  const result = require("esbuild").buildSync({
    entryPoints: [join(root, "main.ts")],
    outfile: bundle,
    absWorkingDir: root,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    packages: "external",
    sourcemap: "inline",
    metafile: true,
    write: false,
    logLevel: "error",
  });
  const inputs = Object.keys(result.metafile.inputs).map((path) => {
    const stat = statSync(join(root, path));
    return [path, stat.size, stat.mtimeMs];
  });
  // Written aside and renamed: synths running side by side never read a half-written bundle.
  mkdirSync(join(root, ".build"), { recursive: true });
  writeFileSync(`${bundle}.${process.pid}`, result.outputFiles[0].contents);
  renameSync(`${bundle}.${process.pid}`, bundle);
  writeFileSync(`${inputsFile}.${process.pid}`, JSON.stringify(inputs));
  renameSync(`${inputsFile}.${process.pid}`, inputsFile);
}
process.chdir(root);
require(bundle);
