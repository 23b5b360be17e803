import { fromProblems, type Resource, type Result } from "../core/rule";
import { coversTcpPort, describeRule, isOpenToWorld, securityGroupRules } from "../core/security-group-rules";

/** Ingress rules of a resource that let the whole internet reach a TCP port. */
export function worldIngressTo(resource: Resource, port: number): Result {
  return fromProblems(
    securityGroupRules(resource)
      .filter((r) => r.direction === "ingress" && isOpenToWorld(r) && coversTcpPort(r, port))
      .map((r) => `${describeRule(resource, r)} opens port ${port} to the internet`),
  );
}
