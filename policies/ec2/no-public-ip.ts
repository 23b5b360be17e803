import { blocks, fromProblems, isTrue, type Rule } from "../core/rule";
import { INSTANCE_TYPES } from "./instances";

export const ec2NoPublicIp: Rule = {
  id: "ec2-no-public-ip",
  severity: "error",
  industry: "CKV_AWS_88",
  description: "Instances get no public IP address (they sit in private subnets behind the load balancer and reach out through NAT).",
  fix: "Remove associate_public_ip_address (or set it false) and launch into private subnets.",
  resourceTypes: INSTANCE_TYPES,
  check(resource) {
    const c = resource.config;
    if (resource.type === "aws_instance") return fromProblems(isTrue(c.associate_public_ip_address) ? ["associate_public_ip_address is true"] : []);
    return fromProblems(
      blocks(c.network_interfaces)
        .filter((n) => isTrue(n.associate_public_ip_address))
        .map((n) => `network interface ${n.device_index ?? 0} sets associate_public_ip_address`),
    );
  },
};
