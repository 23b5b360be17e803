import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { App, TerraformStack } from "cdktf";
import { KmsKey } from "../../constructs/kms-key";
import { SecureBucket } from "../../constructs/secure-bucket";
import { checkStacks, hasErrors, readSynthesizedStacks } from "../../policies/check";
import { formatTable } from "../../policies/report";
import { suppress } from "../../policies/suppress";

const REASON = "this is the access-log bucket itself; logging it to itself would loop";

/** A customer-managed key, so the buckets below satisfy s3-kms-encryption and only the rule under test speaks. */
function key(stack: TerraformStack): KmsKey {
  return (stack.node.tryFindChild("key") as KmsKey | undefined) ?? new KmsKey(stack, "key", { alias: "booking-test", description: "test", accountId: "123456789012", region: "eu-west-1" });
}

/** Synthesizes one stack the way `npm run synth` does and returns its cdk.tf.json. */
function synthesize(build: (stack: TerraformStack) => void) {
  const outdir = mkdtempSync(join(tmpdir(), "policy-suppress-"));
  try {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, "test");
    new AwsProvider(stack, "aws", { region: "eu-west-1" });
    build(stack);
    app.synth();
    return readSynthesizedStacks(outdir);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe("suppress()", () => {
  test("writes the reason into the // comment of the resources the rule checks, where synth keeps it", () => {
    const stacks = synthesize((stack) => suppress(new SecureBucket(stack, "logs", { bucketName: "booking-test-logs", encryptionKey: key(stack) }), "s3-access-logs", REASON));
    const json = stacks.test;
    const [bucket] = Object.values<any>(json.resource.aws_s3_bucket);
    expect(bucket["//"].suppressions).toEqual({ "s3-access-logs": REASON });
    // Only the bucket: the rule does not check the bucket's policy, versioning, … resources.
    expect(Object.values<any>(json.resource.aws_s3_bucket_policy)[0]["//"].suppressions).toBeUndefined();
    const report = checkStacks(stacks);
    expect(hasErrors(report)).toBe(false);
    expect(report.findings.find((f) => f.rule.id === "s3-access-logs")?.suppressedBecause).toBe(REASON);
    expect(formatTable(report, 1)).toContain(`s3-access-logs: ${REASON}`);
  });

  test("SecureBucket's allowAclLogDelivery opt-in suppresses s3-acls-disabled with its reason", () => {
    const report = checkStacks(synthesize((stack) => new SecureBucket(stack, "cdn-logs", { bucketName: "booking-test-cdn-logs", allowAclLogDelivery: true })));
    const acls = report.findings.find((f) => f.rule.id === "s3-acls-disabled");
    expect(acls?.result.status).toBe("non-compliant");
    expect(acls?.suppressedBecause).toContain("CloudFront standard logging writes log files with the awslogsdelivery account's ACL");
  });

  test("fails on an unknown rule, naming it and the known ones", () => {
    expect(() => synthesize((stack) => suppress(new SecureBucket(stack, "logs", { bucketName: "booking-test-logs" }), "s3-acces-logs", REASON))).toThrow(
      /suppress\(test\/logs\): the suppression names unknown rule "s3-acces-logs"; rules of that service are: s3-public-access-block, /,
    );
  });

  test("fails without a reason of at least 10 characters", () => {
    expect(() => synthesize((stack) => suppress(new SecureBucket(stack, "logs", { bucketName: "booking-test-logs" }), "s3-access-logs", "log bucket"))).not.toThrow();
    expect(() => synthesize((stack) => suppress(new SecureBucket(stack, "logs", { bucketName: "booking-test-logs" }), "s3-access-logs", "  no  "))).toThrow(
      /of "s3-access-logs" needs a reason of at least 10 characters .*; received "  no  "/,
    );
  });

  test("fails when nothing under the construct is of a type the rule checks", () => {
    expect(() => synthesize((stack) => suppress(new SecureBucket(stack, "logs", { bucketName: "booking-test-logs" }), "lambda-tracing", REASON))).toThrow(
      'suppress(test/logs, "lambda-tracing"): no resource under test/logs is of a type the rule checks (aws_lambda_function)',
    );
  });
});

describe("suppressions in the synthesized JSON", () => {
  const publicPolicy = (stack: TerraformStack) => {
    const logs = new SecureBucket(stack, "logs", { bucketName: "booking-test-logs", encryptionKey: key(stack) });
    const bucket = new SecureBucket(stack, "site", { bucketName: "booking-test-site", accessLogs: { bucket: logs, prefix: "site/" }, encryptionKey: key(stack) });
    suppress(stack.node.findChild("logs"), "s3-access-logs", REASON);
    return new S3BucketPolicy(stack, "public", {
      bucket: bucket.bucket.id,
      policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${bucket.arn}/*` }] }),
    });
  };

  test("one added with an escape hatch (addOverride) is honoured like suppress()", () => {
    const stacks = synthesize((stack) => publicPolicy(stack).addOverride("//.suppressions.s3-no-public-principal", "public downloads are the product of this bucket"));
    expect(hasErrors(checkStacks(stacks))).toBe(false);
  });

  test("fails when one added with an escape hatch names an unknown rule or gives no reason", () => {
    const stacks = synthesize((stack) => {
      const policy = publicPolicy(stack);
      policy.addOverride("//.suppressions.s3-public", "public downloads are the product");
      policy.addOverride("//.suppressions.s3-no-public-principal", "ok");
    });
    const report = checkStacks(stacks);
    expect(hasErrors(report)).toBe(true);
    const messages = report.suppressionProblems.map((p) => p.message);
    expect(messages).toHaveLength(2);
    expect(messages).toContainEqual(expect.stringContaining('names unknown rule "s3-public"; rules of that service are: s3-public-access-block, s3-versioning,'));
    expect(messages).toContainEqual(expect.stringContaining('of "s3-no-public-principal" needs a reason of at least 10 characters'));
  });

  test("warns about a suppression that no longer excuses anything", () => {
    const stacks = synthesize((stack) => {
      const logs = new SecureBucket(stack, "logs", { bucketName: "booking-test-logs", encryptionKey: key(stack) });
      suppress(logs, "s3-access-logs", REASON);
      suppress(logs, "s3-versioning", "kept from an older version of this bucket");
    });
    const report = checkStacks(stacks);
    expect(hasErrors(report)).toBe(false);
    expect(report.suppressionProblems).toEqual([expect.objectContaining({ severity: "warning", ruleId: "s3-versioning", message: expect.stringContaining("unused suppression") })]);
  });
});

test("docs/guardrails.md documents the suppression key the checker reads", () => {
  expect(readFileSync(join(__dirname, "..", "..", "docs", "guardrails.md"), "utf8")).toContain('"//": { "suppressions"');
});
