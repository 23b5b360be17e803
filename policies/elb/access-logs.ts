import { block, fromProblems, isSet, isTrue, type Rule } from "../core/rule";
import { LOAD_BALANCER_TYPES } from "./load-balancer";

export const elbAccessLogs: Rule = {
  id: "elb-access-logs",
  severity: "error",
  industry: "CKV_AWS_91, AwsSolutions-ELB2",
  description: "A load balancer writes access logs to S3 (access_logs { enabled = true, bucket = … }).",
  fix: "Set access_logs { bucket = <log bucket>.bucket, prefix = \"alb\", enabled = true } (enabled defaults to false even with a bucket) and let the ELB log delivery write to the bucket.",
  resourceTypes: LOAD_BALANCER_TYPES,
  check(lb) {
    const logs = block(lb.config.access_logs);
    return fromProblems([
      ...(isSet(logs.bucket) ? [] : ["access_logs has no bucket"]),
      ...(isTrue(logs.enabled) ? [] : ["access_logs.enabled is not true"]),
    ]);
  },
};
