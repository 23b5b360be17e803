import { fromProblems, isSet, type Rule } from "../core/rule";
import { SECURITY_GROUP_RULE_TYPES, securityGroupRules } from "../core/security-group-rules";

export const ec2SgDescriptions: Rule = {
  id: "ec2-sg-descriptions",
  severity: "error",
  industry: "CKV_AWS_23",
  description: "Every security group and every rule has a description that says why the traffic is allowed.",
  fix: "Give the aws_security_group a description (not Terraform's \"Managed by Terraform\") and every ingress/egress rule a description.",
  resourceTypes: SECURITY_GROUP_RULE_TYPES,
  check(resource) {
    const problems: string[] = [];
    const description = resource.config.description;
    if (resource.type === "aws_security_group" && (!isSet(description) || description === "Managed by Terraform")) problems.push("the security group has no description of its own");
    for (const rule of securityGroupRules(resource)) if (!isSet(rule.description)) problems.push(`${rule.where} has no description`);
    return fromProblems(problems);
  },
};
