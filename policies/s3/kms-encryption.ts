import { block, blocks, compliant, isSet, nonCompliant, type Json, type Rule } from "../core/rule";
import { bucketConfigs } from "./bucket-refs";

function kmsRule(config: Json): Json | undefined {
  return blocks(config.rule).map((r) => block(r.apply_server_side_encryption_by_default)).find((d) => String(d.sse_algorithm ?? "").startsWith("aws:kms"));
}

export const s3KmsEncryption: Rule = {
  id: "s3-kms-encryption",
  severity: "error",
  industry: "CKV_AWS_145",
  description:
    "A bucket's default encryption is SSE-KMS with a customer-managed key (sse_algorithm \"aws:kms\" and kms_master_key_id set). " +
    "Excused by suppression where AWS log delivery must write SSE-S3, and in environments whose config chose encryption \"aws-managed\".",
  fix: "Give the SecureBucket an encryptionKey (a KmsKey), or suppress with the reason (log-delivery bucket; encryption \"aws-managed\").",
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, stack) {
    const inline = kmsRule(block(bucket.config.server_side_encryption_configuration));
    const found = inline ?? bucketConfigs(stack, "aws_s3_bucket_server_side_encryption_configuration", bucket).map((c) => kmsRule(c.config)).find(Boolean);
    if (!found) return nonCompliant("default encryption is not aws:kms (SSE-S3 or none): the data is not under a key this account controls");
    return isSet(found.kms_master_key_id) ? compliant : nonCompliant("aws:kms without kms_master_key_id uses the AWS-managed aws/s3 key, whose policy cannot be changed");
  },
};
