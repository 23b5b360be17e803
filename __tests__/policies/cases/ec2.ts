import { change, fail, pass, type RuleCase, skip } from "./case";

/** The launch template the network stack is meant to synthesize (launch template attribute shapes). */
const lt = {
  "aws_launch_template.reporting": {
    name_prefix: "booking-dev-reporting-",
    image_id: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
    instance_type: "t4g.small",
    metadata_options: { http_endpoint: "enabled", http_tokens: "required", http_put_response_hop_limit: 1 },
    block_device_mappings: [{ device_name: "/dev/xvda", ebs: { encrypted: "true", volume_size: 20, volume_type: "gp3" } }],
    network_interfaces: [{ associate_public_ip_address: "false", security_groups: ["${aws_security_group.instances.id}"] }],
    monitoring: { enabled: true },
  },
  "aws_instance.bastion": {
    ami: "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64",
    instance_type: "t4g.nano",
    metadata_options: { http_tokens: "required", http_put_response_hop_limit: 1 },
    root_block_device: { encrypted: true },
    monitoring: true,
  },
  "aws_ebs_volume.data": { availability_zone: "eu-west-1a", size: 10, encrypted: true },
};
const LT = "aws_launch_template.reporting";
const meta = lt[LT].metadata_options;

const sgs = {
  "aws_security_group.alb": {
    name: "booking-dev-alb",
    description: "Load balancer: HTTPS and the HTTP redirect from the internet",
    vpc_id: "${aws_vpc.main.id}",
    ingress: [
      { description: "HTTPS from the internet", from_port: 443, to_port: 443, protocol: "tcp", cidr_blocks: ["0.0.0.0/0"], ipv6_cidr_blocks: ["::/0"] },
      { description: "HTTP, redirected to HTTPS", from_port: 80, to_port: 80, protocol: "tcp", cidr_blocks: ["0.0.0.0/0"] },
    ],
    egress: [{ description: "to the instances", from_port: 8080, to_port: 8080, protocol: "tcp", security_groups: ["${aws_security_group.instances.id}"] }],
  },
  "aws_vpc_security_group_ingress_rule.instances-from-alb": { security_group_id: "${aws_security_group.instances.id}", description: "reporting service from the load balancer", ip_protocol: "tcp", from_port: 8080, to_port: 8080, referenced_security_group_id: "${aws_security_group.alb.id}" },
  "aws_vpc_security_group_egress_rule.instances-https": { security_group_id: "${aws_security_group.instances.id}", description: "HTTPS out: packages, SSM, AWS APIs", ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "0.0.0.0/0" },
  "aws_security_group_rule.ssh-office": { type: "ingress", security_group_id: "${aws_security_group.instances.id}", description: "SSH from the office", from_port: 22, to_port: 22, protocol: "tcp", cidr_blocks: ["203.0.113.0/24"] },
};
const world = (rule: object) => ({ ...sgs, "aws_vpc_security_group_ingress_rule.bad": { security_group_id: "${aws_security_group.instances.id}", description: "oops", cidr_ipv4: "0.0.0.0/0", ...rule } });

export const EC2_CASES: RuleCase[] = [
  pass("ec2-imdsv2", "http_tokens required on the launch template", LT, lt),
  pass("ec2-imdsv2", "http_tokens required on an instance", "aws_instance.bastion", lt),
  fail("ec2-imdsv2", "an override back to optional tokens", LT, 'http_tokens is "optional"', change(lt, LT, { metadata_options: { ...meta, http_tokens: "optional" } })),
  fail("ec2-imdsv2", "no metadata options", "aws_instance.bastion", "(unset: optional)", change(lt, "aws_instance.bastion", { metadata_options: undefined })),

  pass("ec2-imds-hop-limit", "hop limit 1", LT, lt),
  fail("ec2-imds-hop-limit", "hop limit 2", LT, "http_put_response_hop_limit is 2", change(lt, LT, { metadata_options: { ...meta, http_put_response_hop_limit: 2 } })),
  skip("ec2-imds-hop-limit", "metadata service off", LT, change(lt, LT, { metadata_options: { http_endpoint: "disabled" } })),

  pass("ec2-ebs-encrypted", "an encrypted root volume in the launch template", LT, lt),
  pass("ec2-ebs-encrypted", "an encrypted instance root volume", "aws_instance.bastion", lt),
  pass("ec2-ebs-encrypted", "EBS encryption by default in the stack", LT, { ...change(lt, LT, { block_device_mappings: undefined }), "aws_ebs_encryption_by_default.on": { enabled: true } }),
  fail("ec2-ebs-encrypted", "a launch template without block devices", LT, "no block_device_mappings", change(lt, LT, { block_device_mappings: undefined })),
  fail("ec2-ebs-encrypted", "an unencrypted block device", LT, 'block device /dev/xvda has ebs.encrypted "false"', change(lt, LT, { block_device_mappings: [{ device_name: "/dev/xvda", ebs: { encrypted: "false" } }] })),
  fail("ec2-ebs-encrypted", "an unencrypted volume", "aws_ebs_volume.data", "encrypted is not true", change(lt, "aws_ebs_volume.data", { encrypted: false })),

  pass("ec2-no-public-ip", "no public address", LT, lt),
  fail("ec2-no-public-ip", "a launch template that asks for one", LT, "associate_public_ip_address", change(lt, LT, { network_interfaces: [{ associate_public_ip_address: "true" }] })),
  fail("ec2-no-public-ip", "an instance with one", "aws_instance.bastion", "associate_public_ip_address is true", change(lt, "aws_instance.bastion", { associate_public_ip_address: true })),

  pass("ec2-detailed-monitoring", "monitoring on", LT, lt),
  fail("ec2-detailed-monitoring", "monitoring off", LT, "detailed monitoring is off", change(lt, LT, { monitoring: undefined })),

  pass("ec2-sg-no-public-ssh", "SSH from an office range only", "aws_security_group_rule.ssh-office", sgs),
  fail("ec2-sg-no-public-ssh", "SSH from 0.0.0.0/0", "aws_security_group_rule.ssh-office", "opens port 22 to the internet", change(sgs, "aws_security_group_rule.ssh-office", { cidr_blocks: ["0.0.0.0/0"] })),
  fail("ec2-sg-no-public-ssh", "a port range 0-1024 from ::/0 inline", "aws_security_group.alb", "ingress[0]", change(sgs, "aws_security_group.alb", { ingress: [{ description: "x", from_port: 0, to_port: 1024, protocol: "tcp", ipv6_cidr_blocks: ["::/0"] }] })),

  pass("ec2-sg-no-public-rdp", "only 80 and 443 from the internet", "aws_security_group.alb", sgs),
  fail("ec2-sg-no-public-rdp", "RDP from 0.0.0.0/0", "aws_vpc_security_group_ingress_rule.bad", "opens port 3389", world({ ip_protocol: "tcp", from_port: 3389, to_port: 3389 })),

  pass("ec2-sg-no-public-all-ports", "only 80 and 443 from the internet", "aws_security_group.alb", sgs),
  fail("ec2-sg-no-public-all-ports", "all traffic from 0.0.0.0/0", "aws_vpc_security_group_ingress_rule.bad", "opens every port", world({ ip_protocol: "-1" })),

  pass("ec2-sg-descriptions", "a described group and rules", "aws_security_group.alb", sgs),
  pass("ec2-sg-descriptions", "a described standalone rule", "aws_vpc_security_group_ingress_rule.instances-from-alb", sgs),
  fail("ec2-sg-descriptions", "Terraform's default group description", "aws_security_group.alb", "no description of its own", change(sgs, "aws_security_group.alb", { description: "Managed by Terraform" })),
  fail("ec2-sg-descriptions", "a rule without description", "aws_vpc_security_group_ingress_rule.instances-from-alb", "rule has no description", change(sgs, "aws_vpc_security_group_ingress_rule.instances-from-alb", { description: undefined })),

  pass("ec2-sg-no-unrestricted-egress", "HTTPS out only", "aws_vpc_security_group_egress_rule.instances-https", sgs),
  fail("ec2-sg-no-unrestricted-egress", "all traffic out to 0.0.0.0/0", "aws_vpc_security_group_egress_rule.instances-https", "allows all traffic out", change(sgs, "aws_vpc_security_group_egress_rule.instances-https", { ip_protocol: "-1", from_port: undefined, to_port: undefined })),
];
