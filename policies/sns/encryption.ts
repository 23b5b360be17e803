import { compliant, isSet, nonCompliant, type Rule } from "../core/rule";

export const snsEncryption: Rule = {
  id: "sns-encryption",
  severity: "error",
  industry: "CKV_AWS_26",
  description: "An SNS topic encrypts its messages at rest with a KMS key (kms_master_key_id).",
  fix: "Set kms_master_key_id to a KmsKey whose policy lets the publishing services (e.g. cloudwatch.amazonaws.com) use it.",
  resourceTypes: ["aws_sns_topic"],
  check(topic) {
    return isSet(topic.config.kms_master_key_id) ? compliant : nonCompliant("no kms_master_key_id: messages are stored unencrypted");
  },
};
