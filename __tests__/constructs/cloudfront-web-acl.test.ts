import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { CloudFrontWebAcl, MANAGED_RULE_GROUPS } from "../../constructs/cloudfront-web-acl";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { only, synth, testConfig, Testing } from "../helpers";

function aclStack(rateLimit = 1000, provider = (stack: EnvironmentStack) => stack.usEast1Provider) {
  const stack = new EnvironmentStack(Testing.app(), "waf", testConfig("dev"));
  new CloudFrontWebAcl(stack, "waf", { name: "booking-dev-site", provider: provider(stack), rateLimit, logRetentionDays: 30 });
  return stack;
}

describe("CloudFrontWebAcl", () => {
  test("managed rule groups in order, then the rate limit; logs redact credentials", () => {
    const json = synth(aclStack());
    const rules = only(json, "aws_wafv2_web_acl").rule;
    expect(rules.map((r: { name: string; priority: number }) => [r.priority, r.name])).toEqual([
      ...MANAGED_RULE_GROUPS.map((group, i) => [i, group]),
      [4, "rate-limit-per-ip"],
      [5, "booking-writes-rate-limit"],
    ]);
    expect(rules[0]).toMatchObject({ override_action: { none: {} }, visibility_config: { metric_name: "booking-dev-site-AWSManagedRulesAmazonIpReputationList" } });
    expect(only(json, "aws_wafv2_web_acl_logging_configuration").redacted_fields).toEqual([
      { single_header: { name: "authorization" } },
      { single_header: { name: "cookie" } },
      { single_header: { name: "x-reservation-id" } },
      { query_string: {} },
    ]);
    expect(only(json, "aws_cloudwatch_log_group")).toMatchObject({ name: "aws-waf-logs-booking-dev-site", retention_in_days: 30 });
  });

  test("fails on a provider outside us-east-1, naming the region", () => {
    expect(() => aclStack(1000, (stack) => new AwsProvider(stack, "eu", { region: "eu-west-1", alias: "eu" }))).toThrow(
      'provider region "eu-west-1" cannot hold a web ACL for CloudFront; pass the us-east-1 provider',
    );
  });

  test("fails on a rate limit below the WAF minimum, naming it", () => {
    expect(() => aclStack(50)).toThrow("rateLimit 50 must be a whole number of requests per 5 minutes from 100 to 2000000000");
  });
});
