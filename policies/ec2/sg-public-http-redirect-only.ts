import { block, blocks, compliant, fromProblems, notApplicable, type Resource, type Rule } from "../core/rule";
import { coversTcpPort, isOpenToWorld, securityGroupRules } from "../core/security-group-rules";
import type { StackContext } from "../core/stack-context";

const LISTENER_TYPES = ["aws_lb_listener", "aws_alb_listener"];

/** The security group a rule resource belongs to (itself, or the group its security_group_id names). */
function groupOf(resource: Resource, stack: StackContext): Resource | undefined {
  if (resource.type === "aws_security_group") return resource;
  return stack.resolve(resource.config.security_group_id, "aws_security_group")[0];
}

export const ec2SgPublicHttpRedirectOnly: Rule = {
  id: "ec2-sg-public-http-redirect-only",
  severity: "error",
  industry: "CKV_AWS_260",
  description:
    "Port 80 is open to the internet only on a load balancer's security group, and every port-80 listener of that load balancer only redirects to HTTPS " +
    "(so plain HTTP never reaches a target; browsers typing the bare name still get to HTTPS).",
  fix: "Remove the 0.0.0.0/0 (or ::/0) rule for port 80, or use it only on a load balancer whose port-80 listeners have a single redirect default_action to HTTPS and no listener rules.",
  resourceTypes: ["aws_security_group", "aws_security_group_rule", "aws_vpc_security_group_ingress_rule"],
  check(resource, stack) {
    const open = securityGroupRules(resource).filter((r) => r.direction === "ingress" && isOpenToWorld(r) && coversTcpPort(r, 80));
    if (open.length === 0) return notApplicable("does not open port 80 to the internet");
    const group = groupOf(resource, stack);
    if (!group) return fromProblems([`opens port 80 to the internet on a security group that is not in this stack (${resource.config.security_group_id}), so no redirect can be shown`]);
    const balancers = ["aws_lb", "aws_alb"].flatMap((t) => stack.ofType(t)).filter((lb) => stack.refersTo(lb.config.security_groups, group, ["id"]));
    if (balancers.length === 0) return fromProblems([`opens port 80 to the internet on ${group.address}, which no load balancer of this stack uses`]);
    const problems: string[] = [];
    for (const lb of balancers) {
      const http = stack.referencing(LISTENER_TYPES, "load_balancer_arn", lb, ["arn", "id"]).filter((l) => Number(l.config.port) === 80);
      if (http.length === 0) problems.push(`${lb.address} has no port-80 listener, so the open port serves nothing; remove the rule`);
      for (const listener of http) {
        const actions = blocks(listener.config.default_action);
        if (actions.length !== 1 || actions[0].type !== "redirect" || block(actions[0].redirect).protocol !== "HTTPS") {
          problems.push(`${listener.address} on port 80 does more than redirect to HTTPS`);
        }
        const rules = stack.referencing(["aws_lb_listener_rule", "aws_alb_listener_rule"], "listener_arn", listener, ["arn", "id"]);
        if (rules.length > 0) problems.push(`${listener.address} on port 80 has listener rules (${rules.map((r) => r.address).join(", ")}) that can serve plain HTTP`);
      }
    }
    return problems.length === 0 ? compliant : fromProblems(problems);
  },
};
