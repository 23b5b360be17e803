import { fromProblems, type Rule } from "../core/rule";
import { describeRule, isOpenToWorld, SECURITY_GROUP_RULE_TYPES, securityGroupRules } from "../core/security-group-rules";

export const ec2SgNoUnrestrictedEgress: Rule = {
  id: "ec2-sg-no-unrestricted-egress",
  severity: "warning",
  industry: "CKV_AWS_382",
  description: "No security group rule allows every protocol out to 0.0.0.0/0 or ::/0. A warning: instances that install packages need HTTPS out, which is fine.",
  fix: "Allow only what is needed out: tcp 443 to 0.0.0.0/0 (package repositories, AWS APIs through NAT) and the application ports to security groups.",
  resourceTypes: SECURITY_GROUP_RULE_TYPES,
  check(resource) {
    return fromProblems(
      securityGroupRules(resource)
        .filter((r) => r.direction === "egress" && r.protocol === "-1" && isOpenToWorld(r))
        .map((r) => `${describeRule(resource, r)} allows all traffic out`),
    );
  },
};
