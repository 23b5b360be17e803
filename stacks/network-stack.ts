import { TerraformOutput, TerraformResource, Token, type TerraformStack } from "cdktf";
import { makeUniqueId } from "cdktf/lib/private/unique";
import type { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import type { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import type { Lb } from "@cdktf/provider-aws/lib/lb";
import { RegionalWebAcl } from "../constructs/regional-web-acl";
import { ReportingSignIn } from "../constructs/reporting-sign-in";
import type { Construct } from "constructs";
import { join } from "node:path";
import { REPORTING_TABLE_ACTIONS } from "../app/reporting/actions";
import { tableEnvironment } from "../app/tables";
import { PROJECT_ROOT } from "../config/paths";
import { encryptionOf, type EnvironmentConfig } from "../config/schema";
import { KmsKey } from "../constructs/kms-key";
import { ReportingTier } from "../constructs/reporting-tier";
import type { Table } from "../constructs/table";
import { Vpc } from "../constructs/vpc";
import { suppress } from "../policies/suppress";
import type { DnsStack } from "./dns-stack";
import { addNetworkAlarms } from "./alarms";
import { EnvironmentStack } from "./environment-stack";

export { AMI, HEALTH_CHECK_PATH, READINESS_PATH, REPORTING_PATHS, SERVICE_PORT, TLS_POLICY } from "../constructs/reporting-tier";

/** The reporting tier's first-boot script, a template filled at synth. */
export const USER_DATA_TEMPLATE = join(PROJECT_ROOT, "app", "reporting", "user-data.sh");

export interface NetworkStackProps {
  /** Hosted zone for the load balancer's name and its certificate's validation records. */
  readonly dns: DnsStack;
  /** The tables the reporting service reads (created by the api stack). */
  readonly tables: { readonly apartments: Table; readonly reservations: Table; readonly nights: Table };
}

/**
 * The web tier: a VPC over the configured AZs and, in it, the reporting tier (constructs/reporting-tier.ts):
 * an internet-facing HTTPS load balancer that sends `/reporting` and `/reporting/*` to an Auto Scaling
 * group of instances in the private subnets, which run the reporting service from app/reporting.
 */
export class NetworkStack extends EnvironmentStack {
  public readonly vpc: Vpc;
  public readonly reporting: ReportingTier;
  public readonly loadBalancer: Lb;
  public readonly autoScalingGroup: AutoscalingGroup;
  public readonly launchTemplate: LaunchTemplate;

  constructor(scope: Construct, config: EnvironmentConfig, props: NetworkStackProps) {
    super(scope, "network", config);
    const { network } = config;
    const names = this.names;
    const fqdn = `${network.subdomain}.${config.domain}`;
    const key = encryptionOf(config) === "kms"
      ? new KmsKey(this, "reporting-key", { alias: names.of("reporting"), description: `Reporting artifacts and VPC flow logs of ${config.project} ${config.name}`, accountId: config.accountId, region: config.region })
      : undefined;

    this.vpc = new Vpc(this, "vpc", {
      name: names.of("vpc"),
      region: config.region,
      accountId: config.accountId,
      cidr: network.cidr,
      availabilityZones: network.availabilityZones,
      publicSubnets: network.publicSubnets,
      privateSubnets: network.privateSubnets,
      natGateways: network.natGateways,
      flowLogs: {
        logGroupName: `/aws/vpc/${names.of("vpc", "logGroup")}/flow-logs`,
        roleName: names.of("vpc-flow-logs", "iamRole"),
        retentionDays: config.logRetentionDays,
        encryptionKey: key,
      },
    });

    this.reporting = new ReportingTier(this, "reporting", {
      names,
      region: config.region,
      accountId: config.accountId,
      vpc: this.vpc,
      zone: props.dns.zone,
      domainName: fqdn,
      tables: [props.tables.apartments, props.tables.reservations, props.tables.nights],
      tableActions: REPORTING_TABLE_ACTIONS,
      encryptionKey: key,
      entry: "app/reporting/server.ts",
      userDataTemplateFile: USER_DATA_TEMPLATE,
      environment: {
        ...tableEnvironment({ apartments: tableName(props.tables.apartments), reservations: tableName(props.tables.reservations), nights: tableName(props.tables.nights) }),
      },
      instanceType: network.instanceType,
      minInstances: network.minInstances,
      maxInstances: network.maxInstances,
      instanceTags: { ...config.tags, Stack: this.node.id, Name: names.of("reporting") },
      logRetentionDays: config.logRetentionDays,
      deletionProtection: config.deletionProtection,
      forceDestroy: !config.deletionProtection,
    });
    this.loadBalancer = this.reporting.loadBalancer;
    this.autoScalingGroup = this.reporting.autoScalingGroup;
    this.launchTemplate = this.reporting.launchTemplate;
    suppress(this.reporting.logs, "s3-access-logs", "this bucket is the access-log destination (ALB logs and the artifact bucket's S3 access logs); logging it into itself would loop");
    suppress(this.reporting.logs, "s3-kms-encryption", "ALB access logs support only SSE-S3 on the destination bucket (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html), and so do S3 server access logs");
    if (!config.deletionProtection) {
      const override = config.production ? config.overrides.deletionProtection : undefined;
      suppress(this.loadBalancer, "elb-deletion-protection", override
        ? `deletionProtection is off in production environment ${config.name} by override: ${override}`
        : `config.deletionProtection is off in ${config.name}, so the environment can be torn down with cdktf destroy; production turns it on`);
    }
    // Sign-in before forwarding (issue #14): only signed-in operators reach the reporting service. The
    // target group's health checks go to the instances directly, so /reporting/live needs no session.
    const signIn = new ReportingSignIn(this, "sign-in", {
      userPoolName: names.of("reporting-operators"),
      // Prefix domains (<prefix>.auth.<region>.amazoncognito.com) are shared by every AWS account:
      // the account id keeps this one from colliding with another customer's.
      domainPrefix: `${names.of("reporting")}-${config.accountId}`,
      domainName: fqdn,
      loadBalancerSecurityGroupId: this.reporting.loadBalancerSecurityGroup.id,
      deletionProtection: config.deletionProtection,
    });
    this.reporting.reportingRule.putAction([signIn.authenticateAction, { type: "forward", order: 2, targetGroupArn: this.reporting.targetGroup.arn }]);
    if (config.site.waf) new RegionalWebAcl(this, "waf", { name: names.of("reporting", "wafWebAcl"), resourceArn: this.loadBalancer.arn, rateLimit: 1000 });
    // These resources sat directly in this stack before the reporting tier became a construct: moved blocks carry their state over.
    // The nights table's grant came after the split (issue #16): it has no old address to move from.
    movedFromStackRoot(this, this.reporting, (resource) => resource.node.id.startsWith(`${props.tables.nights.node.id}-grant-`));

    addNetworkAlarms(this);

    const output = (id: string, value: unknown, description: string) => new TerraformOutput(this, id, { value, description });
    output("alb_dns_name", this.loadBalancer.dnsName, "DNS name of the reporting load balancer");
    output("reporting_url", `https://${fqdn}/reporting`, "URL of the occupancy report");
    output("vpc_id", this.vpc.vpcId, "Id of the VPC");
    output("public_subnet_ids", this.vpc.publicSubnets.map((s) => s.id), "Public subnets (load balancer, NAT gateways), one per AZ");
    output("private_subnet_ids", this.vpc.privateSubnets.map((s) => s.id), "Private subnets (reporting instances), one per AZ");
    output("autoscaling_group_name", this.autoScalingGroup.name, "Auto Scaling group of the reporting instances");
  }
}

/**
 * Gives every resource under `group` a Terraform `moved` block from the address it had when its
 * constructs were children of the stack itself (the same construct path without `group`'s id), so
 * moving code into a construct renames state entries instead of destroying and re-creating resources.
 * The old address is computed with cdktf's own logical-id function, the one that allocated it.
 * `addedSince` names resources created after the move, which have no old address.
 */
export function movedFromStackRoot(stack: TerraformStack, group: Construct, addedSince: (resource: Construct) => boolean = () => false): void {
  const moved: Array<{ to: string; from: string }> = [];
  for (const resource of group.node.findAll()) {
    if (!TerraformResource.isTerraformResource(resource) || addedSince(resource)) continue;
    const path = resource.node.scopes.slice(resource.node.scopes.indexOf(stack) + 1).filter((c) => c !== group).map((c) => c.node.id);
    moved.push({ to: `${resource.terraformResourceType}.${resource.friendlyUniqueId}`, from: `${resource.terraformResourceType}.${makeUniqueId(path)}` });
  }
  // The same blocks `resource.moveFromId` writes, written as the stack's own: with moveFromId, cdktf
  // runs `terraform version` (twice per synth, about 55 ms each) to check for Terraform >= 1.5, and
  // synth fails where Terraform is not installed (synth needs none). Terraform checks the version
  // itself where it matters: `terraform init` of the S3 backend's `use_lockfile` needs >= 1.10.
  if (moved.length > 0) stack.addOverride("moved", moved);
}

/**
 * The physical table name as the api stack configured it: a plain string, so the user data (and the
 * launch template version) is fully known at synth. The grants still reference the tables' ARNs.
 */
function tableName(table: Table): string {
  const name = table.table.nameInput;
  if (name === undefined || Token.isUnresolved(name)) {
    throw new Error(`NetworkStack: the name of table ${table.node.path} must be a plain string known at synth (got ${String(name)}); give the Table a literal tableName from Names`);
  }
  return name;
}
