import { compliant, nonCompliant, type Rule } from "../core/rule";

export const vpcFlowLogs: Rule = {
  id: "vpc-flow-logs",
  severity: "error",
  industry: "CKV2_AWS_11, AwsSolutions-VPC7",
  description: "Every VPC has an aws_flow_log whose vpc_id refers to it.",
  fix: "Add an aws_flow_log { vpc_id = <vpc>.id, traffic_type = \"ALL\", log_destination = <log group>.arn, iam_role_arn = <role>.arn }.",
  resourceTypes: ["aws_vpc"],
  check(vpc, stack) {
    return stack.referencing("aws_flow_log", "vpc_id", vpc, ["id"]).length > 0 ? compliant : nonCompliant("no aws_flow_log refers to this VPC");
  },
};
