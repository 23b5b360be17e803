import { Testing } from "cdktf";
import type { TerraformStack } from "cdktf";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { ConfigError, loadConfig } from "../config";
import type { EnvironmentConfig } from "../config/schema";

/** A validated environment from config/environments, with `CFG__` style overrides applied. */
export function testConfig(name = "dev", overrides: Record<string, string> = {}): EnvironmentConfig {
  const env: Record<string, string> = { STAGE: name };
  for (const [path, value] of Object.entries(overrides)) env[`CFG__${name}__${path.replaceAll(".", "__")}`] = value;
  return loadConfig({ env })[0];
}

export type Json = Record<string, any>;

/** The stack's Terraform JSON, after aspects and validations, as `cdktf synth` writes it. */
export function synth(stack: TerraformStack): Json {
  return JSON.parse(Testing.synth(stack, true));
}

/** Every resource of one type: `{ name: config }`. */
export function resources(json: Json, type: string): Record<string, Json> {
  return json.resource?.[type] ?? {};
}

/** The single resource of a type (fails when there is not exactly one). */
export function only(json: Json, type: string): Json {
  const all = Object.values(resources(json, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/** Snapshot-safe copy: asset hashes and absolute paths replaced. */
export function scrub(json: Json): Json {
  return JSON.parse(
    JSON.stringify(json)
      .replace(/[0-9A-F]{64}/g, "<hash>")
      .replace(/[0-9a-f]{64}/g, "<hash>")
      .replace(/"[A-Za-z0-9+/]{43}="/g, '"<base64 hash>"')
      .replaceAll(process.cwd(), "<root>"),
  );
}

/** The inline policies of an IAM role in a stack's JSON, parsed (the role referenced by its resource name). */
export function rolePolicies(json: Json, roleName: string): Json[] {
  return Object.values(resources(json, "aws_iam_role_policy"))
    .filter((p) => p.role.includes(`aws_iam_role.${roleName}.`))
    .map((p) => JSON.parse(p.policy));
}

export { Testing };

/** The entries of a zip written by constructs/zip.ts (deflate, no data descriptors). */
export function readZip(zip: Buffer): Map<string, Buffer> {
  const { inflateRawSync } = require("node:zlib") as typeof import("node:zlib");
  const entries = new Map<string, Buffer>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < zip.readUInt16LE(end + 10); i++) {
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
    const dataStart = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    entries.set(name, inflateRawSync(zip.subarray(dataStart, dataStart + compressed)));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** The message of the ConfigError that loading with this environment throws (fails if it loads). */
export function configFailure(env: Record<string, string>): string {
  try {
    loadConfig({ env });
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error("expected loadConfig to fail");
}

/** Every file under `dir` with its bytes, to prove a failed synth left a folder untouched. */
export function snapshotTree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, "latin1");
    }
  };
  walk(dir);
  return files;
}

/**
 * The output of the real synth (`node scripts/synth.js`, every environment, default config), written
 * once per `npm test` run into the folder jest's globalSetup made, and shared by every test file
 * and worker; read it, never write into it. The first caller synthesizes; the others wait for it.
 */
export function synthesizedOutdir(): string {
  const { existsSync, mkdirSync, mkdtempSync } = require("node:fs") as typeof import("node:fs");
  const { spawnSync } = require("node:child_process") as typeof import("node:child_process");
  const { tmpdir } = require("node:os") as typeof import("node:os");
  process.env.TEST_SYNTH_DIR ??= mkdtempSync(join(tmpdir(), "jest-synth-"));
  const dir = process.env.TEST_SYNTH_DIR;
  const outdir = join(dir, "cdktf.out");
  const done = join(dir, "done");
  if (existsSync(done)) return outdir;
  let owner = false;
  try {
    mkdirSync(join(dir, "lock"));
    owner = true;
  } catch {
    // Another test file is synthesizing: wait for it.
  }
  if (owner) {
    const root = join(__dirname, "..");
    const result = spawnSync(process.execPath, [join(root, "scripts", "synth.js")], { cwd: root, env: { ...process.env, CDKTF_OUTDIR: outdir, STAGE: "", DEBUG: "" }, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`the shared synth failed:\n${result.stderr}`);
    require("node:fs").writeFileSync(done, "");
    return outdir;
  }
  const deadline = Date.now() + 120_000;
  while (!existsSync(done)) {
    if (Date.now() > deadline) throw new Error(`the shared synth in ${dir} did not finish within 120 s`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
  return outdir;
}

/** One stack's Terraform JSON from the shared synth ({@link synthesizedOutdir}), e.g. "dev-api". */
export function synthesizedStack(id: string): Json {
  return JSON.parse(readFileSync(join(synthesizedOutdir(), "stacks", id, "cdk.tf.json"), "utf8"));
}

/**
 * The stacks of one environment from the shared synth (default config, the real web build), keyed
 * by kind: what a test file would otherwise build and synthesize again (about a second per
 * environment) when it checks the default configuration.
 */
export function synthesizedEnvironment(env: string): Record<"state" | "dns" | "site" | "api" | "workflow" | "network" | "monitoring", Json> {
  const kinds = ["state", "dns", "site", "api", "workflow", "network", "monitoring"] as const;
  return Object.fromEntries(kinds.map((kind) => [kind, synthesizedStack(`${env}-${kind}`)])) as Record<(typeof kinds)[number], Json>;
}
