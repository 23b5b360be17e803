import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { StaticSite, type StaticSiteProps } from "../../constructs/static-site";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { only, resources, synth, testConfig, Testing } from "../helpers";

const WEB_FIXTURE = join(__dirname, "..", "fixtures", "web-dist");

/** A stack with a StaticSite; `provider` picks its certificate provider (default: stack.usEast1Provider). */
function siteStack(props: Partial<StaticSiteProps> = {}, provider = (stack: EnvironmentStack) => stack.usEast1Provider) {
  const stack = new EnvironmentStack(Testing.app(), "site", testConfig("dev"));
  const zone = new Route53Zone(stack, "zone", { name: "dev.booking.example.com" });
  const site = new StaticSite(stack, "site", {
    domainName: "dev.booking.example.com",
    zone,
    usEast1Provider: provider(stack),
    contentDirectory: WEB_FIXTURE,
    bucketName: "booking-dev-site-111111111111",
    logBucketName: "booking-dev-site-logs-111111111111",
    name: "booking-dev-site",
    ...props,
  });
  return { stack, site };
}

describe("StaticSite", () => {
  test("secure defaults: PriceClass_100, no web ACL, 90 days of logs, buckets not force-destroyed", () => {
    const json = synth(siteStack().stack);
    const distribution = only(json, "aws_cloudfront_distribution");
    expect(distribution.price_class).toBe("PriceClass_100");
    expect(distribution.web_acl_id).toBeUndefined();
    expect(distribution.ordered_cache_behavior).toBeUndefined();
    for (const bucket of Object.values(resources(json, "aws_s3_bucket"))) expect(bucket.force_destroy).toBe(false);
  });

  test("addBehavior routes more path patterns, sharing one origin per domain, in the order added", () => {
    const { stack, site } = siteStack();
    site.addBehavior("/api/*", { originDomainName: "api.dev.booking.example.com" });
    site.addBehavior("/reports/*", { originDomainName: "api.dev.booking.example.com", cachePolicyId: "658327ea-f89d-4fab-a63d-7e88639e58f6" });
    const distribution = only(synth(stack), "aws_cloudfront_distribution");
    expect(distribution.origin.map((o: { origin_id: string }) => o.origin_id)).toEqual(["content-bucket", "https-api.dev.booking.example.com"]);
    expect(distribution.ordered_cache_behavior.map((b: { path_pattern: string; cache_policy_id: string }) => [b.path_pattern, b.cache_policy_id])).toEqual([
      ["/api/*", "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"],
      ["/reports/*", "658327ea-f89d-4fab-a63d-7e88639e58f6"],
    ]);
  });

  test("a custom content security policy replaces the default", () => {
    const json = synth(siteStack({ contentSecurityPolicy: "default-src 'self'" }).stack);
    expect(only(json, "aws_cloudfront_response_headers_policy").security_headers_config.content_security_policy.content_security_policy).toBe("default-src 'self'");
  });

  test("fails on a certificate provider outside us-east-1, naming the region", () => {
    expect(() => siteStack({}, (stack) => new AwsProvider(stack, "eu", { region: "eu-west-1", alias: "eu" }))).toThrow('usEast1Provider has region "eu-west-1", but CloudFront accepts certificates only from us-east-1; pass stack.usEast1Provider');
  });

  test("fails on a content directory without index.html, naming it", () => {
    const empty = mkdtempSync(join(tmpdir(), "web-"));
    expect(() => siteStack({ contentDirectory: empty })).toThrow(`contentDirectory "${empty}" has no index.html`);
  });

  test("fails on an invalid domain name, naming it", () => {
    expect(() => siteStack({ domainName: "Dev.Booking.example.com" })).toThrow('domainName "Dev.Booking.example.com" must be a lower-case fully qualified domain name');
  });

  test("fails on a path pattern added twice or the default pattern", () => {
    const { site } = siteStack();
    site.addBehavior("/api/*", { originDomainName: "api.dev.booking.example.com" });
    expect(() => site.addBehavior("/api/*", { originDomainName: "other.example.com" })).toThrow('pathPattern "/api/*" already has a behaviour');
    expect(() => site.addBehavior("*", { originDomainName: "other.example.com" })).toThrow('pathPattern "*" must be a CloudFront path pattern other than the default "*"');
  });

  test("fails on an origin domain that is not a domain name, naming it", () => {
    const { site } = siteStack();
    expect(() => site.addBehavior("/api/*", { originDomainName: "https://api.example.com" })).toThrow('originDomainName "https://api.example.com" of "/api/*" must be a lower-case fully qualified domain name');
  });
});
