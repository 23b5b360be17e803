import { block, blocks, compliant, nonCompliant, type Json, type Rule } from "../core/rule";
import { bucketConfigs } from "./bucket-refs";

const ALGORITHMS = ["AES256", "aws:kms", "aws:kms:dsse"];

function encrypts(config: Json): boolean {
  return blocks(config.rule).some((r) => ALGORITHMS.includes(block(r.apply_server_side_encryption_by_default).sse_algorithm));
}

export const s3Encryption: Rule = {
  id: "s3-encryption",
  severity: "error",
  industry: "CKV_AWS_19",
  description: "Every bucket has default server-side encryption (AES256 or aws:kms) declared in an aws_s3_bucket_server_side_encryption_configuration.",
  fix: "Create the bucket with SecureBucket, or add an aws_s3_bucket_server_side_encryption_configuration with apply_server_side_encryption_by_default.sse_algorithm \"AES256\" or \"aws:kms\".",
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, stack) {
    if (encrypts(block(bucket.config.server_side_encryption_configuration))) return compliant;
    const configs = bucketConfigs(stack, "aws_s3_bucket_server_side_encryption_configuration", bucket);
    if (configs.length === 0) return nonCompliant("no aws_s3_bucket_server_side_encryption_configuration refers to this bucket");
    return configs.some((c) => encrypts(c.config)) ? compliant : nonCompliant(`${configs[0].address} sets no sse_algorithm of ${ALGORITHMS.join(", ")}`);
  },
};
