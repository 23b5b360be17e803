import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { Vpc as AwsVpc } from "@cdktf/provider-aws/lib/vpc";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { subnetLayoutProblems } from "../lib/cidr";
import { isLogRetentionDays, LOG_RETENTION_DAYS } from "../lib/validation";
import { assumeRolePolicy, policyDocument } from "../lib/iam";
import type { KmsKey } from "./kms-key";

/** Actions the VPC Flow Logs service needs on its log group, and nothing more. */
export const FLOW_LOG_ACTIONS = ["logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"] as const;

export interface VpcProps {
  /** Prefix of every `Name` tag, e.g. "booking-dev". */
  readonly name: string;
  /** Region of the VPC; every availability zone must be in it. */
  readonly region: string;
  /** Account the flow logs are delivered for (confused-deputy guard in the flow-logs role's trust policy). */
  readonly accountId: string;
  /** IPv4 block of the VPC, /16 to /28, e.g. "10.0.0.0/16". */
  readonly cidr: string;
  /** Two or more zones of `region`, given explicitly so planning needs no lookup. */
  readonly availabilityZones: readonly string[];
  /** One block per availability zone, in the same order, inside `cidr`. */
  readonly publicSubnets: readonly string[];
  /** One block per availability zone, in the same order, inside `cidr`. */
  readonly privateSubnets: readonly string[];
  /**
   * "single": one NAT gateway, in the first zone, shared by every private subnet (cheaper; the
   * private subnets lose egress when that zone fails). "per-az": one in every zone.
   * @default "per-az" - a NAT gateway in every AZ
   */
  readonly natGateways?: "single" | "per-az";
  /** Where the VPC flow logs (every accepted and rejected flow) go. */
  readonly flowLogs: {
    /** CloudWatch Logs group name, e.g. "/aws/vpc/booking-dev/flow-logs". */
    readonly logGroupName: string;
    /** Name of the IAM role the flow-logs service assumes (see `Names.of(…, "iamRole")`). */
    readonly roleName: string;
    /** Days the log group keeps events (a CloudWatch Logs retention period). */
    readonly retentionDays: number;
    /** Customer-managed key of the flow log group. @default - CloudWatch Logs' own encryption */
    readonly encryptionKey?: KmsKey;
  };
}

/**
 * A VPC over two or more availability zones: a public and a private subnet in each, an internet
 * gateway for the public subnets, NAT gateway(s) for the private ones, S3 and DynamoDB gateway
 * endpoints on the private route tables (that traffic stays off the NAT gateways), flow logs of all
 * traffic to CloudWatch Logs, and the default security group taken over with every rule removed.
 * Nothing gets a public IP address on launch.
 */
export class Vpc extends Construct {
  public readonly vpc: AwsVpc;
  public readonly publicSubnets: Subnet[];
  public readonly privateSubnets: Subnet[];
  public readonly natGateways: NatGateway[];
  public readonly privateRouteTables: RouteTable[];
  /** The private subnets' default routes; depend on them for anything that needs outbound access at boot. */
  public readonly privateDefaultRoutes: Route[];
  /** The S3 and DynamoDB gateway endpoints on the private route tables. */
  public readonly gatewayEndpoints: VpcEndpoint[];
  public readonly flowLogGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: VpcProps) {
    super(scope, id);
    validate(this.node.path, props);
    const { name, availabilityZones: zones } = props;
    const tags = (suffix: string) => ({ Name: `${name}-${suffix}` });

    this.vpc = new AwsVpc(this, "vpc", {
      cidrBlock: props.cidr,
      // Needed for private DNS of interface endpoints (SSM) and for instance host names.
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: tags("vpc"),
    });
    const vpcId = this.vpc.id;

    // Taking the default group over removes its allow-all rules: nothing can use it by accident.
    new DefaultSecurityGroup(this, "default-security-group", { vpcId, ingress: [], egress: [], tags: tags("default-unused") });

    const internetGateway = new InternetGateway(this, "internet-gateway", { vpcId, tags: tags("igw") });

    this.publicSubnets = zones.map(
      (zone, i) =>
        new Subnet(this, `public-${zone}`, {
          vpcId,
          availabilityZone: zone,
          cidrBlock: props.publicSubnets[i],
          mapPublicIpOnLaunch: false,
          tags: { ...tags(`public-${zone}`), Tier: "public" },
        }),
    );
    this.privateSubnets = zones.map(
      (zone, i) =>
        new Subnet(this, `private-${zone}`, {
          vpcId,
          availabilityZone: zone,
          cidrBlock: props.privateSubnets[i],
          mapPublicIpOnLaunch: false,
          tags: { ...tags(`private-${zone}`), Tier: "private" },
        }),
    );

    const publicRouteTable = new RouteTable(this, "public-routes", { vpcId, tags: tags("public") });
    new Route(this, "public-default-route", {
      routeTableId: publicRouteTable.id,
      destinationCidrBlock: "0.0.0.0/0",
      gatewayId: internetGateway.id,
    });
    this.publicSubnets.forEach((subnet, i) => {
      new RouteTableAssociation(this, `public-${zones[i]}-routes`, { subnetId: subnet.id, routeTableId: publicRouteTable.id });
    });

    const natZones = (props.natGateways ?? "per-az") === "single" ? zones.slice(0, 1) : zones;
    this.natGateways = natZones.map((zone, i) => {
      const eip = new Eip(this, `nat-${zone}-ip`, { domain: "vpc", tags: tags(`nat-${zone}`), dependsOn: [internetGateway] });
      return new NatGateway(this, `nat-${zone}`, {
        allocationId: eip.allocationId,
        subnetId: this.publicSubnets[i].id,
        tags: tags(`nat-${zone}`),
        dependsOn: [internetGateway],
      });
    });

    // One route table per zone even with a single NAT gateway, so switching to "per-az" only changes routes.
    this.privateRouteTables = zones.map((zone) => new RouteTable(this, `private-${zone}-routes`, { vpcId, tags: tags(`private-${zone}`) }));
    this.privateDefaultRoutes = this.privateRouteTables.map(
      (table, i) =>
        new Route(this, `private-${zones[i]}-default-route`, {
          routeTableId: table.id,
          destinationCidrBlock: "0.0.0.0/0",
          natGatewayId: this.natGateways[Math.min(i, this.natGateways.length - 1)].id,
        }),
    );
    this.privateSubnets.forEach((subnet, i) => {
      new RouteTableAssociation(this, `private-${zones[i]}-routes-association`, { subnetId: subnet.id, routeTableId: this.privateRouteTables[i].id });
    });

    // Gateway endpoints cost nothing and keep S3 (artifacts, dnf repositories) and DynamoDB traffic off the NAT gateways.
    this.gatewayEndpoints = ["s3", "dynamodb"].map(
      (service) =>
        new VpcEndpoint(this, `${service}-endpoint`, {
          vpcId,
          serviceName: `com.amazonaws.${props.region}.${service}`,
          vpcEndpointType: "Gateway",
          routeTableIds: this.privateRouteTables.map((t) => t.id),
          tags: tags(service),
        }),
    );

    this.flowLogGroup = new CloudwatchLogGroup(this, "flow-log-group", {
      name: props.flowLogs.logGroupName,
      retentionInDays: props.flowLogs.retentionDays,
      kmsKeyId: props.flowLogs.encryptionKey?.arn,
    });
    props.flowLogs.encryptionKey?.allowLogGroups(props.flowLogs.logGroupName);
    const flowLogRole = new IamRole(this, "flow-log-role", {
      name: props.flowLogs.roleName,
      assumeRolePolicy: assumeRolePolicy("vpc-flow-logs.amazonaws.com", { StringEquals: { "aws:SourceAccount": props.accountId } }),
    });
    new IamRolePolicy(this, "flow-log-role-policy", {
      role: flowLogRole.name,
      name: "write-flow-logs",
      policy: policyDocument({ Effect: "Allow", Action: [...FLOW_LOG_ACTIONS], Resource: [this.flowLogGroup.arn, `${this.flowLogGroup.arn}:*`] }),
    });
    new FlowLog(this, "flow-log", {
      vpcId,
      trafficType: "ALL",
      logDestinationType: "cloud-watch-logs",
      logDestination: this.flowLogGroup.arn,
      iamRoleArn: flowLogRole.arn,
      maxAggregationInterval: 60,
      tags: tags("flow-log"),
    });
  }

  public get vpcId(): string {
    return this.vpc.id;
  }
}

function validate(path: string, props: VpcProps): void {
  const days = props.flowLogs.retentionDays;
  if (!Token.isUnresolved(days) && !isLogRetentionDays(days)) {
    throw new Error(`Vpc ${path}: flowLogs.retentionDays ${days} is not a CloudWatch Logs retention period; use one of ${LOG_RETENTION_DAYS.join(", ")}`);
  }
  const layout = {
    region: props.region,
    cidr: props.cidr,
    availabilityZones: props.availabilityZones,
    publicSubnets: props.publicSubnets,
    privateSubnets: props.privateSubnets,
  };
  const values = [layout.region, layout.cidr, ...layout.availabilityZones, ...layout.publicSubnets, ...layout.privateSubnets];
  if (values.some((v) => Token.isUnresolved(v))) return;
  const problems = subnetLayoutProblems(layout);
  if (problems.length === 0) return;
  const describe = (p: ReadonlyArray<string | number>) => p.map((k, i) => (typeof k === "number" ? `[${k}]` : `${i > 0 ? "." : ""}${k}`)).join("");
  const valueAt = (p: ReadonlyArray<string | number>): unknown => p.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], layout);
  throw new Error(
    `Vpc ${path}: invalid subnet layout:\n` +
      problems.map((p) => `  - ${describe(p.path)} ${JSON.stringify(valueAt(p.path))} ${p.message}`).join("\n"),
  );
}
