import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { AutoscalingPolicy } from "@cdktf/provider-aws/lib/autoscaling-policy";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { RegionalWebAcl } from "../constructs/regional-web-acl";
import { ReportingSignIn } from "../constructs/reporting-sign-in";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { TerraformOutput, Token } from "cdktf";
import type { Construct } from "constructs";
import { REPORTING_TABLE_ACTIONS } from "../app/reporting/occupancy";
import { TABLES } from "../app/tables";
import type { EnvironmentConfig } from "../config/schema";
import { BundledArtifact } from "../constructs/bundled-artifact";
import { Certificate } from "../constructs/certificate";
import { SecureBucket } from "../constructs/secure-bucket";
import { suppress } from "../policies/suppress";
import type { Table } from "../constructs/table";
import { Vpc } from "../constructs/vpc";
import type { DnsStack } from "./dns-stack";
import { EnvironmentStack } from "./environment-stack";

/** Port the reporting service listens on, on the instances. */
export const SERVICE_PORT = 8080;
/** Path prefix the load balancer forwards to the reporting service. */
export const REPORTING_PATHS = ["/reporting", "/reporting/*"] as const;
export const HEALTH_CHECK_PATH = "/reporting/health";
/** TLS 1.3 and 1.2 only, forward-secret ciphers. */
export const TLS_POLICY = "ELBSecurityPolicy-TLS13-1-2-2021-06";
/** Latest Amazon Linux 2023 for Graviton (the t4g instances), resolved by EC2 at launch: planning needs no AMI lookup. */
export const AMI = "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64";
/** Node.js major version installed on the instances (AL2023 package `nodejs22`, binary `node-22`). */
const NODE_MAJOR = 22;

/**
 * Elastic Load Balancing's account per region, for access-log bucket policies. Regions opened after
 * August 2022 have none and use the log-delivery service principal instead.
 */
const ELB_LOG_ACCOUNTS: Readonly<Record<string, string>> = {
  "us-east-1": "127311923021", "us-east-2": "033677994240", "us-west-1": "027434742980", "us-west-2": "797873946194",
  "af-south-1": "098369216593", "ap-east-1": "754344448648", "ap-southeast-3": "589379963580", "ap-south-1": "718504428378",
  "ap-northeast-3": "383597477331", "ap-northeast-2": "600734575887", "ap-southeast-1": "114774131450",
  "ap-southeast-2": "783225319266", "ap-northeast-1": "582318560864", "ca-central-1": "985666609251",
  "eu-central-1": "054676820928", "eu-west-1": "156460612806", "eu-west-2": "652711504416", "eu-south-1": "635631232127",
  "eu-west-3": "009996457667", "eu-north-1": "897822967062", "me-south-1": "076674570225", "sa-east-1": "507241528517",
};

export interface NetworkStackProps {
  /** Hosted zone for the load balancer's name and its certificate's validation records. */
  readonly dns: DnsStack;
  /** The tables the reporting service reads (created by the api stack). */
  readonly tables: { readonly apartments: Table; readonly reservations: Table };
}

/**
 * The web tier: a VPC over the configured AZs, an internet-facing HTTPS load balancer that sends
 * `/reporting` and `/reporting/*` to an Auto Scaling group of instances in the private subnets,
 * which run the reporting service from app/reporting.
 */
export class NetworkStack extends EnvironmentStack {
  public readonly vpc: Vpc;
  public readonly loadBalancer: Lb;
  public readonly autoScalingGroup: AutoscalingGroup;
  public readonly launchTemplate: LaunchTemplate;

  constructor(scope: Construct, config: EnvironmentConfig, props: NetworkStackProps) {
    super(scope, "network", config);
    const { network } = config;
    const names = this.names;
    const fqdn = `${network.subdomain}.${config.domain}`;

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
      },
    });
    const vpcId = this.vpc.vpcId;

    // Security groups: rules as separate resources, each with a description.
    const albGroup = new SecurityGroup(this, "alb-security-group", {
      name: names.of("reporting-alb", "securityGroup"),
      description: "Reporting load balancer: HTTP/HTTPS from the internet, to the instances' service port only",
      vpcId,
    });
    const instanceGroup = new SecurityGroup(this, "instance-security-group", {
      name: names.of("reporting-instances", "securityGroup"),
      description: "Reporting instances: service port from the load balancer only, HTTPS out",
      vpcId,
    });
    for (const [port, purpose] of [[80, "HTTP from the internet (redirected to HTTPS)"], [443, "HTTPS from the internet"]] as const) {
      new VpcSecurityGroupIngressRule(this, `alb-ingress-${port}`, {
        securityGroupId: albGroup.id,
        description: purpose,
        ipProtocol: "tcp",
        fromPort: port,
        toPort: port,
        cidrIpv4: "0.0.0.0/0",
      });
    }
    new VpcSecurityGroupEgressRule(this, "alb-egress-instances", {
      securityGroupId: albGroup.id,
      description: "To the reporting service on the instances",
      ipProtocol: "tcp",
      fromPort: SERVICE_PORT,
      toPort: SERVICE_PORT,
      referencedSecurityGroupId: instanceGroup.id,
    });
    new VpcSecurityGroupIngressRule(this, "instance-ingress-alb", {
      securityGroupId: instanceGroup.id,
      description: "Reporting service, from the load balancer only",
      ipProtocol: "tcp",
      fromPort: SERVICE_PORT,
      toPort: SERVICE_PORT,
      referencedSecurityGroupId: albGroup.id,
    });
    new VpcSecurityGroupEgressRule(this, "instance-egress-https", {
      securityGroupId: instanceGroup.id,
      description: "HTTPS to SSM, S3 (bundle, dnf repositories) and DynamoDB",
      ipProtocol: "tcp",
      fromPort: 443,
      toPort: 443,
      cidrIpv4: "0.0.0.0/0",
    });

    // Load balancer access logs, and S3 access logs of the artifact bucket.
    const logs = new SecureBucket(this, "logs", {
      bucketName: names.bucket("reporting-logs"),
      expirationDays: config.logRetentionDays,
      noncurrentVersionExpirationDays: 7,
    });
    suppress(logs, "s3-access-logs", "this bucket is the access-log destination (ALB logs and the artifact bucket's S3 access logs); logging it into itself would loop");
    const albLogPrefix = "alb";
    const elbAccount = ELB_LOG_ACCOUNTS[config.region];
    logs.addToResourcePolicy({
      Sid: "AllowLoadBalancerAccessLogs",
      Effect: "Allow",
      Principal: elbAccount ? { AWS: `arn:aws:iam::${elbAccount}:root` } : { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${logs.arn}/${albLogPrefix}/AWSLogs/${config.accountId}/*`,
    });

    const artifactBucketName = names.bucket("reporting-artifacts");
    const artifacts = new SecureBucket(this, "artifacts", {
      bucketName: artifactBucketName,
      noncurrentVersionExpirationDays: 30,
      accessLogs: { bucket: logs, prefix: "s3/reporting-artifacts/" },
    });
    const bundle = new BundledArtifact(this, "reporting-bundle", {
      entry: "app/reporting/server.ts",
      bucket: artifacts,
      keyPrefix: "reporting",
    });

    this.loadBalancer = new Lb(this, "alb", {
      name: names.of("reporting", "loadBalancer"),
      internal: false,
      loadBalancerType: "application",
      securityGroups: [albGroup.id],
      subnets: this.vpc.publicSubnets.map((s) => s.id),
      dropInvalidHeaderFields: true,
      enableDeletionProtection: config.deletionProtection,
      accessLogs: { bucket: logs.bucket.bucket, prefix: albLogPrefix, enabled: true },
      // The load balancer checks on creation that it may write its logs.
      dependsOn: [logs.policy],
    });
    if (!config.deletionProtection) {
      const override = config.production ? config.overrides.deletionProtection : undefined;
      suppress(this.loadBalancer, "elb-deletion-protection", override
        ? `deletionProtection is off in production environment ${config.name} by override: ${override}`
        : `config.deletionProtection is off in ${config.name}, so the environment can be torn down with cdktf destroy; production turns it on`);
    }
    const targetGroup = new LbTargetGroup(this, "reporting-targets", {
      name: names.of("reporting", "targetGroup"),
      port: SERVICE_PORT,
      protocol: "HTTP",
      targetType: "instance",
      vpcId,
      deregistrationDelay: "30",
      healthCheck: {
        path: HEALTH_CHECK_PATH,
        port: "traffic-port",
        protocol: "HTTP",
        matcher: "200",
        interval: 15,
        timeout: 5,
        healthyThreshold: 2,
        unhealthyThreshold: 3,
      },
    });
    new LbListener(this, "http-listener", {
      loadBalancerArn: this.loadBalancer.arn,
      port: 80,
      protocol: "HTTP",
      defaultAction: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    });
    const certificate = new Certificate(this, "certificate", { domainName: fqdn, zone: props.dns.zone });
    const httpsListener = new LbListener(this, "https-listener", {
      loadBalancerArn: this.loadBalancer.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: TLS_POLICY,
      certificateArn: certificate.arn,
      defaultAction: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "Not found", statusCode: "404" } }],
    });
    // Sign-in before forwarding (issue #14): only signed-in operators reach the reporting service.
    const signIn = new ReportingSignIn(this, "sign-in", {
      userPoolName: names.of("reporting-operators"),
      domainPrefix: names.of("reporting"),
      domainName: fqdn,
      loadBalancerSecurityGroupId: albGroup.id,
      deletionProtection: config.deletionProtection,
    });
    new LbListenerRule(this, "reporting-rule", {
      listenerArn: httpsListener.arn,
      priority: 100,
      condition: [{ pathPattern: { values: [...REPORTING_PATHS] } }],
      action: [signIn.authenticateAction, { type: "forward", order: 2, targetGroupArn: targetGroup.arn }],
    });
    if (config.site.waf) new RegionalWebAcl(this, "waf", { name: names.of("reporting", "wafWebAcl"), resourceArn: this.loadBalancer.arn, rateLimit: 1000 });
    new Route53Record(this, "alias", {
      zoneId: props.dns.zone.zoneId,
      name: fqdn,
      type: "A",
      alias: { name: this.loadBalancer.dnsName, zoneId: this.loadBalancer.zoneId, evaluateTargetHealth: true },
    });

    // Instance role: SSM Session Manager, read-only access to the two tables, the one bundle object.
    const role = new IamRole(this, "instance-role", {
      name: names.of("reporting-instance", "iamRole"),
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    });
    // AWS's policy for the SSM agent (Session Manager, no SSH keys or open ports); rewriting it would mean tracking the agent's changes.
    new IamRolePolicyAttachment(this, "instance-ssm", { role: role.name, policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" });
    props.tables.apartments.grant(role, ...REPORTING_TABLE_ACTIONS);
    props.tables.reservations.grant(role, ...REPORTING_TABLE_ACTIONS);
    bundle.grantRead(role);
    const profile = new IamInstanceProfile(this, "instance-profile", { name: names.of("reporting-instance", "iamRole"), role: role.name });

    const instanceTags = { ...config.tags, Stack: this.node.id, Name: names.of("reporting") };
    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      name: names.of("reporting"),
      description: "Reporting service on Amazon Linux 2023",
      imageId: AMI,
      instanceType: network.instanceType,
      iamInstanceProfile: { arn: profile.arn },
      networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false", deleteOnTermination: "true", securityGroups: [instanceGroup.id] }],
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
      blockDeviceMappings: [
        { deviceName: "/dev/xvda", ebs: { volumeSize: 10, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
      ],
      monitoring: { enabled: true },
      userData: Buffer.from(
        userData({
          bucket: artifactBucketName,
          key: bundle.key,
          region: config.region,
          apartmentsTable: tableName(props.tables.apartments),
          reservationsTable: tableName(props.tables.reservations),
        }),
      ).toString("base64"),
      // Instances launched by the group get no provider default tags; these carry them.
      tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({ resourceType, tags: instanceTags })),
      updateDefaultVersion: true,
    });

    this.autoScalingGroup = new AutoscalingGroup(this, "reporting-group", {
      name: names.of("reporting"),
      vpcZoneIdentifier: this.vpc.privateSubnets.map((s) => s.id),
      minSize: network.minInstances,
      maxSize: network.maxInstances,
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      targetGroupArns: [targetGroup.arn],
      // Replace an instance the load balancer finds unhealthy, not only one EC2 finds broken.
      healthCheckType: "ELB",
      // Installing Node.js and fetching the bundle on first boot takes a minute or two.
      healthCheckGracePeriod: 300,
      // A new launch template version (new code, AMI or settings) replaces the instances a few at a time.
      instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 50 } },
      // The instances install packages at boot: they need their NAT route and gateway endpoints first
      // (an endpoint route added later would cut off S3 downloads already running through NAT).
      dependsOn: [...this.vpc.privateDefaultRoutes, ...this.vpc.gatewayEndpoints, bundle.object],
    });
    new AutoscalingPolicy(this, "cpu-target", {
      name: names.of("reporting-cpu-target"),
      autoscalingGroupName: this.autoScalingGroup.name,
      policyType: "TargetTrackingScaling",
      targetTrackingConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" }, targetValue: 60 },
    });

    const output = (id: string, value: unknown, description: string) => new TerraformOutput(this, id, { value, description });
    output("alb_dns_name", this.loadBalancer.dnsName, "DNS name of the reporting load balancer");
    output("reporting_url", `https://${fqdn}/reporting`, "URL of the occupancy report");
    output("vpc_id", vpcId, "Id of the VPC");
    output("public_subnet_ids", this.vpc.publicSubnets.map((s) => s.id), "Public subnets (load balancer, NAT gateways), one per AZ");
    output("private_subnet_ids", this.vpc.privateSubnets.map((s) => s.id), "Private subnets (reporting instances), one per AZ");
    output("autoscaling_group_name", this.autoScalingGroup.name, "Auto Scaling group of the reporting instances");
  }
}

interface UserDataSettings {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
  readonly apartmentsTable: string;
  readonly reservationsTable: string;
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

/**
 * First-boot script (cloud-init runs it as root): installs Node.js, fetches the bundle, and runs it
 * under systemd as an unprivileged system user with a read-only view of the file system.
 */
function userData(s: UserDataSettings): string {
  const unresolved = Object.entries(s).filter(([, value]) => Token.isUnresolved(value));
  if (unresolved.length > 0) {
    throw new Error(`NetworkStack: user data settings ${unresolved.map(([k]) => k).join(", ")} must be plain strings known at synth (the user data is base64-encoded at synth), not Terraform references`);
  }
  return `#!/bin/bash
# Reporting service, first boot. Logs: /var/log/cloud-init-output.log, then journalctl -u reporting.
set -euo pipefail

dnf install -y nodejs${NODE_MAJOR}
id reporting >/dev/null 2>&1 || useradd --system --no-create-home --shell /sbin/nologin reporting
install -d -m 0755 /opt/reporting
aws s3 cp --region ${s.region} "s3://${s.bucket}/${s.key}" /opt/reporting/server.js
chmod 0644 /opt/reporting/server.js

cat > /etc/systemd/system/reporting.service <<'UNIT'
[Unit]
Description=Booking occupancy reporting service
Wants=network-online.target
After=network-online.target

[Service]
User=reporting
Group=reporting
Environment=NODE_ENV=production
Environment=PORT=${SERVICE_PORT}
Environment=AWS_REGION=${s.region}
Environment=${TABLES.apartments.envVar}=${s.apartmentsTable}
Environment=${TABLES.reservations.envVar}=${s.reservationsTable}
ExecStart=/usr/bin/node-${NODE_MAJOR} /opt/reporting/server.js
Restart=always
RestartSec=2
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX
CapabilityBoundingSet=

[Install]
WantedBy=multi-user.target
UNIT

systemctl daemon-reload
systemctl enable --now reporting.service
`;
}
