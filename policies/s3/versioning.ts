import { block, compliant, isTrue, nonCompliant, type Rule } from "../core/rule";
import { bucketConfigs } from "./bucket-refs";

export const s3Versioning: Rule = {
  id: "s3-versioning",
  severity: "error",
  industry: "CKV_AWS_21",
  description: "Every bucket has versioning Enabled (an aws_s3_bucket_versioning that refers to it), so overwritten or deleted objects can be recovered.",
  fix: "Create the bucket with SecureBucket (versioned by default), or add an aws_s3_bucket_versioning with versioning_configuration.status = \"Enabled\".",
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, stack) {
    if (isTrue(block(bucket.config.versioning).enabled)) return compliant;
    const versionings = bucketConfigs(stack, "aws_s3_bucket_versioning", bucket);
    if (versionings.length === 0) return nonCompliant("no aws_s3_bucket_versioning refers to this bucket");
    const enabled = versionings.find((v) => block(v.config.versioning_configuration).status === "Enabled");
    return enabled ? compliant : nonCompliant(`${versionings[0].address} has status "${block(versionings[0].config.versioning_configuration).status}", not "Enabled"`);
  },
};
