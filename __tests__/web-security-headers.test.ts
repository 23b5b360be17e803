import { join } from "node:path";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { StaticSite } from "../constructs/static-site";
import { DEFAULT_CONTENT_SECURITY_POLICY, securityHeaderValues, siteSecurityHeaders } from "../lib/security-headers";
import { EnvironmentStack } from "../stacks/environment-stack";
import { only, synth, testConfig, Testing, type Json } from "./helpers";

/** The headers a browser gets from a synthesized response headers policy, as CloudFront documents each field. */
function headersOf(policy: Json): Record<string, string> {
  const config = policy.security_headers_config;
  const hsts = config.strict_transport_security;
  const headers: Record<string, string> = {
    "Strict-Transport-Security": [`max-age=${hsts.access_control_max_age_sec}`, hsts.include_subdomains && "includeSubDomains", hsts.preload && "preload"].filter(Boolean).join("; "),
    "Content-Security-Policy": config.content_security_policy.content_security_policy,
    "X-Frame-Options": config.frame_options.frame_option,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": config.referrer_policy.referrer_policy,
  };
  for (const item of policy.custom_headers_config?.items ?? []) headers[item.header] = item.value;
  return headers;
}

function sitePolicy(contentSecurityPolicy?: string): Json {
  const stack = new EnvironmentStack(Testing.app(), "site", testConfig("dev"));
  new StaticSite(stack, "site", {
    domainName: "dev.booking.example.com",
    zone: new Route53Zone(stack, "zone", { name: "dev.booking.example.com" }),
    usEast1Provider: stack.usEast1Provider,
    contentDirectory: join(__dirname, "fixtures", "web-dist"),
    bucketName: "booking-dev-site-111111111111",
    logBucketName: "booking-dev-site-logs-111111111111",
    name: "booking-dev-site",
    contentSecurityPolicy,
  });
  return only(synth(stack), "aws_cloudfront_response_headers_policy");
}

describe("the site's security headers: one definition (lib/security-headers.ts)", () => {
  test("CloudFront's response headers policy sends exactly the headers the local preview sends", () => {
    // scripts/local-stack.ts gives Vite's preview server securityHeaderValues(); the browser test checks it does.
    expect(headersOf(sitePolicy())).toEqual(securityHeaderValues());
  });

  test("Cross-Origin-Opener-Policy is same-origin, overriding whatever an origin sends", () => {
    expect(sitePolicy().custom_headers_config.items).toEqual([{ header: "Cross-Origin-Opener-Policy", value: "same-origin", override: true }]);
  });

  test("a site's own CSP replaces the default in both", () => {
    expect(headersOf(sitePolicy("default-src 'self'"))).toEqual(securityHeaderValues(siteSecurityHeaders("default-src 'self'")));
  });

  test("the default CSP allows images from the site itself only (the apartments' pictures are built, not linked)", () => {
    expect(DEFAULT_CONTENT_SECURITY_POLICY).toContain("img-src 'self' data:");
    expect(securityHeaderValues()["Strict-Transport-Security"]).toBe("max-age=31536000; includeSubDomains; preload");
  });
});
