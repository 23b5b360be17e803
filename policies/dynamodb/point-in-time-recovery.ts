import { block, compliant, isTrue, nonCompliant, type Rule } from "../core/rule";

export const dynamodbPointInTimeRecovery: Rule = {
  id: "dynamodb-pitr",
  severity: "error",
  industry: "CKV_AWS_28, AwsSolutions-DDB3",
  description: "A DynamoDB table has point-in-time recovery on.",
  fix: "Create the table with the Table construct, or set point_in_time_recovery { enabled = true }.",
  resourceTypes: ["aws_dynamodb_table"],
  check(table) {
    return isTrue(block(table.config.point_in_time_recovery).enabled) ? compliant : nonCompliant("point_in_time_recovery.enabled is not true");
  },
};
