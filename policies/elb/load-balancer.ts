import type { Resource } from "../core/rule";

export const LOAD_BALANCER_TYPES = ["aws_lb", "aws_alb"] as const;

/** Application load balancers (the default type), which speak HTTP. */
export function isApplication(lb: Resource): boolean {
  return (lb.config.load_balancer_type ?? "application") === "application";
}
