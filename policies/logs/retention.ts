import { compliant, nonCompliant, type Rule } from "../core/rule";

export const logsRetention: Rule = {
  id: "logs-retention",
  severity: "error",
  industry: "CKV_AWS_66",
  description: "A CloudWatch log group expires its events (retention_in_days set, not 0 = forever), so logs neither pile up cost nor outlive their purpose.",
  fix: "Set retention_in_days = config.logRetentionDays.",
  resourceTypes: ["aws_cloudwatch_log_group"],
  check(group) {
    const days = Number(group.config.retention_in_days ?? 0);
    return days > 0 ? compliant : nonCompliant(`retention_in_days is ${group.config.retention_in_days ?? "(unset)"}: events are kept forever`);
  },
};
