import { fromProblems, type Rule } from "../core/rule";
import { coversAllPorts, describeRule, isOpenToWorld, SECURITY_GROUP_RULE_TYPES, securityGroupRules } from "../core/security-group-rules";

export const ec2SgNoPublicAllPorts: Rule = {
  id: "ec2-sg-no-public-all-ports",
  severity: "error",
  industry: "CKV_AWS_277, AwsSolutions-EC23",
  description: "No security group rule admits 0.0.0.0/0 or ::/0 on every port (protocol -1 or ports 0-65535).",
  fix: "Open only the listener ports (443, 80) to the internet, on the load balancer's security group; everything else from security groups.",
  resourceTypes: SECURITY_GROUP_RULE_TYPES,
  check(resource) {
    return fromProblems(
      securityGroupRules(resource)
        .filter((r) => r.direction === "ingress" && isOpenToWorld(r) && coversAllPorts(r))
        .map((r) => `${describeRule(resource, r)} opens every port to the internet`),
    );
  },
};
