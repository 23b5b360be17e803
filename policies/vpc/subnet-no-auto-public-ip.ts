import { compliant, isTrue, nonCompliant, type Rule } from "../core/rule";

export const vpcSubnetNoAutoPublicIp: Rule = {
  id: "vpc-subnet-no-auto-public-ip",
  severity: "warning",
  industry: "CKV_AWS_130",
  description: "Subnets do not give every launched instance a public IP (map_public_ip_on_launch); NAT gateways and load balancers get theirs explicitly.",
  fix: "Remove map_public_ip_on_launch (it defaults to false).",
  resourceTypes: ["aws_subnet"],
  check(subnet) {
    return isTrue(subnet.config.map_public_ip_on_launch) ? nonCompliant("map_public_ip_on_launch is true") : compliant;
  },
};
