import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclLoggingConfiguration } from "@cdktf/provider-aws/lib/wafv2-web-acl-logging-configuration";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { managedRulesThenRateLimit, wafVisibility } from "./waf-rules";
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
  /**
   * Booking writes (POST to a path starting with `/api/reservation`) one IP may send in 5 minutes;
   * beyond it WAF answers 429 with a JSON body the web app and curl users can read.
   * @default 100
   */
  readonly writeRateLimit?: number;
}

/** Path prefix of the booking writes (POST /api/reservations, POST /api/reservation/payment). */
export const BOOKING_WRITES_PREFIX = "/api/reservation";
/** The body WAF answers a rate-limited booking write with (same shape as the API's errors). */
export const RATE_LIMITED_BODY = JSON.stringify({
  error: "too many booking requests from your network; wait a few minutes and try again",
  details: [],
});

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
    const writeRateLimit = props.writeRateLimit ?? 100;
    if (!Token.isUnresolved(provider.region) && provider.region !== "us-east-1") {
      throw new Error(`CloudFrontWebAcl ${this.node.path}: provider region "${provider.region}" cannot hold a web ACL for CloudFront; pass the us-east-1 provider (stack.usEast1Provider)`);
    }
    if (!Token.isUnresolved(rateLimit) && (!Number.isInteger(rateLimit) || rateLimit < 100 || rateLimit > 2_000_000_000)) {
      throw new Error(`CloudFrontWebAcl ${this.node.path}: rateLimit ${rateLimit} must be a whole number of requests per 5 minutes from 100 to 2000000000, e.g. 2000`);
    }
    if (!Token.isUnresolved(writeRateLimit) && (!Number.isInteger(writeRateLimit) || writeRateLimit < 10 || writeRateLimit > 2_000_000_000)) {
      // https://docs.aws.amazon.com/waf/latest/developerguide/waf-rule-statement-type-rate-based-high-level-settings.html (minimum 10)
      throw new Error(`CloudFrontWebAcl ${this.node.path}: writeRateLimit ${writeRateLimit} must be a whole number of requests per 5 minutes from 10 to 2000000000, e.g. 100`);
    }

    this.webAcl = new Wafv2WebAcl(this, "web-acl", {
      provider,
      name,
      description: `CloudFront: AWS managed rules and a limit of ${rateLimit} requests per 5 minutes per IP`,
      scope: "CLOUDFRONT",
      defaultAction: { allow: {} },
      visibilityConfig: wafVisibility(name),
      // https://docs.aws.amazon.com/waf/latest/developerguide/customizing-the-response-for-blocked-requests.html
      customResponseBody: [{ key: "rate-limited", content: RATE_LIMITED_BODY, contentType: "APPLICATION_JSON" }],
      rule: [
        ...managedRulesThenRateLimit(name, MANAGED_RULE_GROUPS, rateLimit),
        {
          // Hoarding and payment guessing: a much lower limit on the booking writes than on reads.
          name: "booking-writes-rate-limit",
          priority: MANAGED_RULE_GROUPS.length + 1,
          action: { block: { customResponse: { responseCode: 429, customResponseBodyKey: "rate-limited", responseHeader: [{ name: "retry-after", value: "300" }] } } },
          statement: {
            rate_based_statement: {
              limit: writeRateLimit,
              aggregate_key_type: "IP",
              evaluation_window_sec: 300,
              scope_down_statement: {
                and_statement: {
                  statement: [
                    { byte_match_statement: { search_string: BOOKING_WRITES_PREFIX, positional_constraint: "STARTS_WITH", field_to_match: { uri_path: {} }, text_transformation: [{ priority: 0, type: "NONE" }] } },
                    { byte_match_statement: { search_string: "POST", positional_constraint: "EXACTLY", field_to_match: { method: {} }, text_transformation: [{ priority: 0, type: "NONE" }] } },
                  ],
                },
              },
            },
          },
          visibilityConfig: wafVisibility(`${name}-booking-writes-rate-limit`),
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
