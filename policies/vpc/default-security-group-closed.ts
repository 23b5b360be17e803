import { blocks, compliant, fromProblems, nonCompliant, type Rule } from "../core/rule";

export const vpcDefaultSecurityGroupClosed: Rule = {
  id: "vpc-default-sg-closed",
  severity: "error",
  industry: "CKV2_AWS_12",
  description: "Every VPC's default security group is taken over by an aws_default_security_group with no ingress and no egress rules, so nothing launched into it by accident can talk.",
  fix: "Add an aws_default_security_group { vpc_id = <vpc>.id } with no ingress and no egress blocks.",
  resourceTypes: ["aws_vpc", "aws_default_security_group"],
  check(resource, stack) {
    if (resource.type === "aws_default_security_group") {
      const c = resource.config;
      return fromProblems((["ingress", "egress"] as const).filter((d) => blocks(c[d]).length > 0).map((d) => `the default security group has ${d} rules`));
    }
    return stack.referencing("aws_default_security_group", "vpc_id", resource, ["id"]).length > 0
      ? compliant
      : nonCompliant("no aws_default_security_group refers to this VPC, so its default security group keeps AWS's allow-all-within-group rules");
  },
};
