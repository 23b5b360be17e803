import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkAwsCredentials, checkHcpToken } from "../../scripts/credentials";
import { parseArgs } from "../../scripts/stacks";

const ROOT = join(__dirname, "..", "..");
const TSX = join(ROOT, "node_modules", ".bin", "tsx");

/** A cdktf.out with the dev stacks' real dependency shape and a fake terraform that logs its calls. */
function fixture(failIn?: string) {
  const dir = mkdtempSync(join(tmpdir(), "stacks-command-"));
  const out = join(dir, "cdktf.out");
  const deps: Record<string, string[]> = { "dev-state": [], "dev-dns": [], "dev-api": ["dev-dns"], "dev-site": ["dev-dns"], "dev-workflow": ["dev-api"], "dev-network": ["dev-dns", "dev-api"] };
  for (const id of Object.keys(deps)) {
    mkdirSync(join(out, "stacks", id), { recursive: true });
    writeFileSync(join(out, "stacks", id, "cdk.tf.json"), "{}");
  }
  writeFileSync(join(out, "manifest.json"), JSON.stringify({ stacks: Object.fromEntries(Object.entries(deps).map(([id, d]) => [id, { dependencies: d }])) }));
  const log = join(dir, "calls.log");
  const fake = join(dir, "terraform");
  writeFileSync(
    fake,
    `#!/bin/sh\necho "$(basename "$PWD") $1" >> ${log}\n` +
      (failIn ? `if [ "$(basename "$PWD")" = "${failIn}" ] && [ "$1" != "init" ]; then echo "Error: something broke" >&2; exit 1; fi\n` : "") +
      `exit 0\n`,
  );
  chmodSync(fake, 0o755);
  return { out, log, fake, home: dir };
}

function run(args: string[], env: Record<string, string>) {
  return spawnSync(TSX, [join(ROOT, "scripts", "stacks.ts"), ...args], { cwd: ROOT, encoding: "utf8", env: { PATH: process.env.PATH!, ...env } });
}

describe("npm run plan|deploy|destroy", () => {
  test("fails without credentials, saying what it looked at and how to get them, before running Terraform", () => {
    const f = fixture();
    const result = run(["plan", "dev", "--no-synth"], { HOME: f.home, CDKTF_OUTDIR: f.out, TERRAFORM: f.fake });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("npm run plan -- dev: stopped before running Terraform.");
    expect(result.stderr).toContain("No AWS credentials found. Looked at:");
    expect(result.stderr).toContain("AWS_PROFILE: not set");
    expect(result.stderr).toContain("aws sso login --profile <name>");
    expect(result.stderr).toContain("The dev stacks run in AWS account 111111111111 (eu-west-1)");
    expect(() => readFileSync(f.log)).toThrow(); // terraform never ran
  });

  test("destroys dependents first and leaves the state stack alone", () => {
    const f = fixture();
    const result = run(["destroy", "dev", "--no-synth", "--auto-approve", "--instance-role"], { HOME: f.home, CDKTF_OUTDIR: f.out, TERRAFORM: f.fake });
    expect(result.status).toBe(0);
    const destroyed = readFileSync(f.log, "utf8").split("\n").filter((l) => l.endsWith(" destroy")).map((l) => l.split(" ")[0]);
    expect(destroyed).toEqual(["dev-workflow", "dev-site", "dev-network", "dev-api", "dev-dns"]);
  });

  test("fails at the first failing stack, naming it, what finished and what did not start", () => {
    const f = fixture("dev-api");
    const result = run(["destroy", "dev", "--no-synth", "--auto-approve", "--instance-role"], { HOME: f.home, CDKTF_OUTDIR: f.out, TERRAFORM: f.fake });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("npm run destroy -- dev stopped at stack dev-api (4 of 5): terraform destroy exited with 1.");
    expect(result.stderr).toContain("finished: dev-workflow, dev-site, dev-network");
    expect(result.stderr).toContain("not started: dev-dns");
    expect(readFileSync(f.log, "utf8")).not.toContain("dev-dns destroy");
  });

  test("plans every stack in dependency order, the state stack first", () => {
    const f = fixture();
    const result = run(["plan", "dev", "--no-synth", "--instance-role"], { HOME: f.home, CDKTF_OUTDIR: f.out, TERRAFORM: f.fake });
    // The fake terraform writes no plan file, so `terraform show` fails after the first plan: enough for the order.
    expect(result.stdout).toContain("plan dev: dev-state -> dev-dns -> dev-api -> dev-network -> dev-site -> dev-workflow");
  });

  test("fails on an unknown command or option with the usage", () => {
    expect(() => parseArgs(["apply", "dev"])).toThrow('unknown command "apply"; use one of plan, deploy, destroy');
    expect(() => parseArgs(["plan", "dev", "--force"])).toThrow("unknown option --force");
    expect(() => parseArgs(["plan"])).toThrow("name one environment or stack id, e.g. npm run plan -- dev");
    expect(() => parseArgs(["plan", "nosuch"])).toThrow('"nosuch" names no environment or stack: environments are dev, prod');
    expect(() => parseArgs(["deploy", "qa-api"])).toThrow("e.g. npm run deploy -- dev or dev-api");
    for (const target of ["dev", "prod-api", "pr42", "pr42-site", "bootstrap-111111111111"]) expect(parseArgs(["plan", target]).target).toBe(target);
  });
});

describe("credential checks", () => {
  const home = mkdtempSync(join(tmpdir(), "aws-home-"));
  test("accepts keys, web identity, and a profile with SSO", () => {
    expect(checkAwsCredentials({ AWS_ACCESS_KEY_ID: "x", AWS_SECRET_ACCESS_KEY: "y" }, home).source).toMatch(/AWS_ACCESS_KEY_ID/);
    expect(checkAwsCredentials({ AWS_WEB_IDENTITY_TOKEN_FILE: "/t", AWS_ROLE_ARN: "arn" }, home).source).toMatch(/web identity/);
    mkdirSync(join(home, ".aws"), { recursive: true });
    writeFileSync(join(home, ".aws", "config"), "[profile dev-admin]\nsso_session = corp\nregion = eu-west-1\n");
    expect(checkAwsCredentials({ AWS_PROFILE: "dev-admin" }, home).source).toMatch(/profile "dev-admin".*sso_session/);
  });

  test("fails on a profile that does not exist, listing the ones there are", () => {
    const check = checkAwsCredentials({ AWS_PROFILE: "nope" }, home);
    expect(check.problem).toContain('AWS_PROFILE: "nope"');
    expect(check.problem).toContain("profiles dev-admin");
    expect(check.problem).toContain('no profile "nope"');
  });

  test("fails on keys without the secret", () => {
    expect(checkAwsCredentials({ AWS_ACCESS_KEY_ID: "x" }, home).problem).toContain("AWS_SECRET_ACCESS_KEY is missing");
  });

  test("fails without an HCP Terraform token, naming the variable and terraform login", () => {
    const check = checkHcpToken({}, "app.terraform.io", home);
    expect(check.problem).toContain("TF_TOKEN_app_terraform_io (not set)");
    expect(check.problem).toContain("terraform login app.terraform.io");
    expect(checkHcpToken({ TF_TOKEN_app_terraform_io: "t" }, "app.terraform.io", home).source).toContain("TF_TOKEN_app_terraform_io");
  });
});
