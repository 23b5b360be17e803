import { block, compliant, nonCompliant, notApplicable, type Rule, strings } from "../core/rule";

/**
 * CloudFront standard logging writes with ACLs, so the log bucket's object ownership must allow them
 * (BucketOwnerPreferred) before logging is configured. Terraform sees no reference from the
 * distribution to the aws_s3_bucket_ownership_controls, so without depends_on it may create or update
 * both at once and CreateDistribution fails ("The S3 bucket that you specified for CloudFront logs
 * does not enable ACL access").
 */
export const cloudfrontLoggingAclReady: Rule = {
  id: "cloudfront-logging-acl-ready",
  severity: "error",
  industry: "none in checkov",
  description: "A distribution with standard logging depends_on its log bucket's aws_s3_bucket_ownership_controls, so logging is never turned on before the bucket accepts ACLs.",
  fix: "Add dependsOn: [logBucket.ownershipControls] to the distribution (SecureBucket exposes ownershipControls).",
  resourceTypes: ["aws_cloudfront_distribution"],
  check(distribution, stack) {
    const bucketRef = block(distribution.config.logging_config).bucket;
    if (typeof bucketRef !== "string") return notApplicable("no standard logging");
    const [bucket] = stack.resolve(bucketRef, "aws_s3_bucket");
    if (!bucket) return notApplicable("the log bucket is not in this stack");
    const controls = stack.referencing("aws_s3_bucket_ownership_controls", "bucket", bucket, ["id", "bucket"]);
    if (controls.length === 0) return nonCompliant(`the log bucket ${bucket.address} has no aws_s3_bucket_ownership_controls in this stack`);
    const dependsOn = strings(distribution.config.depends_on);
    if (controls.some((o) => dependsOn.includes(o.address))) return compliant;
    return nonCompliant(`depends_on does not name ${controls[0].address}, the ownership controls of the log bucket ${bucket.address}`);
  },
};
