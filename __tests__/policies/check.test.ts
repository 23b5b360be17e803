import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import type { App } from "cdktf";
import { loadConfig } from "../../config";
import { enforcePolicies, PolicyError } from "../../policies";
import { checkStacks, hasErrors, readSynthesizedStacks, suppressed, unsuppressed } from "../../policies/check";
import { parsePolicy } from "../../policies/core/policy-document";
import { StackContext } from "../../policies/core/stack-context";
import { formatRulesMarkdown } from "../../policies/report";
import { RULES } from "../../policies/rules";
import { buildEnvironment, type EnvironmentStacks } from "../../stacks";
import { synthAtomically } from "../../stacks/synth";
import { snapshotTree, synthesizedOutdir } from "../helpers";

const ROOT = join(__dirname, "..", "..");

/** Every stack of every environment in config/environments, as main.ts builds them. */
function buildAll(app: App, change?: (stacks: EnvironmentStacks) => void, stage = ""): void {
  for (const config of loadConfig({ env: { STAGE: stage } })) {
    const stacks = buildEnvironment(app, config);
    if (config.name === "dev") change?.(stacks);
  }
}

describe("the real stacks", () => {
  const outdir = join(mkdtempSync(join(tmpdir(), "policy-")), "cdktf.out");
  afterAll(() => rmSync(join(outdir, ".."), { recursive: true, force: true }));
  let log: jest.SpyInstance;
  beforeEach(() => (log = jest.spyOn(console, "log").mockImplementation(() => undefined)));
  afterEach(() => log.mockRestore());

  test("of every environment have no unsuppressed error, and each suppression has its reason", () => {
    // The run's shared synth (scripts/synth.js, which already enforced the policies); checked again here.
    const shared = synthesizedOutdir();
    enforcePolicies(shared);
    const report = checkStacks(readSynthesizedStacks(shared));
    expect(report.stacks).toEqual(expect.arrayContaining(["dev-state", "dev-dns", "dev-api", "prod-state", "prod-dns", "prod-api"]));
    expect(unsuppressed(report, "error").map((f) => `${f.stack} ${f.address} ${f.rule.id}`)).toEqual([]);
    expect(hasErrors(report)).toBe(false);
    // Each (stack, rule) excused at least once. Production's are only the choices AWS forces (log
    // buckets that log delivery writes) and the execution data kept out of its workflow logs.
    expect([...new Set(suppressed(report).map((f) => `${f.stack} ${f.rule.id}`))].sort()).toEqual([
      "bootstrap-111111111111 iam-no-wildcard-resources",
      "bootstrap-222222222222 iam-no-wildcard-resources",
      "dev-api dynamodb-customer-key",
      "dev-api logs-kms",
      "dev-api logs-retention-one-year",
      "dev-network elb-deletion-protection",
      "dev-network logs-kms",
      "dev-network logs-retention-one-year",
      "dev-network s3-access-logs",
      "dev-network s3-kms-encryption",
      "dev-site cloudfront-waf",
      "dev-site cloudfront-waf-managed-rules",
      "dev-site logs-kms",
      "dev-site logs-retention-one-year",
      "dev-site s3-access-logs",
      "dev-site s3-acls-disabled",
      "dev-site s3-kms-encryption",
      "dev-state s3-access-logs",
      "dev-state s3-kms-encryption",
      "dev-workflow logs-kms",
      "dev-workflow logs-retention-one-year",
      "prod-network s3-access-logs",
      "prod-network s3-kms-encryption",
      "prod-site s3-access-logs",
      "prod-site s3-acls-disabled",
      "prod-site s3-kms-encryption",
      "prod-state s3-access-logs",
      "prod-state s3-kms-encryption",
      "prod-workflow stepfunctions-logging",
    ]);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^policies: \d+ rules, \d+ checks on 16 stacks: 0 errors, 0 warnings, \d+ suppressed/));
  });

  test.each([
    [
      "an override that turns off a public access block flag",
      (s: EnvironmentStacks) => s.state!.stateBucket.publicAccessBlock.addOverride("block_public_policy", false),
      "s3-public-access-block",
      "aws_s3_bucket.state-bucket_828F7150",
      "leaves block_public_policy not true",
    ],
    [
      'a bucket policy that allows Principal "*"',
      (s: EnvironmentStacks) =>
        new S3BucketPolicy(s.state!, "public-read", {
          bucket: s.state!.stateBucket.bucket.id,
          policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${s.state!.stateBucket.arn}/*` }] }),
        }),
      "s3-no-public-principal",
      "aws_s3_bucket_policy.public-read",
      'statement PublicRead allows s3:GetObject to Principal "*"',
    ],
    [
      "a launch template whose override removes IMDSv2",
      (s: EnvironmentStacks) =>
        new LaunchTemplate(s.api, "reporting", {
          metadataOptions: { httpTokens: "required", httpPutResponseHopLimit: 1 },
          blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }],
          monitoring: { enabled: true },
        }).addOverride("metadata_options.http_tokens", "optional"),
      "ec2-imdsv2",
      "aws_launch_template.reporting",
      'metadata_options.http_tokens is "optional"',
    ],
    [
      "an apostrophe back in the load balancer security group's description (EC2 CreateSecurityGroup rejects it)",
      (s: EnvironmentStacks) => s.network.reporting.loadBalancerSecurityGroup.addOverride("description", "Reporting load balancer: HTTP/HTTPS from the internet, to the instances' service port only"),
      "ec2-sg-description-charset",
      "aws_security_group.reporting_alb-security-group_0C9A2885",
      `contains "'" (U+0027) at position 71, which EC2 rejects`,
    ],
    [
      "a provider default tag value with a character AWS tagging rejects",
      (s: EnvironmentStacks) => s.api.provider.addOverride("default_tags.0.tags.Team", "R&D"),
      "tags-values",
      "provider.aws",
      'default_tags[0].tags.Team value "R&D" contains "&" (U+0026) at position 1',
    ],
  ])("fail synth on %s, naming the rule and the resource, and leave cdktf.out unchanged", (_name, regress, rule, address, message) => {
    // The previous output: a copy of the run's shared synth of every environment.
    rmSync(outdir, { recursive: true, force: true });
    cpSync(synthesizedOutdir(), outdir, { recursive: true, dereference: true });
    const before = snapshotTree(outdir);
    let error: unknown;
    try {
      synthAtomically(outdir, (app) => buildAll(app, regress, "dev"), enforcePolicies);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PolicyError);
    const report = (error as PolicyError).message;
    expect(report).toMatch(/^policy check found 1 error \(cdktf.out is left unchanged\):\n\ndev-(state|api|network)\n/);
    expect(report).toContain(`  ${address}`);
    expect(report).toContain(`✗ ${rule} [`);
    expect(report).toContain(message);
    expect(report).toContain(`Fix: ${RULES.find((r) => r.id === rule)!.fix}`);
    expect(snapshotTree(outdir)).toEqual(before);
  });
});

describe("policy documents", () => {
  const stack = new StackContext("test", {
    data: { aws_iam_policy_document: { trust: { statement: [{ actions: ["sts:AssumeRole"], principals: [{ type: "Service", identifiers: ["lambda.amazonaws.com"] }] }] } } },
  });

  test("are read from JSON.stringify output with Terraform interpolations inside", () => {
    const doc = parsePolicy("policy", JSON.stringify({ Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "${aws_s3_bucket.site.arn}/*" } }), stack);
    expect(doc.statements).toEqual([expect.objectContaining({ effect: "Allow", actions: ["s3:GetObject"], resources: ["${aws_s3_bucket.site.arn}/*"], principals: {} })]);
  });

  test("are read from an aws_iam_policy_document data source", () => {
    const doc = parsePolicy("assume_role_policy", "${data.aws_iam_policy_document.trust.json}", stack);
    expect(doc.statements).toEqual([expect.objectContaining({ effect: "Allow", actions: ["sts:AssumeRole"], principals: { Service: ["lambda.amazonaws.com"] } })]);
  });

  test("fail to read anything else, saying how to write it", () => {
    expect(parsePolicy("policy", "${jsonencode(local.doc)}", stack).error).toContain("write it with JSON.stringify or an aws_iam_policy_document data source");
    expect(parsePolicy("policy", "${data.aws_iam_policy_document.gone.json}", stack).error).toContain("names a data source that is not in this stack");
  });
});

test("docs/guardrails.md's rule table is the registry's (npm run policy -- --markdown --write)", () => {
  const readme = readFileSync(join(ROOT, "docs", "guardrails.md"), "utf8");
  const table = /<!-- policy-rules:start -->\n([\s\S]*?)\n<!-- policy-rules:end -->/.exec(readme)?.[1];
  expect(table).toBe(formatRulesMarkdown(RULES));
});
