import { change, fail, pass, type RuleCase, skip } from "./case";

/** Shapes as cdktf writes them: a security group with inline rules, a rule resource, tags, a provider block. */
const sg = {
  "aws_security_group.alb": {
    name: "booking-dev-reporting-alb",
    description: "Reporting load balancer: HTTP/HTTPS from the internet, to the instance service port only",
    vpc_id: "${aws_vpc.main.id}",
    ingress: [{ description: "HTTPS from the internet (TLS 1.2+)", from_port: 443, to_port: 443, protocol: "tcp", cidr_blocks: ["0.0.0.0/0"] }],
  },
  "aws_vpc_security_group_ingress_rule.alb-443": {
    security_group_id: "${aws_security_group.alb.id}", description: "HTTPS from the internet: [web] & {api} #1 @edge", ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "0.0.0.0/0",
  },
  "aws_vpc_security_group_egress_rule.computed": {
    security_group_id: "${aws_security_group.alb.id}", description: "${var.description}", ip_protocol: "tcp", from_port: 8080, to_port: 8080, cidr_ipv4: "10.0.0.0/16",
  },
};
const SG = "aws_security_group.alb";
const RULE = "aws_vpc_security_group_ingress_rule.alb-443";

const tagged = {
  "aws_provider.default": { region: "eu-west-1", default_tags: [{ tags: { Project: "booking", Environment: "dev", ManagedBy: "cdktf", Stack: "dev-api" } }] },
  "aws_s3_bucket.site": { bucket: "booking-dev-site-111111111111", tags: { "Cost center": "Zürich 42", Owner: "team-web@example.com", Path: "a/b=c+d:e_f.g", Empty: "" } },
  "aws_launch_template.reporting": { name: "booking-dev-reporting", tag_specifications: [{ resource_type: "instance", tags: { Name: "booking-dev-reporting" } }] },
  "aws_s3_object.bundle": { bucket: "${aws_s3_bucket.site.id}", key: "index.html", tags: { a: "1", b: "2", c: "3", d: "4", e: "5" } },
  "aws_autoscaling_group.reporting": { name: "booking-dev-reporting", tag: [{ key: "Name", value: "booking-dev-reporting", propagate_at_launch: true }] },
};
const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, "v"]));

const named = {
  "aws_lb.reporting": { name: "booking-dev-reporting" },
  "aws_lb_target_group.reporting": { name: "booking-dev-reporting" },
  "aws_iam_role.instance": { name: "booking-dev-reporting-instance" },
  "aws_s3_bucket.logs": { bucket: "booking-dev-reporting-logs-111111111111" },
  "aws_cloudwatch_log_group.flow": { name: "/aws/vpc/booking-dev-vpc/flow-logs" },
  "aws_lambda_function.api": { function_name: "${local.name}" },
};

export const LIMITS_CASES: RuleCase[] = [
  pass("ec2-sg-description-charset", "a group description and inline rule description of allowed characters", SG, sg),
  pass("ec2-sg-description-charset", "a rule description using [ ] & { } # @ : (all allowed)", RULE, sg),
  pass("ec2-sg-description-charset", "a description Terraform computes at apply (not known at synth)", "aws_vpc_security_group_egress_rule.computed", sg),
  fail("ec2-sg-description-charset", "an apostrophe in the group description (the reporting ALB's defect)", SG, `description "Reporting load balancer: to the instances' port" contains "'" (U+0027) at position 41, which EC2 rejects`,
    change(sg, SG, { description: "Reporting load balancer: to the instances' port" })),
  fail("ec2-sg-description-charset", "an accented letter in an inline rule description", SG, 'ingress[0].description "Accès HTTPS" contains "è" (U+00E8) at position 3',
    change(sg, SG, { ingress: [{ ...sg[SG].ingress[0], description: "Accès HTTPS" }] })),
  fail("ec2-sg-description-charset", "a double quote in a rule resource's description", RULE, 'contains "\\"" (U+0022) at position 6', change(sg, RULE, { description: 'HTTPS "public"' })),
  fail("ec2-sg-description-charset", "a description longer than 255 characters", RULE, "is 256 characters long, more than EC2's 255", change(sg, RULE, { description: "a".repeat(256) })),
  fail("ec2-sg-description-charset", "a group name starting with sg-", SG, 'name "sg-reporting" starts with "sg-"', change(sg, SG, { name: "sg-reporting" })),

  pass("tags-values", "provider default tags of plain words", "aws_provider.default", tagged),
  pass("tags-values", "tags with Unicode letters, spaces, @ / = + : _ . and an empty value", "aws_s3_bucket.site", tagged),
  pass("tags-values", "launch template tag specifications", "aws_launch_template.reporting", tagged),
  pass("tags-values", "an S3 object with 5 tags plus 4 default tags (9 of 10)", "aws_s3_object.bundle", tagged),
  fail("tags-values", "a default tag value with &", "aws_provider.default", 'default_tags[0].tags.Team value "R&D" contains "&" (U+0026) at position 1',
    change(tagged, "aws_provider.default", { default_tags: [{ tags: { Team: "R&D" } }] })),
  fail("tags-values", "a tag key with the reserved aws: prefix", "aws_s3_bucket.site", 'tags key "AWS:owner" starts with "aws:"', change(tagged, "aws_s3_bucket.site", { tags: { "AWS:owner": "me" } })),
  fail("tags-values", "a tag key with a comma", "aws_launch_template.reporting", 'tag_specifications[0].tags key "a,b" contains "," (U+002C)',
    change(tagged, "aws_launch_template.reporting", { tag_specifications: [{ resource_type: "instance", tags: { "a,b": "x" } }] })),
  fail("tags-values", "a 257-character value", "aws_s3_bucket.site", "tags.Long value is 257 characters long; values are at most 256", change(tagged, "aws_s3_bucket.site", { tags: { Long: "x".repeat(257) } })),
  fail("tags-values", "a 129-character key", "aws_s3_bucket.site", "is 129 characters long; keys are 1-128", change(tagged, "aws_s3_bucket.site", { tags: { ["k".repeat(129)]: "x" } })),
  fail("tags-values", "an S3 object whose own 7 tags and the provider's 4 make 11", "aws_s3_object.bundle", "has 11 tags with the provider's default_tags; aws_s3_object allows at most 10",
    change(tagged, "aws_s3_object.bundle", { tags: many(7) })),
  fail("tags-values", "51 tags on a bucket", "aws_s3_bucket.site", "aws_s3_bucket allows at most 50", change(tagged, "aws_s3_bucket.site", { tags: many(51) })),
  fail("tags-values", "an Auto Scaling group tag value with a quote", "aws_autoscaling_group.reporting", 'tag.Name value "it\'s" contains "\'" (U+0027)',
    change(tagged, "aws_autoscaling_group.reporting", { tag: [{ key: "Name", value: "it's", propagate_at_launch: true }] })),

  pass("names-length", "a load balancer name of 21 characters", "aws_lb.reporting", named),
  pass("names-length", "a target group name", "aws_lb_target_group.reporting", named),
  pass("names-length", "a log group name with slashes", "aws_cloudwatch_log_group.flow", named),
  pass("names-length", "a bucket name of lower-case words and the account id", "aws_s3_bucket.logs", named),
  pass("names-length", "a name Terraform computes at apply", "aws_lambda_function.api", named),
  fail("names-length", "a 33-character load balancer name", "aws_lb.reporting", 'name "booking-production-reporting-albx" is 33 characters long; ELBv2 CreateLoadBalancer Name: up to 32',
    change(named, "aws_lb.reporting", { name: "booking-production-reporting-albx" })),
  fail("names-length", "a target group name with an underscore", "aws_lb_target_group.reporting", 'contains "_" (U+005F) at position 7', change(named, "aws_lb_target_group.reporting", { name: "booking_dev" })),
  fail("names-length", "a 65-character role name", "aws_iam_role.instance", "is 65 characters long; IAM CreateRole RoleName: 1-64", change(named, "aws_iam_role.instance", { name: "r".repeat(65) })),
  fail("names-length", "a bucket name with upper-case letters", "aws_s3_bucket.logs", 'contains "B" (U+0042) at position 0', change(named, "aws_s3_bucket.logs", { bucket: "Booking-dev-logs" })),
];

const cdn = {
  "aws_s3_bucket.logs": { bucket: "booking-dev-site-logs-111111111111" },
  "aws_s3_bucket_ownership_controls.logs": { bucket: "${aws_s3_bucket.logs.id}", rule: { object_ownership: "BucketOwnerPreferred" } },
  "aws_cloudfront_distribution.site": {
    enabled: true,
    default_root_object: "index.html",
    web_acl_id: "${aws_wafv2_web_acl.site.arn}",
    default_cache_behavior: { target_origin_id: "content", function_association: [{ event_type: "viewer-request", function_arn: "${aws_cloudfront_function.pages.arn}" }] },
    ordered_cache_behavior: [{ path_pattern: "/api/*", target_origin_id: "https-api.dev-booking.example.com" }],
    logging_config: { bucket: "${aws_s3_bucket.logs.bucket_domain_name}", prefix: "cloudfront/" },
    is_ipv6_enabled: true,
    depends_on: ["aws_s3_bucket_ownership_controls.logs"],
  },
};
const CDN = "aws_cloudfront_distribution.site";
const spaFallback = [403, 404].map((error_code) => ({ error_code, response_code: 200, response_page_path: "/index.html", error_caching_min_ttl: 10 }));

const aaaa = {
  "aws_apigatewayv2_domain_name.api": { domain_name: "api.dev-booking.example.com", domain_name_configuration: { endpoint_type: "REGIONAL", security_policy: "TLS_1_2", ip_address_type: "dualstack" } },
  "aws_route53_record.api-aaaa": { zone_id: "Z1", name: "api.dev-booking.example.com", type: "AAAA", alias: { name: "${aws_apigatewayv2_domain_name.api.domain_name_configuration[0].target_domain_name}", zone_id: "Z2", evaluate_target_health: false } },
  "aws_lb.reporting": { name: "booking-dev-reporting", ip_address_type: "ipv4" },
  "aws_route53_record.lb-aaaa": { zone_id: "Z1", name: "reporting.dev-booking.example.com", type: "AAAA", alias: { name: "${aws_lb.reporting.dns_name}", zone_id: "${aws_lb.reporting.zone_id}", evaluate_target_health: true } },
  "aws_route53_record.lb-a": { zone_id: "Z1", name: "reporting.dev-booking.example.com", type: "A", alias: { name: "${aws_lb.reporting.dns_name}", zone_id: "${aws_lb.reporting.zone_id}", evaluate_target_health: true } },
  ...cdn,
  "aws_route53_record.site-aaaa": { zone_id: "Z1", name: "dev-booking.example.com", type: "AAAA", alias: { name: "${aws_cloudfront_distribution.site.domain_name}", zone_id: "Z2FDTNDATAQYW2", evaluate_target_health: false } },
};

LIMITS_CASES.push(
  pass("cloudfront-error-pages-scope", "no custom_error_response on a distribution with /api/* and WAF", CDN, cdn),
  pass("cloudfront-error-pages-scope", "a custom 404 page that keeps the 404 status", CDN, change(cdn, CDN, { custom_error_response: [{ error_code: 404, response_code: 404, response_page_path: "/404.html" }] })),
  fail("cloudfront-error-pages-scope", "the old SPA fallback (403/404 -> 200 /index.html) next to /api/* and a web ACL", CDN, "custom_error_response turns 403 into 200 /index.html for the whole distribution, including other cache behaviours and a web ACL", change(cdn, CDN, { custom_error_response: spaFallback })),
  skip("cloudfront-error-pages-scope", "a bucket-only distribution without WAF may use the fallback", CDN, change(cdn, CDN, { custom_error_response: spaFallback, ordered_cache_behavior: undefined, web_acl_id: undefined })),

  pass("cloudfront-logging-acl-ready", "depends_on the log bucket's ownership controls", CDN, cdn),
  fail("cloudfront-logging-acl-ready", "no depends_on", CDN, "depends_on does not name aws_s3_bucket_ownership_controls.logs, the ownership controls of the log bucket aws_s3_bucket.logs", change(cdn, CDN, { depends_on: undefined })),
  skip("cloudfront-logging-acl-ready", "no standard logging", CDN, change(cdn, CDN, { logging_config: undefined })),

  pass("route53-aaaa-target-ipv6", "AAAA to a dual-stack API Gateway domain", "aws_route53_record.api-aaaa", aaaa),
  pass("route53-aaaa-target-ipv6", "AAAA to a distribution with IPv6 enabled", "aws_route53_record.site-aaaa", aaaa),
  fail("route53-aaaa-target-ipv6", "AAAA to an API Gateway domain without ip_address_type (IPv4 by default)", "aws_route53_record.api-aaaa", 'alias target aws_apigatewayv2_domain_name.api has ip_address_type "ipv4" (IPv4 only)',
    change(aaaa, "aws_apigatewayv2_domain_name.api", { domain_name_configuration: { endpoint_type: "REGIONAL", security_policy: "TLS_1_2" } })),
  fail("route53-aaaa-target-ipv6", "AAAA to an IPv4-only load balancer", "aws_route53_record.lb-aaaa", 'alias target aws_lb.reporting has ip_address_type "ipv4"', aaaa),
  fail("route53-aaaa-target-ipv6", "AAAA to a distribution without IPv6", "aws_route53_record.site-aaaa", "does not set is_ipv6_enabled", change(aaaa, CDN, { is_ipv6_enabled: false })),
  skip("route53-aaaa-target-ipv6", "an A record", "aws_route53_record.lb-a", aaaa),
);
