import { change, fail, pass, type RuleCase, skip } from "./case";

const behaviour = {
  target_origin_id: "site",
  viewer_protocol_policy: "redirect-to-https",
  allowed_methods: ["GET", "HEAD"],
  cached_methods: ["GET", "HEAD"],
  cache_policy_id: "658327ea-f89d-4fab-a63d-7e88639e58f6",
  response_headers_policy_id: "${aws_cloudfront_response_headers_policy.security.id}",
  compress: true,
};

/** A distribution as the site stack is meant to synthesize it: S3 origin with OAC, API origin over HTTPS. */
const site = {
  "aws_cloudfront_origin_access_control.site": { name: "site", origin_access_control_origin_type: "s3", signing_behavior: "always", signing_protocol: "sigv4" },
  "aws_cloudfront_response_headers_policy.security": {
    name: "security",
    security_headers_config: {
      strict_transport_security: { access_control_max_age_sec: 63072000, include_subdomains: true, preload: true, override: true },
      content_type_options: { override: true },
      frame_options: { frame_option: "DENY", override: true },
    },
  },
  "aws_cloudfront_distribution.site": {
    enabled: true,
    default_root_object: "index.html",
    web_acl_id: "${aws_wafv2_web_acl.site.arn}",
    origin: [
      { origin_id: "site", domain_name: "${aws_s3_bucket.site.bucket_regional_domain_name}", origin_access_control_id: "${aws_cloudfront_origin_access_control.site.id}" },
      { origin_id: "api", domain_name: "api.dev.booking.example.com", custom_origin_config: { http_port: 80, https_port: 443, origin_protocol_policy: "https-only", origin_ssl_protocols: ["TLSv1.2"] } },
    ],
    default_cache_behavior: behaviour,
    ordered_cache_behavior: [{ ...behaviour, path_pattern: "/api/*", target_origin_id: "api" }],
    viewer_certificate: { acm_certificate_arn: "${aws_acm_certificate_validation.site.certificate_arn}", ssl_support_method: "sni-only", minimum_protocol_version: "TLSv1.2_2021" },
    logging_config: { bucket: "${aws_s3_bucket.logs.bucket_domain_name}", prefix: "cloudfront/" },
    restrictions: { geo_restriction: { restriction_type: "none" } },
  },
};
const dist = "aws_cloudfront_distribution.site";
const d = site[dist];
const api = (custom: object) => ({ origin: [d.origin[0], { ...d.origin[1], custom_origin_config: { ...d.origin[1].custom_origin_config, ...custom } }] });

export const CLOUDFRONT_CASES: RuleCase[] = [
  pass("cloudfront-viewer-https", "redirect-to-https on every behaviour", dist, site),
  fail("cloudfront-viewer-https", "allow-all on the /api/* behaviour", dist, 'ordered_cache_behavior "/api/*" has viewer_protocol_policy "allow-all"', change(site, dist, { ordered_cache_behavior: [{ ...behaviour, path_pattern: "/api/*", viewer_protocol_policy: "allow-all" }] })),

  pass("cloudfront-tls-minimum", "TLSv1.2_2021 with an ACM certificate", dist, site),
  fail("cloudfront-tls-minimum", "TLSv1 minimum", dist, '"TLSv1"', change(site, dist, { viewer_certificate: { ...d.viewer_certificate, minimum_protocol_version: "TLSv1" } })),
  fail("cloudfront-tls-minimum", "the default *.cloudfront.net certificate", dist, "default certificate", change(site, dist, { viewer_certificate: { cloudfront_default_certificate: true } })),

  pass("cloudfront-s3-origin-oac", "an S3 origin with a signing OAC", dist, site),
  fail("cloudfront-s3-origin-oac", "an S3 origin with a legacy OAI", dist, "legacy origin access identity", change(site, dist, {
    origin: [{ origin_id: "site", domain_name: "${aws_s3_bucket.site.bucket_regional_domain_name}", s3_origin_config: { origin_access_identity: "${aws_cloudfront_origin_access_identity.site.cloudfront_access_identity_path}" } }],
  })),
  fail("cloudfront-s3-origin-oac", "an OAC that does not sign", dist, '"never"', change(site, "aws_cloudfront_origin_access_control.site", { signing_behavior: "never" })),
  fail("cloudfront-s3-origin-oac", "a literal S3 domain without OAC", dist, "no origin_access_control_id", change(site, dist, { origin: [{ origin_id: "site", domain_name: "site.s3.eu-west-1.amazonaws.com" }] })),
  skip("cloudfront-s3-origin-oac", "a distribution with only a custom origin", dist, change(site, dist, { origin: [d.origin[1]] })),

  pass("cloudfront-origin-https", "https-only with TLSv1.2", dist, site),
  fail("cloudfront-origin-https", "match-viewer to the API", dist, 'origin "api" has origin_protocol_policy "match-viewer"', change(site, dist, api({ origin_protocol_policy: "match-viewer" }))),
  fail("cloudfront-origin-https", "TLSv1 allowed to the API", dist, "TLSv1.1", change(site, dist, api({ origin_ssl_protocols: ["TLSv1.1", "TLSv1.2"] }))),
  skip("cloudfront-origin-https", "a distribution with only an S3 origin", dist, change(site, dist, { origin: [d.origin[0]] })),

  pass("cloudfront-response-headers-policy", "a headers policy on every behaviour", dist, site),
  fail("cloudfront-response-headers-policy", "a default behaviour without one", dist, "default_cache_behavior has no response_headers_policy_id", change(site, dist, { default_cache_behavior: { ...behaviour, response_headers_policy_id: undefined } })),

  pass("cloudfront-security-headers", "two-year HSTS, nosniff, DENY", "aws_cloudfront_response_headers_policy.security", site),
  fail("cloudfront-security-headers", "a one-day HSTS without override", "aws_cloudfront_response_headers_policy.security", "access_control_max_age_sec is 86400", change(site, "aws_cloudfront_response_headers_policy.security", {
    security_headers_config: { strict_transport_security: { access_control_max_age_sec: 86400, override: false }, content_type_options: { override: true }, frame_options: { frame_option: "DENY", override: true } },
  })),
  fail("cloudfront-security-headers", "a policy with CORS only", "aws_cloudfront_response_headers_policy.security", "no strict_transport_security", change(site, "aws_cloudfront_response_headers_policy.security", { security_headers_config: undefined })),

  pass("cloudfront-logging", "standard logging to the log bucket", dist, site),
  pass("cloudfront-logging", "a CloudWatch log delivery source for ACCESS_LOGS", dist, {
    ...change(site, dist, { logging_config: undefined }),
    "aws_cloudwatch_log_delivery_source.site": { name: "site", log_type: "ACCESS_LOGS", resource_arn: "${aws_cloudfront_distribution.site.arn}" },
  }),
  fail("cloudfront-logging", "no logging", dist, "no logging_config.bucket", change(site, dist, { logging_config: undefined })),

  pass("cloudfront-waf", "a web ACL", dist, site),
  fail("cloudfront-waf", "no web ACL", dist, "no web_acl_id", change(site, dist, { web_acl_id: undefined })),

  pass("cloudfront-default-root-object", "index.html", dist, site),
  fail("cloudfront-default-root-object", "no default root object", dist, "no default_root_object", change(site, dist, { default_root_object: undefined })),
];
