import { compliant, isSet, nonCompliant, type Rule } from "../core/rule";

export const logsKms: Rule = {
  id: "logs-kms",
  severity: "error",
  industry: "CKV_AWS_158",
  description: "A CloudWatch log group is encrypted with a customer-managed KMS key (kms_key_id). Excused by suppression where the config chose encryption \"aws-managed\".",
  fix: "Set kms_key_id to a KmsKey of the log group's region whose policy allows logs.<region>.amazonaws.com for that group (KmsKey.allowLogGroups), or suppress with the reason.",
  resourceTypes: ["aws_cloudwatch_log_group"],
  check(group) {
    return isSet(group.config.kms_key_id) ? compliant : nonCompliant("no kms_key_id: only CloudWatch Logs' own encryption protects the events");
  },
};
