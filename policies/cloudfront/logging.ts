import { block, compliant, isSet, nonCompliant, type Rule } from "../core/rule";

export const cloudfrontLogging: Rule = {
  id: "cloudfront-logging",
  severity: "error",
  industry: "CKV_AWS_86, AwsSolutions-CFR3",
  description: "A distribution writes access logs: standard logging (logging_config.bucket) or a CloudWatch log delivery source for its ACCESS_LOGS.",
  fix: "Set logging_config { bucket = <log bucket>.bucket_domain_name, prefix = \"cloudfront/\" }, or add an aws_cloudwatch_log_delivery_source (log_type \"ACCESS_LOGS\", resource_arn = the distribution's arn) with a delivery.",
  resourceTypes: ["aws_cloudfront_distribution"],
  check(distribution, stack) {
    if (isSet(block(distribution.config.logging_config).bucket)) return compliant;
    const sources = stack.referencing("aws_cloudwatch_log_delivery_source", "resource_arn", distribution, ["arn"]);
    if (sources.some((s) => s.config.log_type === "ACCESS_LOGS")) return compliant;
    return nonCompliant("no logging_config.bucket and no aws_cloudwatch_log_delivery_source of ACCESS_LOGS for this distribution");
  },
};
