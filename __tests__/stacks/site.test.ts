import { join } from "node:path";
import { DnsStack } from "../../stacks/dns-stack";
import { SiteStack } from "../../stacks/site-stack";
import { type Json, only, resources, scrub, synth, testConfig, Testing } from "../helpers";

const WEB_FIXTURE = join(__dirname, "..", "fixtures", "web-dist");

function siteJson(env: "dev" | "prod", overrides: Record<string, string> = {}): Json {
  const config = testConfig(env, overrides);
  const app = Testing.app();
  const dns = new DnsStack(app, config);
  const site = new SiteStack(app, config, { dns, contentDirectory: WEB_FIXTURE, apiDomainName: `api.${config.domain}` });
  // What app.synth() does first: turns references to the dns stack into remote state and outputs.
  for (const stack of [dns, site]) stack.prepareStack();
  return synth(site);
}

function bucketNamed(json: Json, name: string): string {
  const entry = Object.entries(resources(json, "aws_s3_bucket")).find(([, bucket]) => bucket.bucket === name);
  if (!entry) throw new Error(`no bucket ${name}`);
  return entry[0];
}

/** The resource of `type` whose `bucket` references the bucket resource `bucketId`. */
function forBucket(json: Json, type: string, bucketId: string): Json {
  return only({ resource: { [type]: Object.fromEntries(Object.entries(resources(json, type)).filter(([, r]) => r.bucket === `\${aws_s3_bucket.${bucketId}.id}`)) } }, type);
}

describe("site stack", () => {
  const json = siteJson("dev");
  const distribution = only(json, "aws_cloudfront_distribution");
  const contentBucket = bucketNamed(json, "booking-dev-site-111111111111");

  test("the content bucket is private: all four public access block flags, ACLs disabled", () => {
    expect(forBucket(json, "aws_s3_bucket_public_access_block", contentBucket)).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(forBucket(json, "aws_s3_bucket_ownership_controls", contentBucket).rule.object_ownership).toBe("BucketOwnerEnforced");
    expect(forBucket(json, "aws_s3_bucket_server_side_encryption_configuration", contentBucket).rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe("AES256");
    expect(forBucket(json, "aws_s3_bucket_versioning", contentBucket).versioning_configuration.status).toBe("Enabled");
    expect(forBucket(json, "aws_s3_bucket_logging", contentBucket).target_bucket).toBe(`\${aws_s3_bucket.${bucketNamed(json, "booking-dev-site-logs-111111111111")}.id}`);
  });

  test("CloudFront reads the bucket through origin access control, allowed only for this distribution", () => {
    const oac = only(json, "aws_cloudfront_origin_access_control");
    expect(oac).toMatchObject({ origin_access_control_origin_type: "s3", signing_behavior: "always", signing_protocol: "sigv4" });
    const [oacId] = Object.keys(resources(json, "aws_cloudfront_origin_access_control"));
    const s3Origin = distribution.origin.find((o: Json) => o.origin_id === distribution.default_cache_behavior.target_origin_id);
    expect(s3Origin).toEqual({
      origin_id: "content-bucket",
      domain_name: `\${aws_s3_bucket.${contentBucket}.bucket_regional_domain_name}`,
      origin_access_control_id: `\${aws_cloudfront_origin_access_control.${oacId}.id}`,
    });

    const policy = JSON.parse(forBucket(json, "aws_s3_bucket_policy", contentBucket).policy);
    const [distributionId] = Object.keys(resources(json, "aws_cloudfront_distribution"));
    expect(policy.Statement).toContainEqual({
      Sid: "AllowCloudFrontOriginAccessControlRead",
      Effect: "Allow",
      Principal: { Service: "cloudfront.amazonaws.com" },
      Action: "s3:GetObject",
      Resource: `\${aws_s3_bucket.${contentBucket}.arn}/*`,
      Condition: { StringEquals: { "AWS:SourceArn": `\${aws_cloudfront_distribution.${distributionId}.arn}` } },
    });
    expect(policy.Statement.filter((s: Json) => s.Effect === "Allow").map((s: Json) => s.Principal)).toEqual([{ Service: "cloudfront.amazonaws.com" }]);
    expect(policy.Statement).toContainEqual(expect.objectContaining({ Sid: "DenyInsecureTransport", Effect: "Deny" }));
  });

  test("HTTPS only: every behaviour redirects to HTTPS, TLSv1.2_2021 with SNI, HTTP/2 and HTTP/3", () => {
    const behaviours = [distribution.default_cache_behavior, ...distribution.ordered_cache_behavior];
    expect(behaviours).toHaveLength(2);
    for (const behaviour of behaviours) expect(behaviour.viewer_protocol_policy).toBe("redirect-to-https");
    expect(distribution.viewer_certificate).toMatchObject({ minimum_protocol_version: "TLSv1.2_2021", ssl_support_method: "sni-only" });
    expect(distribution.viewer_certificate.acm_certificate_arn).toMatch(/^\$\{aws_acm_certificate_validation\..+\.certificate_arn\}$/);
    expect(distribution).toMatchObject({ http_version: "http2and3", is_ipv6_enabled: true, enabled: true, default_root_object: "index.html", aliases: ["dev-booking.example.com"] });
  });

  test("the web app is compressed and cached with the managed CachingOptimized policy", () => {
    expect(distribution.default_cache_behavior).toMatchObject({
      compress: true,
      cache_policy_id: "658327ea-f89d-4fab-a63d-7e88639e58f6",
      allowed_methods: ["GET", "HEAD"],
    });
  });

  describe("error answers pass through; page paths give the app", () => {
    /**
     * What a viewer receives for an origin (or WAF) answer, by CloudFront's documented error handling:
     * a custom_error_response for the status replaces it with its page and response code, for every
     * behaviour and for WAF blocks alike; without one the answer passes unchanged.
     */
    const viewerGets = (status: number, body: string): { status: number; body: string } => {
      const custom = (distribution.custom_error_response ?? []).find((c: Json) => c.error_code === status);
      return custom ? { status: custom.response_code ?? status, body: `<contents of ${custom.response_page_path}>` } : { status, body };
    };
    const handler = new Function(`${only(json, "aws_cloudfront_function").code}; return handler;`)() as (event: Json) => Json;
    const viewerRequest = (uri: string) => handler({ request: { method: "GET", uri, headers: {}, querystring: {} } }).uri;

    test("the API's 404 and 409 JSON bodies and a WAF 403 keep their status and body (no distribution-wide custom_error_response)", () => {
      expect(distribution.custom_error_response).toBeUndefined();
      const notFound = JSON.stringify({ error: "not_found", message: "apartment apt-9 does not exist" });
      const conflict = JSON.stringify({ error: "conflict", message: "apartment apt-1 is already reserved" });
      expect(viewerGets(404, notFound)).toEqual({ status: 404, body: notFound });
      expect(viewerGets(409, conflict)).toEqual({ status: 409, body: conflict });
      expect(viewerGets(403, "Request blocked by AWS WAF")).toEqual({ status: 403, body: "Request blocked by AWS WAF" });
    });

    test("only the default (bucket) behaviour runs the page-path function; /api/* runs none", () => {
      const fn = Object.keys(resources(json, "aws_cloudfront_function"))[0];
      expect(distribution.default_cache_behavior.function_association).toEqual([{ event_type: "viewer-request", function_arn: `\${aws_cloudfront_function.${fn}.arn}` }]);
      for (const behaviour of distribution.ordered_cache_behavior) expect(behaviour.function_association).toBeUndefined();
      expect(only(json, "aws_cloudfront_function")).toMatchObject({ runtime: "cloudfront-js-2.0", publish: true, name: "booking-dev-site-page-paths" });
    });

    test("the function answers page paths with the app and leaves files alone (run as JavaScript)", () => {
      expect(viewerRequest("/")).toBe("/");
      expect(viewerRequest("/reservations")).toBe("/index.html");
      expect(viewerRequest("/reservations/abc/")).toBe("/index.html");
      expect(viewerRequest("/assets/index-3f2a.js")).toBe("/assets/index-3f2a.js");
      expect(viewerRequest("/favicon.svg")).toBe("/favicon.svg");
      expect(viewerRequest("/index.html")).toBe("/index.html");
    });

    test("the distribution waits for the log bucket's ownership controls (ACLs for standard logging)", () => {
      const ownership = Object.entries(resources(json, "aws_s3_bucket_ownership_controls")).find(([, o]) => o.bucket === `\${aws_s3_bucket.${bucketNamed(json, "booking-dev-site-logs-111111111111")}.id}`)![0];
      expect(distribution.depends_on).toEqual([`aws_s3_bucket_ownership_controls.${ownership}`]);
    });
  });

  test("dev's content and log buckets are destroyable (force_destroy); prod's are not", () => {
    for (const bucket of Object.values(resources(json, "aws_s3_bucket"))) expect(bucket.force_destroy).toBe(true);
    const prod = siteJson("prod");
    expect(Object.values(resources(prod, "aws_s3_bucket"))).toHaveLength(2);
    for (const bucket of Object.values(resources(prod, "aws_s3_bucket"))) expect(bucket.force_destroy).toBe(false);
  });

  test("/api/* goes to the API's custom domain over HTTPS, uncached, with every viewer header but Host", () => {
    const [api] = distribution.ordered_cache_behavior;
    expect(api).toMatchObject({
      path_pattern: "/api/*",
      cache_policy_id: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
      origin_request_policy_id: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
    });
    expect([...api.allowed_methods].sort()).toEqual(["DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"]);
    expect(distribution.origin.find((o: Json) => o.origin_id === api.target_origin_id)).toEqual({
      origin_id: api.target_origin_id,
      domain_name: "api.dev-booking.example.com",
      custom_origin_config: { http_port: 80, https_port: 443, origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] },
      custom_header: [{ name: "X-Origin-Verify", value: "not-yet-rotated" }],
    });
  });

  test("every behaviour sends the security headers policy", () => {
    const [policyId] = Object.keys(resources(json, "aws_cloudfront_response_headers_policy"));
    for (const behaviour of [distribution.default_cache_behavior, ...distribution.ordered_cache_behavior]) {
      expect(behaviour.response_headers_policy_id).toBe(`\${aws_cloudfront_response_headers_policy.${policyId}.id}`);
    }
    expect(only(json, "aws_cloudfront_response_headers_policy").security_headers_config).toEqual({
      strict_transport_security: { access_control_max_age_sec: 31536000, include_subdomains: true, preload: true, override: true },
      content_security_policy: {
        content_security_policy:
          "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
        override: true,
      },
      frame_options: { frame_option: "DENY", override: true },
      content_type_options: { override: true },
      referrer_policy: { referrer_policy: "strict-origin-when-cross-origin", override: true },
    });
  });

  test("the certificate is issued in us-east-1 and validated in the environment's zone (a dns stack reference)", () => {
    expect(only(json, "aws_acm_certificate")).toMatchObject({ provider: "aws.us_east_1", domain_name: "dev-booking.example.com", validation_method: "DNS" });
    expect(only(json, "aws_acm_certificate_validation").provider).toBe("aws.us_east_1");
    expect(json.provider.aws).toContainEqual(expect.objectContaining({ alias: "us_east_1", region: "us-east-1" }));
    expect(Object.keys(json.data.terraform_remote_state)).toEqual(["cross-stack-reference-input-dev-dns"]);
  });

  test("A and AAAA alias records point the environment's domain at the distribution", () => {
    const aliases = Object.values(resources(json, "aws_route53_record")).filter((r) => r.alias);
    expect(aliases.map((r) => r.type).sort()).toEqual(["A", "AAAA"]);
    const [distributionId] = Object.keys(resources(json, "aws_cloudfront_distribution"));
    for (const record of aliases) {
      expect(record.name).toBe("dev-booking.example.com");
      expect(record.zone_id).toContain("data.terraform_remote_state.cross-stack-reference-input-dev-dns.outputs.");
      expect(record.alias).toEqual({
        name: `\${aws_cloudfront_distribution.${distributionId}.domain_name}`,
        zone_id: `\${aws_cloudfront_distribution.${distributionId}.hosted_zone_id}`,
        evaluate_target_health: false,
      });
    }
  });

  test("site-config.json tells the web app the environment's payment window (workflow.paymentWindowSeconds)", () => {
    const config = Object.values(resources(json, "aws_s3_object")).find((o) => o.key === "site-config.json");
    expect(config).toMatchObject({ content: '{"paymentWindowSeconds":120}', content_type: "application/json", cache_control: "no-cache" });
  });

  test("standard logging goes to the log bucket, which lets CloudFront log delivery write with ACLs", () => {
    const logBucket = bucketNamed(json, "booking-dev-site-logs-111111111111");
    expect(distribution.logging_config).toEqual({ bucket: `\${aws_s3_bucket.${logBucket}.bucket_domain_name}`, prefix: "cloudfront/", include_cookies: false });
    expect(forBucket(json, "aws_s3_bucket_ownership_controls", logBucket).rule.object_ownership).toBe("BucketOwnerPreferred");
    expect(forBucket(json, "aws_s3_bucket_lifecycle_configuration", logBucket).rule[0].expiration).toEqual([{ days: 14 }]);
  });

  test("uploads one S3 object per web file, with content type, cache header and ETag", () => {
    const objects = Object.values(resources(json, "aws_s3_object")).find((o) => o.for_each)!;
    expect(objects).toMatchObject({
      bucket: `\${aws_s3_bucket.${contentBucket}.id}`,
      key: "${each.key}",
      source: expect.stringMatching(/^assets\/.+\/\$\{each\.key\}$/),
      content_type: "${each.value.content_type}",
      cache_control: "${each.value.cache_control}",
      etag: "${each.value.etag}",
    });
    const immutable = "public, max-age=31536000, immutable";
    expect(objects.for_each).toEqual({
      "assets/index-Ab12Cd34.js": { content_type: "text/javascript; charset=utf-8", cache_control: immutable, etag: expect.stringMatching(/^[0-9a-f]{32}$/) },
      "assets/index-Ef56Gh78.css": { content_type: "text/css; charset=utf-8", cache_control: immutable, etag: expect.stringMatching(/^[0-9a-f]{32}$/) },
      "favicon.svg": { content_type: "image/svg+xml", cache_control: "no-cache", etag: expect.stringMatching(/^[0-9a-f]{32}$/) },
      "index.html": { content_type: "text/html; charset=utf-8", cache_control: "no-cache", etag: expect.stringMatching(/^[0-9a-f]{32}$/) },
      "manifest.webmanifest": { content_type: "application/manifest+json", cache_control: "no-cache", etag: expect.stringMatching(/^[0-9a-f]{32}$/) },
    });
  });

  test("no WAF in dev; outputs with descriptions", () => {
    expect(resources(json, "aws_wafv2_web_acl")).toEqual({});
    expect(distribution.web_acl_id).toBeUndefined();
    expect(Object.keys(json.output).sort()).toEqual(["content_bucket", "distribution_domain_name", "distribution_id", "site_url"]);
    for (const output of Object.values(json.output) as Json[]) expect(output.description).toBeTruthy();
    expect(json.output.site_url.value).toBe("https://dev-booking.example.com");
  });

  test("no data source that calls AWS at plan time", () => {
    expect(Object.keys(json.data)).toEqual(["terraform_remote_state"]);
  });

  test("snapshot", () => {
    expect(scrub(json)).toMatchSnapshot();
  });
});

describe("site stack in prod", () => {
  const json = siteJson("prod");

  test("a WAFv2 web ACL (CloudFront scope, us-east-1) protects the distribution", () => {
    const acl = only(json, "aws_wafv2_web_acl");
    const [aclId] = Object.keys(resources(json, "aws_wafv2_web_acl"));
    expect(acl).toMatchObject({ provider: "aws.us_east_1", scope: "CLOUDFRONT", name: "booking-prod-site", default_action: { allow: {} } });
    expect(only(json, "aws_cloudfront_distribution").web_acl_id).toBe(`\${aws_wafv2_web_acl.${aclId}.arn}`);
    expect(json.output.web_acl_arn.description).toBeTruthy();
  });

  test("the web ACL runs the AWS managed rule groups, then a per-IP rate limit from config, with metrics", () => {
    const rules = only(json, "aws_wafv2_web_acl").rule as Json[];
    const groups = rules.filter((r) => r.statement.managed_rule_group_statement).map((r) => r.statement.managed_rule_group_statement);
    expect(groups.map((g) => g.name).sort()).toEqual([
      "AWSManagedRulesAmazonIpReputationList",
      "AWSManagedRulesAnonymousIpList",
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet",
    ]);
    for (const g of groups) expect(g.vendor_name).toBe("AWS");
    const rate = rules.find((r) => r.statement.rate_based_statement)!;
    expect(rate.action).toEqual({ block: {} });
    expect(rate.statement.rate_based_statement).toEqual({ limit: 2000, aggregate_key_type: "IP", evaluation_window_sec: 300 });
    expect(new Set(rules.map((r) => r.priority)).size).toBe(rules.length);
    for (const r of rules) expect(r.visibility_config).toMatchObject({ cloudwatch_metrics_enabled: true, sampled_requests_enabled: true });
  });

  test("the rate limit follows config.site.wafRateLimit", () => {
    const rules = only(siteJson("prod", { "site.wafRateLimit": "500" }), "aws_wafv2_web_acl").rule as Json[];
    expect(rules.find((r) => r.statement.rate_based_statement)!.statement.rate_based_statement.limit).toBe(500);
  });

  test("the web ACL logs to an aws-waf-logs-* log group in us-east-1 with the environment's retention", () => {
    // The other log group is the origin-verify rotation function's.
    const [groupId, group] = Object.entries(resources(json, "aws_cloudwatch_log_group")).find(([, g]) => g.name.startsWith("aws-waf-logs-"))!;
    expect(group).toMatchObject({ provider: "aws.us_east_1", name: "aws-waf-logs-booking-prod-site", retention_in_days: 365 });
    const [aclId] = Object.keys(resources(json, "aws_wafv2_web_acl"));
    expect(only(json, "aws_wafv2_web_acl_logging_configuration")).toMatchObject({
      provider: "aws.us_east_1",
      resource_arn: `\${aws_wafv2_web_acl.${aclId}.arn}`,
      log_destination_configs: [`\${aws_cloudwatch_log_group.${groupId}.arn}`],
    });
  });

  test("the WAF switch turns it on in dev too", () => {
    expect(Object.keys(resources(siteJson("dev", { "site.waf": "true" }), "aws_wafv2_web_acl"))).toHaveLength(1);
  });

  test("snapshot", () => {
    expect(scrub(json)).toMatchSnapshot();
  });
});
