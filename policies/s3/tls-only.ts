import { isAnyone, parsePolicy, type Statement } from "../core/policy-document";
import { compliant, nonCompliant, strings, type Rule } from "../core/rule";
import { bucketConfigs } from "./bucket-refs";

/** Deny for anyone when aws:SecureTransport is false (or the TLS version is below 1.2). */
function deniesInsecureTransport(s: Statement): boolean {
  if (s.effect !== "Deny" || !isAnyone(s) || s.notAction) return false;
  if (!s.actions.some((a) => a === "*" || a.toLowerCase() === "s3:*")) return false;
  const secureTransport = s.conditions.Bool?.["aws:SecureTransport"];
  const tlsVersion = s.conditions.NumericLessThan?.["s3:TlsVersion"];
  return strings(secureTransport).includes("false") || tlsVersion !== undefined;
}

export const s3TlsOnly: Rule = {
  id: "s3-tls-only",
  severity: "error",
  industry: "AwsSolutions-S10",
  description: "Every bucket has a bucket policy that denies s3:* to anyone when aws:SecureTransport is false.",
  fix: "Create the bucket with SecureBucket (its policy denies insecure transport), or add to its aws_s3_bucket_policy a Deny of \"s3:*\" for Principal \"*\" with Condition {\"Bool\": {\"aws:SecureTransport\": \"false\"}}.",
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, stack) {
    const policies = bucketConfigs(stack, "aws_s3_bucket_policy", bucket).map((p) => parsePolicy(`${p.address}.policy`, p.config.policy, stack));
    if (bucket.config.policy !== undefined) policies.push(parsePolicy("policy", bucket.config.policy, stack));
    if (policies.length === 0) return nonCompliant("no aws_s3_bucket_policy refers to this bucket, so plain-HTTP requests are not denied");
    const unreadable = policies.find((p) => p.error);
    if (policies.some((p) => p.statements.some(deniesInsecureTransport))) return compliant;
    return nonCompliant(unreadable?.error ?? `the bucket policy has no Deny for aws:SecureTransport = false`);
  },
};
