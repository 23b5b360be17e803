import { type Rule } from "../core/rule";
import { SECURITY_GROUP_RULE_TYPES } from "../core/security-group-rules";
import { worldIngressTo } from "./sg-admin-ports";

export const ec2SgNoPublicRdp: Rule = {
  id: "ec2-sg-no-public-rdp",
  severity: "error",
  industry: "CKV_AWS_25, AwsSolutions-EC23",
  description: "No security group rule admits 0.0.0.0/0 or ::/0 to port 3389 (RDP).",
  fix: "Remove the rule and reach instances with SSM Session Manager (or Fleet Manager for RDP).",
  resourceTypes: SECURITY_GROUP_RULE_TYPES,
  check: (resource) => worldIngressTo(resource, 3389),
};
