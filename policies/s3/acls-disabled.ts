import { block, compliant, nonCompliant, type Rule } from "../core/rule";
import { bucketConfigs } from "./bucket-refs";

export const s3AclsDisabled: Rule = {
  id: "s3-acls-disabled",
  severity: "error",
  industry: "CKV2_AWS_65",
  description: "Every bucket has an aws_s3_bucket_ownership_controls with object_ownership \"BucketOwnerEnforced\": ACLs are disabled and the bucket owner owns every object.",
  fix: "Create the bucket with SecureBucket, or add an aws_s3_bucket_ownership_controls with rule.object_ownership = \"BucketOwnerEnforced\"; a log bucket that AWS log delivery writes with ACLs gets a suppression saying so.",
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, stack) {
    const controls = bucketConfigs(stack, "aws_s3_bucket_ownership_controls", bucket);
    if (controls.length === 0) return nonCompliant("no aws_s3_bucket_ownership_controls refers to this bucket, so ACLs are enabled");
    const ownership = controls.map((c) => block(c.config.rule).object_ownership);
    return ownership.includes("BucketOwnerEnforced") ? compliant : nonCompliant(`${controls[0].address} sets object_ownership "${ownership[0]}", which leaves ACLs enabled`);
  },
};
