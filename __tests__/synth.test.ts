import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from "node:fs";
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

  test("STAGE=prod synthesizes only prod's stacks and removes the others", () => {
    expect(synth(outdir, { STAGE: "prod" }).code).toBe(0);
    const stacks = readdirSync(join(outdir, "stacks"));
    expect(stacks).toEqual(expect.arrayContaining(["prod-dns", "prod-site", "prod-state"]));
    // and the bootstrap stack of prod's account (the CI roles of the environments synthesized).
    expect(stacks.filter((s) => !s.startsWith("prod-"))).toEqual(["bootstrap-222222222222"]);
  });
});
