import { type Rule } from "../core/rule";
import { SECURITY_GROUP_RULE_TYPES } from "../core/security-group-rules";
import { worldIngressTo } from "./sg-admin-ports";

export const ec2SgNoPublicSsh: Rule = {
  id: "ec2-sg-no-public-ssh",
  severity: "error",
  industry: "CKV_AWS_24, AwsSolutions-EC23",
  description: "No security group rule admits 0.0.0.0/0 or ::/0 to port 22 (SSH).",
  fix: "Remove the rule and reach instances with SSM Session Manager; if SSH is needed, allow it from a named CIDR or security group only.",
  resourceTypes: SECURITY_GROUP_RULE_TYPES,
  check: (resource) => worldIngressTo(resource, 22),
};
