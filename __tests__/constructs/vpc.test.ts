import { Vpc, type VpcProps } from "../../constructs/vpc";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { only, resources, synth, testConfig, Testing, type Json } from "../helpers";

const base: VpcProps = {
  name: "test",
  region: "eu-west-1",
  accountId: "111111111111",
  cidr: "10.0.0.0/16",
  availabilityZones: ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  publicSubnets: ["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"],
  privateSubnets: ["10.0.10.0/24", "10.0.11.0/24", "10.0.12.0/24"],
  flowLogs: { logGroupName: "/aws/vpc/test/flow-logs", roleName: "test-flow-logs", retentionDays: 30 },
};

function vpcJson(props: Partial<VpcProps> = {}): Json {
  const stack = new EnvironmentStack(Testing.app(), "test", testConfig("dev"));
  new Vpc(stack, "vpc", { ...base, ...props });
  return synth(stack);
}

describe("Vpc", () => {
  const json = vpcJson();
  const subnets = Object.values(resources(json, "aws_subnet"));

  test("a public and a private subnet in every zone, none giving public IPs", () => {
    expect(subnets).toHaveLength(6);
    for (const zone of base.availabilityZones) {
      expect(subnets.filter((s) => s.availability_zone === zone).map((s) => s.tags.Tier).sort()).toEqual(["private", "public"]);
    }
    expect(subnets.every((s) => s.map_public_ip_on_launch === false)).toBe(true);
    expect(subnets.map((s) => s.cidr_block).sort()).toEqual([...base.publicSubnets, ...base.privateSubnets].sort());
  });

  test("public subnets route to the internet gateway, private ones to a NAT gateway in their own zone", () => {
    const routes = Object.values(resources(json, "aws_route"));
    expect(routes.filter((r) => r.gateway_id?.includes("aws_internet_gateway"))).toHaveLength(1);
    const natRoutes = Object.entries(resources(json, "aws_route")).filter(([, r]) => r.nat_gateway_id);
    expect(natRoutes).toHaveLength(3);
    for (const [id, route] of natRoutes) {
      const zone = /private-(eu-west-1[a-c])-default-route/.exec(id)![1];
      expect(route.nat_gateway_id).toMatch(new RegExp(`aws_nat_gateway\\.vpc_nat-${zone}_`));
    }
    expect(Object.keys(resources(json, "aws_route_table_association"))).toHaveLength(6);
  });

  test.each([
    ["per-az", 3],
    ["single", 1],
  ] as const)("natGateways %p: %p NAT gateway(s), each with an Elastic IP in a public subnet", (natGateways, count) => {
    const j = vpcJson({ natGateways });
    expect(Object.keys(resources(j, "aws_nat_gateway"))).toHaveLength(count);
    expect(Object.values(resources(j, "aws_eip")).filter((e) => e.domain === "vpc")).toHaveLength(count);
    for (const nat of Object.values(resources(j, "aws_nat_gateway"))) expect(nat.subnet_id).toMatch(/aws_subnet\.vpc_public-/);
    // every private zone keeps its own route table and default route
    expect(Object.values(resources(j, "aws_route")).filter((r) => r.nat_gateway_id)).toHaveLength(3);
  });

  test("defaults to a NAT gateway per zone", () => {
    expect(Object.keys(resources(json, "aws_nat_gateway"))).toHaveLength(3);
  });

  test("takes over the default security group with no rules at all", () => {
    const group = only(json, "aws_default_security_group");
    expect(group.ingress).toEqual([]);
    expect(group.egress).toEqual([]);
  });

  test("S3 and DynamoDB gateway endpoints on every private route table", () => {
    const endpoints = Object.values(resources(json, "aws_vpc_endpoint"));
    expect(endpoints.map((e) => e.service_name).sort()).toEqual(["com.amazonaws.eu-west-1.dynamodb", "com.amazonaws.eu-west-1.s3"]);
    for (const e of endpoints) {
      expect(e.vpc_endpoint_type).toBe("Gateway");
      expect(e.route_table_ids).toHaveLength(3);
      expect(e.route_table_ids.every((id: string) => /aws_route_table\.vpc_private-/.test(id))).toBe(true);
    }
  });

  test("flow logs of all traffic to a log group with retention, through a role with exactly the needed actions", () => {
    expect(only(json, "aws_flow_log")).toMatchObject({
      traffic_type: "ALL",
      log_destination_type: "cloud-watch-logs",
      log_destination: expect.stringContaining("aws_cloudwatch_log_group."),
      iam_role_arn: expect.stringContaining("aws_iam_role."),
    });
    expect(only(json, "aws_cloudwatch_log_group")).toMatchObject({ name: "/aws/vpc/test/flow-logs", retention_in_days: 30 });
    const trust = JSON.parse(only(json, "aws_iam_role").assume_role_policy);
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "vpc-flow-logs.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": "111111111111" } },
      },
    ]);
    const policy = JSON.parse(only(json, "aws_iam_role_policy").policy);
    expect(policy.Statement).toHaveLength(1);
    expect(policy.Statement[0].Action).toEqual(["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"]);
    expect(policy.Statement[0].Resource).toEqual([expect.stringMatching(/^\$\{aws_cloudwatch_log_group\..*\.arn\}$/), expect.stringMatching(/\.arn\}:\*$/)]);
  });

  test("fails on overlapping subnets, naming the setting, the value and the clash", () => {
    expect(() => vpcJson({ privateSubnets: ["10.0.10.0/24", "10.0.1.0/24", "10.0.12.0/24"] })).toThrow(
      'Vpc dev-test/vpc: invalid subnet layout:\n  - privateSubnets[1] "10.0.1.0/24" overlaps publicSubnets[1] ("10.0.1.0/24"); give every subnet a block of its own',
    );
  });

  test("fails on a subnet outside the VPC's block", () => {
    expect(() => vpcJson({ publicSubnets: ["10.0.0.0/24", "10.1.1.0/24", "10.0.2.0/24"] })).toThrow(
      `publicSubnets[1] "10.1.1.0/24" is outside the VPC's block (cidr "10.0.0.0/16"); choose a block inside it`,
    );
  });

  test("fails on a single availability zone", () => {
    expect(() => vpcJson({ availabilityZones: ["eu-west-1a"], publicSubnets: ["10.0.0.0/24"], privateSubnets: ["10.0.10.0/24"] })).toThrow(
      'availabilityZones ["eu-west-1a"] must list at least 2 availability zones',
    );
  });

  test("fails on a flow-log retention CloudWatch does not offer", () => {
    expect(() => vpcJson({ flowLogs: { ...base.flowLogs, retentionDays: 10 } })).toThrow("Vpc dev-test/vpc: flowLogs.retentionDays 10 is not a CloudWatch Logs retention period; use one of 1, 3, 5, 7, 14");
  });
});
