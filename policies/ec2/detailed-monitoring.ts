import { block, compliant, isTrue, nonCompliant, type Rule } from "../core/rule";
import { INSTANCE_TYPES } from "./instances";

export const ec2DetailedMonitoring: Rule = {
  id: "ec2-detailed-monitoring",
  severity: "warning",
  industry: "CKV_AWS_126, AwsSolutions-EC28",
  description: "Instances publish one-minute CloudWatch metrics (detailed monitoring).",
  fix: "Set monitoring { enabled = true } on the launch template (aws_instance: monitoring = true).",
  resourceTypes: INSTANCE_TYPES,
  check(resource) {
    const monitoring = resource.type === "aws_instance" ? resource.config.monitoring : block(resource.config.monitoring).enabled;
    return isTrue(monitoring) ? compliant : nonCompliant("detailed monitoring is off");
  },
};
