import { block, compliant, isSet, nonCompliant, notApplicable, type Rule } from "../core/rule";

export const elbTargetGroupHealthCheck: Rule = {
  id: "elb-target-group-health-check",
  severity: "warning",
  industry: "CKV_AWS_261",
  description: "An HTTP(S) target group checks its targets' health on an explicit path, so traffic only goes to instances that serve.",
  fix: "Add health_check { enabled = true, path = \"/health\", matcher = \"200\" } to the aws_lb_target_group.",
  resourceTypes: ["aws_lb_target_group", "aws_alb_target_group"],
  check(group) {
    const c = group.config;
    if (c.target_type === "lambda") return notApplicable("Lambda targets are not health-checked by path");
    if (c.protocol !== undefined && c.protocol !== "HTTP" && c.protocol !== "HTTPS") return notApplicable(`a ${c.protocol} target group has no HTTP health check`);
    const check = block(c.health_check);
    if (check.enabled === false || check.enabled === "false") return nonCompliant("health_check.enabled is false");
    return isSet(check.path) ? compliant : nonCompliant("health_check has no path");
  },
};
