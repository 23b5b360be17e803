import { readFileSync } from "node:fs";
import { AutoscalingGroup } from "@cdktf/provider-aws/lib/autoscaling-group";
import { AutoscalingPolicy } from "@cdktf/provider-aws/lib/autoscaling-policy";
import { IamInstanceProfile } from "@cdktf/provider-aws/lib/iam-instance-profile";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicyAttachment } from "@cdktf/provider-aws/lib/iam-role-policy-attachment";
import { LaunchTemplate } from "@cdktf/provider-aws/lib/launch-template";
import { Lb } from "@cdktf/provider-aws/lib/lb";
import { LbListener } from "@cdktf/provider-aws/lib/lb-listener";
import { LbListenerRule } from "@cdktf/provider-aws/lib/lb-listener-rule";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import type { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { VpcSecurityGroupEgressRule } from "@cdktf/provider-aws/lib/vpc-security-group-egress-rule";
import { VpcSecurityGroupIngressRule } from "@cdktf/provider-aws/lib/vpc-security-group-ingress-rule";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { assumeRolePolicy } from "../lib/iam";
import { BundledArtifact } from "./bundled-artifact";
import { Certificate } from "./certificate";
import { SecureBucket } from "./secure-bucket";
import type { KmsKey } from "./kms-key";
import type { Table } from "./table";
import type { Vpc } from "./vpc";

/** Port the reporting service listens on, on the instances. */
export const SERVICE_PORT = 8080;
/** Path prefix the load balancer forwards to the reporting service. */
export const REPORTING_PATHS = ["/reporting", "/reporting/*"] as const;
/** Liveness, the target group's health check: the process answers, dependencies are not consulted. */
export const HEALTH_CHECK_PATH = "/reporting/live";
/** Deep readiness (both tables answer): for alarms and operators, never for replacing instances. */
export const READINESS_PATH = "/reporting/health";
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

/** The physical-name helper the tier names its resources with (the project's `Names`, structurally). */
export interface ReportingTierNames {
  /** Name of a resource of a kind with its own length limit ("securityGroup", "loadBalancer", ...). */
  of(purpose: string, kind?: string): string;
  /** Globally unique bucket name. */
  bucket(purpose: string): string;
}

export interface ReportingTierProps {
  readonly names: ReportingTierNames;
  readonly region: string;
  readonly accountId: string;
  /** The VPC: the load balancer goes in its public subnets, the instances in its private ones. */
  readonly vpc: Vpc;
  /** Hosted zone for the load balancer's name and its certificate's validation records. */
  readonly zone: Route53Zone;
  /** Name of the load balancer, e.g. "reporting.dev-booking.example.com". */
  readonly domainName: string;
  /** Tables the reporting service reads. */
  readonly tables: readonly Table[];
  /** DynamoDB actions the service needs on each table (no wildcards). */
  readonly tableActions: readonly string[];
  /** Entry of the service, relative to the project root, e.g. "app/reporting/server.ts". */
  readonly entry: string;
  /**
   * First-boot script, a bash template with `{{nodeMajor}}`, `{{region}}`, `{{bucket}}`, `{{key}}` and
   * `{{environment}}` (the service's `Environment=` lines) placeholders; read at synth.
   */
  readonly userDataTemplateFile: string;
  /** Environment of the service (besides NODE_ENV, PORT and AWS_REGION); plain strings known at synth. */
  readonly environment: Readonly<Record<string, string>>;
  readonly instanceType: string;
  readonly minInstances: number;
  readonly maxInstances: number;
  /** Tags for the instances, volumes and network interfaces the Auto Scaling group launches. */
  readonly instanceTags: Readonly<Record<string, string>>;
  /** Days the load balancer and S3 access logs are kept. */
  readonly logRetentionDays: number;
  /**
   * Customer-managed key of the artifact bucket (the log bucket stays SSE-S3: ALB access logs accept nothing else).
   * @default - SSE-S3
   */
  readonly encryptionKey?: KmsKey;
  /**
   * Deletion protection on the load balancer.
   * @default false
   */
  readonly deletionProtection?: boolean;
  /**
   * Let `terraform destroy` empty the log and artifact buckets (ALB logs land in the log bucket at once,
   * so without this a destroy fails on a non-empty bucket). Only for environments that may be torn down.
   * @default false
   */
  readonly forceDestroy?: boolean;
  /**
   * Days older bundle versions are kept: an instance launched from an older launch template version
   * (during a rolling deploy, a scale-out before the group adopts the new version, or a rollback)
   * fetches the version whose SHA-256 it names.
   * @default 90
   */
  readonly bundleRetentionDays?: number;
}

/**
 * The reporting service's web tier: an internet-facing HTTPS load balancer (access logs in its own
 * bucket) that sends `/reporting` and `/reporting/*` to an Auto Scaling group of instances in the
 * VPC's private subnets, which fetch the bundled service from an artifact bucket at first boot.
 */
export class ReportingTier extends Construct {
  public readonly loadBalancer: Lb;
  public readonly targetGroup: LbTargetGroup;
  /** The HTTPS listener's rule that sends the reporting paths to the instances (actions may be put in front, e.g. a sign-in). */
  public readonly reportingRule: LbListenerRule;
  public readonly autoScalingGroup: AutoscalingGroup;
  public readonly launchTemplate: LaunchTemplate;
  public readonly logs: SecureBucket;
  public readonly artifacts: SecureBucket;
  public readonly bundle: BundledArtifact;
  public readonly role: IamRole;
  public readonly loadBalancerSecurityGroup: SecurityGroup;
  public readonly instanceSecurityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: ReportingTierProps) {
    super(scope, id);
    if (!Token.isUnresolved(props.minInstances) && !Token.isUnresolved(props.maxInstances) && props.minInstances > props.maxInstances) {
      throw new Error(`${this.node.path}: minInstances "${props.minInstances}" must not exceed maxInstances "${props.maxInstances}", e.g. minInstances 2, maxInstances 4`);
    }
    const { names, vpc } = props;
    const vpcId = vpc.vpcId;

    // Security groups: rules as separate resources, each with a description.
    const albGroup = (this.loadBalancerSecurityGroup = new SecurityGroup(this, "alb-security-group", {
      name: names.of("reporting-alb", "securityGroup"),
      // EC2 accepts only a-z A-Z 0-9 space . _ - : / ( ) # , @ [ ] + = & ; { } ! $ * (rule ec2-sg-description-charset).
      description: "Reporting load balancer: HTTP/HTTPS from the internet, to the instance service port only",
      vpcId,
    }));
    const instanceGroup = (this.instanceSecurityGroup = new SecurityGroup(this, "instance-security-group", {
      name: names.of("reporting-instances", "securityGroup"),
      description: "Reporting instances: service port from the load balancer only, HTTPS out",
      vpcId,
    }));
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
    this.logs = new SecureBucket(this, "logs", {
      bucketName: names.bucket("reporting-logs"),
      expirationDays: props.logRetentionDays,
      noncurrentVersionExpirationDays: 7,
      forceDestroy: props.forceDestroy ?? false,
    });
    const albLogPrefix = "alb";
    const elbAccount = ELB_LOG_ACCOUNTS[props.region];
    this.logs.addToResourcePolicy({
      Sid: "AllowLoadBalancerAccessLogs",
      Effect: "Allow",
      Principal: elbAccount ? { AWS: `arn:aws:iam::${elbAccount}:root` } : { Service: "logdelivery.elasticloadbalancing.amazonaws.com" },
      Action: "s3:PutObject",
      Resource: `${this.logs.arn}/${albLogPrefix}/AWSLogs/${props.accountId}/*`,
    });

    const artifactBucketName = names.bucket("reporting-artifacts");
    this.artifacts = new SecureBucket(this, "artifacts", {
      bucketName: artifactBucketName,
      noncurrentVersionExpirationDays: props.bundleRetentionDays ?? 90,
      accessLogs: { bucket: this.logs, prefix: "s3/reporting-artifacts/" },
      forceDestroy: props.forceDestroy ?? false,
      encryptionKey: props.encryptionKey,
    });
    this.bundle = new BundledArtifact(this, "reporting-bundle", {
      entry: props.entry,
      bucket: this.artifacts,
      keyPrefix: "reporting",
    });

    this.loadBalancer = new Lb(this, "alb", {
      name: names.of("reporting", "loadBalancer"),
      internal: false,
      loadBalancerType: "application",
      securityGroups: [albGroup.id],
      subnets: vpc.publicSubnets.map((s) => s.id),
      dropInvalidHeaderFields: true,
      enableDeletionProtection: props.deletionProtection ?? false,
      accessLogs: { bucket: this.logs.bucket.bucket, prefix: albLogPrefix, enabled: true },
      // The load balancer checks on creation that it may write its logs.
      dependsOn: [this.logs.policy],
    });
    this.targetGroup = new LbTargetGroup(this, "reporting-targets", {
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
    const certificate = new Certificate(this, "certificate", { domainName: props.domainName, zone: props.zone });
    const httpsListener = new LbListener(this, "https-listener", {
      loadBalancerArn: this.loadBalancer.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: TLS_POLICY,
      certificateArn: certificate.arn,
      defaultAction: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", messageBody: "Not found", statusCode: "404" } }],
    });
    this.reportingRule = new LbListenerRule(this, "reporting-rule", {
      listenerArn: httpsListener.arn,
      priority: 100,
      condition: [{ pathPattern: { values: [...REPORTING_PATHS] } }],
      action: [{ type: "forward", targetGroupArn: this.targetGroup.arn }],
    });
    new Route53Record(this, "alias", {
      zoneId: props.zone.zoneId,
      name: props.domainName,
      type: "A",
      alias: { name: this.loadBalancer.dnsName, zoneId: this.loadBalancer.zoneId, evaluateTargetHealth: true },
    });

    // Instance role: SSM Session Manager, read-only access to the tables, the one bundle object.
    this.role = new IamRole(this, "instance-role", {
      name: names.of("reporting-instance", "iamRole"),
      assumeRolePolicy: assumeRolePolicy("ec2.amazonaws.com"),
    });
    // AWS's policy for the SSM agent (Session Manager, no SSH keys or open ports); rewriting it would mean tracking the agent's changes.
    new IamRolePolicyAttachment(this, "instance-ssm", { role: this.role.name, policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" });
    for (const table of props.tables) table.grant(this.role, ...props.tableActions);
    this.bundle.grantRead(this.role);
    const profile = new IamInstanceProfile(this, "instance-profile", { name: names.of("reporting-instance", "iamRole"), role: this.role.name });

    const userData = renderUserData(this.node.path, readFileSync(props.userDataTemplateFile, "utf8"), {
      nodeMajor: String(NODE_MAJOR),
      region: props.region,
      bucket: artifactBucketName,
      key: this.bundle.key,
      sha256: this.bundle.contentHash,
      environment: Object.entries({ NODE_ENV: "production", PORT: String(SERVICE_PORT), AWS_REGION: props.region, ...props.environment })
        .map(([name, value]) => `Environment=${name}=${value}`)
        .join("\n"),
    });
    this.launchTemplate = new LaunchTemplate(this, "launch-template", {
      name: names.of("reporting"),
      description: "Reporting service on Amazon Linux 2023",
      imageId: AMI,
      instanceType: props.instanceType,
      iamInstanceProfile: { arn: profile.arn },
      networkInterfaces: [{ deviceIndex: 0, associatePublicIpAddress: "false", deleteOnTermination: "true", securityGroups: [instanceGroup.id] }],
      metadataOptions: { httpEndpoint: "enabled", httpTokens: "required", httpPutResponseHopLimit: 1, instanceMetadataTags: "disabled" },
      blockDeviceMappings: [
        { deviceName: "/dev/xvda", ebs: { volumeSize: 10, volumeType: "gp3", encrypted: "true", deleteOnTermination: "true" } },
      ],
      monitoring: { enabled: true },
      userData: Buffer.from(userData).toString("base64"),
      // Instances launched by the group get no provider default tags; these carry them.
      tagSpecifications: ["instance", "volume", "network-interface"].map((resourceType) => ({ resourceType, tags: { ...props.instanceTags } })),
      updateDefaultVersion: true,
    });

    this.autoScalingGroup = new AutoscalingGroup(this, "reporting-group", {
      name: names.of("reporting"),
      vpcZoneIdentifier: vpc.privateSubnets.map((s) => s.id),
      minSize: props.minInstances,
      maxSize: props.maxInstances,
      launchTemplate: { id: this.launchTemplate.id, version: Token.asString(this.launchTemplate.latestVersion) },
      targetGroupArns: [this.targetGroup.arn],
      // Replace an instance the load balancer finds unhealthy, not only one EC2 finds broken: a hung or
      // crashed service. The check is the shallow liveness path, so a DynamoDB or IAM blip (which
      // /reporting/health reports) never replaces the fleet.
      healthCheckType: "ELB",
      // Installing Node.js and fetching the bundle on first boot takes a minute or two.
      healthCheckGracePeriod: 300,
      // A new launch template version (new code, AMI or settings) replaces the instances a few at a time.
      instanceRefresh: { strategy: "Rolling", preferences: { minHealthyPercentage: 50 } },
      // The instances install packages at boot: they need their NAT route and gateway endpoints first
      // (an endpoint route added later would cut off S3 downloads already running through NAT).
      dependsOn: [...vpc.privateDefaultRoutes, ...vpc.gatewayEndpoints, this.bundle.object],
    });
    new AutoscalingPolicy(this, "cpu-target", {
      name: names.of("reporting-cpu-target"),
      autoscalingGroupName: this.autoScalingGroup.name,
      policyType: "TargetTrackingScaling",
      targetTrackingConfiguration: { predefinedMetricSpecification: { predefinedMetricType: "ASGAverageCPUUtilization" }, targetValue: 60 },
    });
  }
}

/**
 * Fills the `{{name}}` placeholders of the user-data template. Every value must be a plain string
 * known at synth (the user data is base64-encoded at synth), every placeholder must have a value,
 * and every value must be used: a renamed placeholder fails synth instead of booting a broken script.
 */
export function renderUserData(path: string, template: string, values: Readonly<Record<string, string>>): string {
  const unresolved = Object.entries(values).filter(([, value]) => Token.isUnresolved(value));
  if (unresolved.length > 0) {
    throw new Error(`${path}: user data settings ${unresolved.map(([k]) => k).join(", ")} must be plain strings known at synth (the user data is base64-encoded at synth), not Terraform references`);
  }
  const used = new Set<string>();
  const rendered = template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new Error(`${path}: user data template placeholder "{{${name}}}" has no value; give one of ${Object.keys(values).join(", ")}, e.g. "{{region}}"`);
    }
    used.add(name);
    return value;
  });
  const unused = Object.keys(values).filter((k) => !used.has(k));
  if (unused.length > 0) {
    throw new Error(`${path}: user data values ${unused.join(", ")} are not used by the template; add "{{${unused[0]}}}" to it or drop the value`);
  }
  return rendered;
}
