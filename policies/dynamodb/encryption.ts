import { block, compliant, isTrue, nonCompliant, type Rule } from "../core/rule";

export const dynamodbEncryption: Rule = {
  id: "dynamodb-encryption",
  severity: "error",
  industry: "CKV_AWS_119 (relaxed: the AWS-managed KMS key is accepted)",
  description: "A DynamoDB table is encrypted with a KMS key it can audit (server_side_encryption.enabled = true: the AWS-managed key, or a customer key), not only the AWS-owned default key.",
  fix: "Create the table with the Table construct, or set server_side_encryption { enabled = true } (optionally kms_key_arn).",
  resourceTypes: ["aws_dynamodb_table"],
  check(table) {
    return isTrue(block(table.config.server_side_encryption).enabled) ? compliant : nonCompliant("server_side_encryption.enabled is not true");
  },
};
