import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { Token } from "cdktf";
import { Construct } from "constructs";
import type { KmsKey } from "./kms-key";

/**
 * Request parts WAF removes from its logs: credentials (Authorization, Cookie), the bearer
 * reservation id the API takes as a header (see app/api), and the query string (where a stray id
 * or e-mail would otherwise be kept). The URI path is logged: the app keeps no secret in paths.
 * https://docs.aws.amazon.com/waf/latest/developerguide/logging-management.html
 */
export const WAF_REDACTED_HEADERS = ["authorization", "cookie", "x-reservation-id"] as const;

/** AWS managed rule groups every CloudFront web ACL of this project evaluates, in order. */
export const MANAGED_RULE_GROUPS = [
  "AWSManagedRulesAmazonIpReputationList",
  "AWSManagedRulesAnonymousIpList",
  "AWSManagedRulesKnownBadInputsRuleSet",
  "AWSManagedRulesCommonRuleSet",
] as const;

export interface CloudFrontWebAclProps {
  /** Name of the web ACL and prefix of its metric names (see `Names.of(purpose, "wafWebAcl")`). */
  readonly name: string;
  /** Provider in us-east-1: web ACLs of CloudFront distributions live there. */
  readonly provider: AwsProvider;
  /** Requests one IP may send in 5 minutes before it is blocked (WAF minimum: 100). */
  readonly rateLimit: number;
  /** Days the WAF log group keeps its events (a CloudWatch Logs retention period). */
  readonly logRetentionDays: number;
  /** Customer-managed key of the WAF log group, in us-east-1 like the group. @default - CloudWatch Logs' own encryption */
  readonly encryptionKey?: KmsKey;
}

/**
 * A WAFv2 web ACL for CloudFront: AWS managed rule groups (IP reputation, anonymous IPs, known bad
 * inputs, common rule set), then a per-IP rate limit; requests that pass every rule are allowed.
 * Every rule emits CloudWatch metrics and sampled requests; the ACL logs to a CloudWatch log group
 * in us-east-1 (named `aws-waf-logs-...`, as WAF requires), with credentials, the reservation header and the query string redacted (WAF_REDACTED_HEADERS).
 */
export class CloudFrontWebAcl extends Construct {
  public readonly webAcl: Wafv2WebAcl;
  public readonly logGroup: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: CloudFrontWebAclProps) {
    super(scope, id);
    const { name, provider, rateLimit } = props;
    if (!Token.isUnresolved(provider.region) && provider.region !== "us-east-1") {
      throw new Error(`CloudFrontWebAcl ${this.node.path}: provider region "${provider.region}" cannot hold a web ACL for CloudFront; pass the us-east-1 provider (stack.usEast1Provider)`);
    }
    if (!Token.isUnresolved(rateLimit) && (!Number.isInteger(rateLimit) || rateLimit < 100 || rateLimit > 2_000_000_000)) {
      throw new Error(`CloudFrontWebAcl ${this.node.path}: rateLimit ${rateLimit} must be a whole number of requests per 5 minutes from 100 to 2000000000, e.g. 2000`);
    }
    const visibility = (metricName: string) => ({ cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName });

    this.webAcl = new Wafv2WebAcl(this, "web-acl", {
      provider,
      name,
      description: `CloudFront: AWS managed rules and a limit of ${rateLimit} requests per 5 minutes per IP`,
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      visibilityConfig: visibility(name),
      rule: [
        ...MANAGED_RULE_GROUPS.map((group, priority) => ({
          name: group,
          priority,
          overrideAction: { none: {} },
          statement: { managed_rule_group_statement: { vendor_name: "AWS", name: group } },
          visibilityConfig: visibility(`${name}-${group}`),
        })),
        {
          name: "rate-limit-per-ip",
          priority: MANAGED_RULE_GROUPS.length,
          action: { block: {} },
          statement: { rate_based_statement: { limit: rateLimit, aggregate_key_type: "IP", evaluation_window_sec: 300 } },
          visibilityConfig: visibility(`${name}-rate-limit-per-ip`),
        },
      ],
    });

    this.logGroup = new CloudwatchLogGroup(this, "log-group", {
      provider,
      name: `aws-waf-logs-${name}`,
      retentionInDays: props.logRetentionDays,
      kmsKeyId: props.encryptionKey?.arn,
    });
    props.encryptionKey?.allowLogGroups(`aws-waf-logs-${name}`);
    new Wafv2WebAclLoggingConfiguration(this, "logging", {
      provider,
      resourceArn: this.webAcl.arn,
      logDestinationConfigs: [this.logGroup.arn],
      redactedFields: [...WAF_REDACTED_HEADERS.map((name) => ({ singleHeader: { name } })), { queryString: {} }],
    });
  }

  /** What a CloudFront distribution's `web_acl_id` takes for a WAFv2 web ACL. */
  public get arn(): string {
    return this.webAcl.arn;
  }
}
