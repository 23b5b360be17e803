#!/usr/bin/env node
// Compares two cdktf.out folders stack by stack: every cdk.tf.json and the manifest's stack list,
// with the toolchain's version metadata removed. Exit 1 with the first differences.
"use strict";
const { readFileSync, readdirSync, existsSync } = require("node:fs");
const { join } = require("node:path");
const { isDeepStrictEqual } = require("node:util");

const [a, b] = process.argv.slice(2);
if (!a || !b) throw new Error("usage: compare-synth.js <cdktf.out> <cdktf.out>");

/** The stack's JSON without `//.metadata.version`, the only field a toolchain swap may change. */
function stackJson(out, stack) {
  const json = JSON.parse(readFileSync(join(out, "stacks", stack, "cdk.tf.json"), "utf8"));
  if (json["//"]?.metadata) delete json["//"].metadata.version;
  return json;
}

function differences(x, y, path = "", found = []) {
  if (found.length >= 10 || isDeepStrictEqual(x, y)) return found;
  if (x && y && typeof x === "object" && typeof y === "object") {
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) differences(x[key], y[key], `${path}.${key}`, found);
  } else found.push(`${path}: ${JSON.stringify(x)?.slice(0, 120)} != ${JSON.stringify(y)?.slice(0, 120)}`);
  return found;
}

const stacks = (out) => (existsSync(join(out, "stacks")) ? readdirSync(join(out, "stacks")).sort() : []);
const left = stacks(a);
const right = stacks(b);
const problems = [];
if (!isDeepStrictEqual(left, right)) problems.push(`stacks differ: ${left.join(",")} != ${right.join(",")}`);
if (left.length === 0) problems.push(`no stacks under ${a}/stacks`);
for (const stack of left.filter((s) => right.includes(s))) {
  for (const d of differences(stackJson(a, stack), stackJson(b, stack))) problems.push(`${stack}${d}`);
}
const manifestStacks = (out) => {
  const m = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
  return Object.fromEntries(Object.entries(m.stacks).map(([k, s]) => [k, { dependencies: s.dependencies, workingDirectory: s.workingDirectory, synthesizedStackPath: s.synthesizedStackPath }]));
};
for (const d of differences(manifestStacks(a), manifestStacks(b))) problems.push(`manifest${d}`);
if (problems.length > 0) {
  console.error(`the synthesized JSON differs:\n  ${problems.join("\n  ")}`);
  process.exit(1);
}
console.log(`${left.length} stacks: the same JSON apart from the version metadata`);
