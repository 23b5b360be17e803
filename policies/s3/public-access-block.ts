import { compliant, isTrue, nonCompliant, type Rule } from "../core/rule";
import { bucketConfigs } from "./bucket-refs";

const FLAGS = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];

export const s3PublicAccessBlock: Rule = {
  id: "s3-public-access-block",
  severity: "error",
  industry: "CKV2_AWS_6, CKV_AWS_53-56, AwsSolutions-S2",
  description: "Every bucket has an aws_s3_bucket_public_access_block with all four flags true (or the account-level block has them).",
  fix: "Create the bucket with SecureBucket, or add an aws_s3_bucket_public_access_block for it with block_public_acls, block_public_policy, ignore_public_acls and restrict_public_buckets all true.",
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, stack) {
    if (stack.ofType("aws_s3_account_public_access_block").some((b) => FLAGS.every((f) => isTrue(b.config[f])))) return compliant;
    const blocks = bucketConfigs(stack, "aws_s3_bucket_public_access_block", bucket);
    if (blocks.length === 0) return nonCompliant("no aws_s3_bucket_public_access_block refers to this bucket");
    const off = FLAGS.filter((flag) => !blocks.some((b) => isTrue(b.config[flag])));
    return off.length === 0 ? compliant : nonCompliant(`${blocks.map((b) => b.address).join(", ")} leaves ${off.join(", ")} not true`);
  },
};
