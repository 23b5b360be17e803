import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { snapshotTree } from "./helpers";

const ROOT = join(__dirname, "..");
const RUNNER = join(ROOT, "scripts", "synth.js");

function synth(outdir: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [RUNNER], { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir, ...env }, encoding: "utf8" });
  return { code: result.status, stderr: result.stderr };
}

describe("npm run synth (scripts/synth.js -> main.ts)", () => {
  const outdir = join(mkdtempSync(join(tmpdir(), "synth-")), "cdktf.out");
  afterAll(() => rmSync(join(outdir, ".."), { recursive: true, force: true }));

  test("writes every stack of every environment", () => {
    const { code, stderr } = synth(outdir);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    for (const stack of Object.keys(manifest.stacks)) {
      expect(statSync(join(outdir, "stacks", stack, "cdk.tf.json")).isFile()).toBe(true);
    }
    expect(Object.keys(manifest.stacks)).toEqual(expect.arrayContaining(["dev-state", "dev-dns", "dev-site", "prod-state", "prod-dns", "prod-site"]));
  });

  test.each([
    ["an unknown environment", { STAGE: "qa" }, 'STAGE: received "qa"'],
    ["a wrong region", { CFG__dev__region: "eu-middle-9" }, 'dev.region: received "eu-middle-9"'],
    ["a malformed domain", { CFG__prod__domain: "-bad-.example.com" }, 'prod.domain: received "-bad-.example.com"'],
    ["a bad account id", { CFG__dev__accountId: "1234" }, 'dev.accountId: received "1234"'],
    ["missing backend settings", { CFG__dev__backend: '{"type":"s3"}' }, "dev.backend.bucket: received nothing"],
  ])("fails on %s, naming the field, and leaves cdktf.out byte-for-byte unchanged", (_name, env, expected) => {
    const before = snapshotTree(outdir);
    const { code, stderr } = synth(outdir, env);
    expect(code).toBe(1);
    expect(stderr).toContain(expected);
    expect(stderr).toContain("Fix:");
    expect(snapshotTree(outdir)).toEqual(before);
  });

  test("STAGE=prod synthesizes only prod's stacks and keeps the others' output (and manifest entries) unchanged, saying so", () => {
    const devBefore = readFileSync(join(outdir, "stacks", "dev-api", "cdk.tf.json"), "utf8");
    const result = spawnSync(process.execPath, [RUNNER], { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir, STAGE: "prod" }, encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/STAGE=prod: kept \d+ stacks of other environments from an earlier synth, unchanged \(bootstrap-111111111111, dev-api, /);
    const stacks = readdirSync(join(outdir, "stacks"));
    expect(stacks).toEqual(expect.arrayContaining(["prod-dns", "prod-site", "prod-state", "dev-api", "dev-dns"]));
    expect(readFileSync(join(outdir, "stacks", "dev-api", "cdk.tf.json"), "utf8")).toBe(devBefore);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.stacks)).toEqual(expect.arrayContaining(["prod-api", "dev-api"]));
    expect(manifest.stacks["dev-api"].dependencies).toEqual(["dev-dns"]);
    // and the bootstrap stack of prod's account (the CI roles of the environments synthesized).
    expect(stacks).toContain("bootstrap-222222222222");
  });

  test("needs no Terraform: synthesizes with no terraform on PATH (moved blocks included)", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "synth-no-terraform-")), "cdktf.out");
    try {
      const result = spawnSync(process.execPath, [RUNNER], { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: dir, STAGE: "dev", PATH: "/nonexistent" }, encoding: "utf8" });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, "stacks", "dev-network", "cdk.tf.json"), "utf8")).moved.length).toBeGreaterThan(0);
    } finally {
      rmSync(join(dir, ".."), { recursive: true, force: true });
    }
  });

  test("without STAGE, stacks of an environment no longer configured are removed", () => {
    const stale = join(outdir, "stacks", "qa-api");
    mkdirSync(stale, { recursive: true });
    expect(synth(outdir).code).toBe(0);
    expect(readdirSync(join(outdir, "stacks")).filter((s) => s.startsWith("qa-"))).toEqual([]);
  });
});
