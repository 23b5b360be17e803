import { compliant, isTrue, nonCompliant, type Rule } from "../core/rule";
import { LOAD_BALANCER_TYPES } from "./load-balancer";

export const elbDeletionProtection: Rule = {
  id: "elb-deletion-protection",
  severity: "warning",
  industry: "CKV_AWS_150",
  description: "A load balancer has deletion protection. A warning: environments that are torn down often (config deletionProtection = false) go without.",
  fix: "Set enable_deletion_protection = config.deletionProtection (true in production).",
  resourceTypes: LOAD_BALANCER_TYPES,
  check(lb) {
    return isTrue(lb.config.enable_deletion_protection) ? compliant : nonCompliant("enable_deletion_protection is not true");
  },
};
