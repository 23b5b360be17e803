import { change, fail, pass, type RuleCase, without } from "./case";

const vpc = {
  "aws_vpc.main": { cidr_block: "10.10.0.0/16", enable_dns_hostnames: true, enable_dns_support: true },
  "aws_flow_log.main": { vpc_id: "${aws_vpc.main.id}", traffic_type: "ALL", log_destination: "${aws_cloudwatch_log_group.flow.arn}", iam_role_arn: "${aws_iam_role.flow.arn}" },
  "aws_default_security_group.main": { vpc_id: "${aws_vpc.main.id}" },
  "aws_subnet.public-a": { vpc_id: "${aws_vpc.main.id}", cidr_block: "10.10.0.0/24", availability_zone: "eu-west-1a" },
};

export const VPC_CASES: RuleCase[] = [
  pass("vpc-flow-logs", "a flow log for the VPC", "aws_vpc.main", vpc),
  fail("vpc-flow-logs", "no flow log", "aws_vpc.main", "no aws_flow_log refers to this VPC", without(vpc, "aws_flow_log.main")),
  fail("vpc-flow-logs", "a flow log of another VPC", "aws_vpc.main", "no aws_flow_log", change(vpc, "aws_flow_log.main", { vpc_id: "${aws_vpc.main-2.id}" })),

  pass("vpc-default-sg-closed", "the default SG taken over without rules", "aws_vpc.main", vpc),
  pass("vpc-default-sg-closed", "empty ingress and egress lists", "aws_default_security_group.main", change(vpc, "aws_default_security_group.main", { ingress: [], egress: [] })),
  fail("vpc-default-sg-closed", "a VPC whose default SG is left alone", "aws_vpc.main", "no aws_default_security_group", without(vpc, "aws_default_security_group.main")),
  fail("vpc-default-sg-closed", "a default SG with an ingress rule", "aws_default_security_group.main", "the default security group has ingress rules", change(vpc, "aws_default_security_group.main", { ingress: [{ protocol: "-1", self: true, from_port: 0, to_port: 0 }] })),

  pass("vpc-subnet-no-auto-public-ip", "a subnet without auto-assigned public IPs", "aws_subnet.public-a", vpc),
  fail("vpc-subnet-no-auto-public-ip", "map_public_ip_on_launch", "aws_subnet.public-a", "map_public_ip_on_launch is true", change(vpc, "aws_subnet.public-a", { map_public_ip_on_launch: true })),
];
