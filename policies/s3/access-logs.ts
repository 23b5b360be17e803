import { block, compliant, isSet, nonCompliant, type Rule } from "../core/rule";
import { bucketConfigs } from "./bucket-refs";

export const s3AccessLogs: Rule = {
  id: "s3-access-logs",
  severity: "error",
  industry: "CKV_AWS_18, AwsSolutions-S1",
  description: "Every bucket has S3 server access logging (an aws_s3_bucket_logging with a target_bucket) so requests to it can be audited.",
  fix: "Pass accessLogs: { bucket, prefix } to SecureBucket, or add an aws_s3_bucket_logging; a bucket that is itself the access-log bucket gets a suppression saying so.",
  resourceTypes: ["aws_s3_bucket"],
  check(bucket, stack) {
    if (isSet(block(bucket.config.logging).target_bucket)) return compliant;
    const logging = bucketConfigs(stack, "aws_s3_bucket_logging", bucket);
    if (logging.length === 0) return nonCompliant("no aws_s3_bucket_logging refers to this bucket");
    return logging.some((l) => isSet(l.config.target_bucket)) ? compliant : nonCompliant(`${logging[0].address} has no target_bucket`);
  },
};
