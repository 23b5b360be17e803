import { compliant, nonCompliant, type Rule } from "../core/rule";

export const logsRetentionOneYear: Rule = {
  id: "logs-retention-one-year",
  severity: "error",
  industry: "CKV_AWS_338",
  description: "A CloudWatch log group keeps its events at least a year (retention_in_days >= 365), long enough to investigate an incident found late. Excused by suppression where config logRetentionDays is shorter on purpose (development).",
  fix: "Set config logRetentionDays to 365 or more, or suppress with the reason the environment keeps logs shorter.",
  resourceTypes: ["aws_cloudwatch_log_group"],
  check(group) {
    const days = Number(group.config.retention_in_days ?? 0);
    if (days === 0) return compliant;
    return days >= 365 ? compliant : nonCompliant(`retention_in_days is ${days}, less than 365`);
  },
};
