import { compliant, notApplicable, nonCompliant, type Rule } from "../core/rule";
import { alarmsOn } from "./alarm-metrics";

/** The 5xx counts of an Application Load Balancer: its own answers and its targets'. */
const ALB_ERROR_METRICS = ["HTTPCode_ELB_5XX_Count", "HTTPCode_Target_5XX_Count"];

export const cloudwatchLoadBalancerErrorAlarm: Rule = {
  id: "cloudwatch-load-balancer-error-alarm",
  severity: "error",
  industry: "none in checkov (AWS Well-Architected REL06-BP01: monitor all components)",
  description: "Every Application Load Balancer has a CloudWatch alarm, in its own stack, on its 5xx count (AWS/ApplicationELB HTTPCode_ELB_5XX_Count or HTTPCode_Target_5XX_Count, dimension LoadBalancer).",
  fix: "Add an aws_cloudwatch_metric_alarm on namespace AWS/ApplicationELB, metric HTTPCode_ELB_5XX_Count (and HTTPCode_Target_5XX_Count), dimensions { LoadBalancer = <the load balancer's arn_suffix> } (stacks/alarms.ts), notifying the alarm topic.",
  resourceTypes: ["aws_lb", "aws_alb"],
  check(lb, stack) {
    const type = lb.config.load_balancer_type ?? "application";
    if (type !== "application") return notApplicable(`a ${type} load balancer has no HTTP 5xx metrics`);
    if (alarmsOn(stack, lb, "AWS/ApplicationELB", ALB_ERROR_METRICS, "LoadBalancer", ["arn_suffix"]).length > 0) return compliant;
    return nonCompliant(`load balancer ${lb.config.name ?? lb.name} has no alarm on ${ALB_ERROR_METRICS.join(" or ")} with LoadBalancer = its arn_suffix in this stack`);
  },
};
