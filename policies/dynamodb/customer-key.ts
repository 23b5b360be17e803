import { block, compliant, isSet, isTrue, nonCompliant, type Rule } from "../core/rule";

export const dynamodbCustomerKey: Rule = {
  id: "dynamodb-customer-key",
  severity: "error",
  industry: "CKV_AWS_119",
  description: "A DynamoDB table is encrypted with a customer-managed KMS key (server_side_encryption { enabled = true, kms_key_arn = <key> }). Excused by suppression where the config chose encryption \"aws-managed\".",
  fix: "Give the Table an encryptionKey (a KmsKey; config encryption \"kms\"), or suppress with the reason.",
  resourceTypes: ["aws_dynamodb_table"],
  check(table) {
    const sse = block(table.config.server_side_encryption);
    if (!isTrue(sse.enabled)) return nonCompliant("server_side_encryption.enabled is not true: the AWS-owned key encrypts the table");
    return isSet(sse.kms_key_arn) ? compliant : nonCompliant("server_side_encryption has no kms_key_arn: the AWS-managed aws/dynamodb key encrypts the table");
  },
};
