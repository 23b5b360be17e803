import { change, fail, pass, type RuleCase, skip, without } from "./case";

const KEY = "${aws_kms_key.data-key_key.arn}";

const storage = {
  "aws_kms_key.data-key_key": { enable_key_rotation: true, policy: "{}" },
  "aws_s3_bucket.content": { bucket: "booking-prod-site-222222222222" },
  "aws_s3_bucket_server_side_encryption_configuration.content": {
    bucket: "${aws_s3_bucket.content.id}",
    rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms", kms_master_key_id: KEY }, bucket_key_enabled: true }],
  },
  "aws_dynamodb_table.reservations": {
    name: "booking-prod-reservations",
    billing_mode: "PAY_PER_REQUEST",
    hash_key: "id",
    server_side_encryption: { enabled: true, kms_key_arn: KEY },
  },
  "aws_cloudwatch_log_group.api": { name: "/aws/lambda/booking-prod-api", retention_in_days: 365, kms_key_id: KEY },
  "aws_sns_topic.alarms": { name: "booking-prod-alarms", kms_master_key_id: "${aws_kms_key.alarms.arn}" },
};
const bucket = "aws_s3_bucket.content";
const sse = "aws_s3_bucket_server_side_encryption_configuration.content";
const table = "aws_dynamodb_table.reservations";
const group = "aws_cloudwatch_log_group.api";

const web = {
  "aws_security_group.alb": { name: "booking-prod-reporting-alb", description: "ALB" },
  "aws_vpc_security_group_ingress_rule.alb-80": { security_group_id: "${aws_security_group.alb.id}", ip_protocol: "tcp", from_port: 80, to_port: 80, cidr_ipv4: "0.0.0.0/0", description: "HTTP (redirected)" },
  "aws_vpc_security_group_ingress_rule.alb-443": { security_group_id: "${aws_security_group.alb.id}", ip_protocol: "tcp", from_port: 443, to_port: 443, cidr_ipv4: "0.0.0.0/0", description: "HTTPS" },
  "aws_lb.alb": { name: "booking-prod-reporting", load_balancer_type: "application", security_groups: ["${aws_security_group.alb.id}"] },
  "aws_lb_listener.http": {
    load_balancer_arn: "${aws_lb.alb.arn}",
    port: 80,
    protocol: "HTTP",
    default_action: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }],
  },
  "aws_lb_listener.https": { load_balancer_arn: "${aws_lb.alb.arn}", port: 443, protocol: "HTTPS", default_action: [{ type: "fixed-response" }] },
};
const http80 = "aws_vpc_security_group_ingress_rule.alb-80";

const managed = (name: string, priority: number) => ({ name, priority, override_action: { none: {} }, statement: { managed_rule_group_statement: { vendor_name: "AWS", name } } });
const edge = {
  "aws_wafv2_web_acl.waf": {
    name: "booking-prod-site",
    scope: "CLOUDFRONT",
    rule: [managed("AWSManagedRulesAmazonIpReputationList", 0), managed("AWSManagedRulesAnonymousIpList", 1), managed("AWSManagedRulesKnownBadInputsRuleSet", 2)],
  },
  "aws_cloudfront_distribution.site": { enabled: true, web_acl_id: "${aws_wafv2_web_acl.waf.arn}" },
};
const distribution = "aws_cloudfront_distribution.site";

const stages = {
  "aws_apigatewayv2_stage.default": {
    api_id: "${aws_apigatewayv2_api.api.id}",
    name: "$default",
    access_log_settings: { destination_arn: "${aws_cloudwatch_log_group.access.arn}", format: '{"requestId":"$context.requestId","routeKey":"$context.routeKey","status":"$context.status"}' },
  },
};
const stage = "aws_apigatewayv2_stage.default";

export const DATA_PROTECTION_CASES: RuleCase[] = [
  pass("apigateway-access-log-no-bearer-path", "the route template", stage, stages),
  fail("apigateway-access-log-no-bearer-path", "the raw path", stage, "logs $context.path", change(stages, stage, { access_log_settings: { ...stages[stage].access_log_settings, format: '{"path":"$context.path"}' } })),
  fail("apigateway-access-log-no-bearer-path", "integration error text", stage, "logs $context.integrationErrorMessage", change(stages, stage, { access_log_settings: { ...stages[stage].access_log_settings, format: '{"e":"$context.integrationErrorMessage"}' } })),
  skip("apigateway-access-log-no-bearer-path", "a stage without access logs", stage, change(stages, stage, { access_log_settings: undefined })),

  pass("s3-kms-encryption", "SSE-KMS with a customer-managed key", bucket, storage),
  fail("s3-kms-encryption", "SSE-S3 (AES256)", bucket, "is not aws:kms", change(storage, sse, { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" } }] })),
  fail("s3-kms-encryption", "aws:kms with the AWS-managed key", bucket, "without kms_master_key_id", change(storage, sse, { rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "aws:kms" } }] })),
  fail("s3-kms-encryption", "no encryption configuration", bucket, "is not aws:kms", without(storage, sse)),

  pass("dynamodb-customer-key", "a customer-managed key", table, storage),
  fail("dynamodb-customer-key", "the AWS-managed key", table, "has no kms_key_arn", change(storage, table, { server_side_encryption: { enabled: true } })),
  fail("dynamodb-customer-key", "the AWS-owned default", table, "enabled is not true", change(storage, table, { server_side_encryption: undefined })),

  pass("logs-kms", "a customer-managed key", group, storage),
  fail("logs-kms", "no key", group, "no kms_key_id", change(storage, group, { kms_key_id: undefined })),

  pass("logs-retention-one-year", "365 days", group, storage),
  pass("logs-retention-one-year", "kept forever (retention 0)", group, change(storage, group, { retention_in_days: 0 })),
  fail("logs-retention-one-year", "14 days", group, "retention_in_days is 14, less than 365", change(storage, group, { retention_in_days: 14 })),

  pass("sns-encryption", "a KMS key", "aws_sns_topic.alarms", storage),
  fail("sns-encryption", "no key", "aws_sns_topic.alarms", "no kms_master_key_id", change(storage, "aws_sns_topic.alarms", { kms_master_key_id: undefined })),

  pass("ec2-sg-public-http-redirect-only", "port 80 of a load balancer that only redirects to HTTPS", http80, web),
  skip("ec2-sg-public-http-redirect-only", "port 443", "aws_vpc_security_group_ingress_rule.alb-443", web),
  fail("ec2-sg-public-http-redirect-only", "a port-80 listener that forwards", http80, "does more than redirect to HTTPS", change(web, "aws_lb_listener.http", { default_action: [{ type: "forward", target_group_arn: "${aws_lb_target_group.t.arn}" }] })),
  fail("ec2-sg-public-http-redirect-only", "a listener rule on the port-80 listener", http80, "has listener rules", { ...web, "aws_lb_listener_rule.plain": { listener_arn: "${aws_lb_listener.http.arn}", priority: 1, action: [{ type: "forward" }] } }),
  fail("ec2-sg-public-http-redirect-only", "port 80 on a group no load balancer uses", http80, "which no load balancer of this stack uses", without(web, "aws_lb.alb", "aws_lb_listener.http", "aws_lb_listener.https")),
  fail("ec2-sg-public-http-redirect-only", "port 80 open but nothing listening on it", http80, "has no port-80 listener", without(web, "aws_lb_listener.http")),

  pass("cloudfront-waf-managed-rules", "a web ACL with known bad inputs and anonymous IPs", distribution, edge),
  fail("cloudfront-waf-managed-rules", "no web ACL", distribution, "no web_acl_id", change(edge, distribution, { web_acl_id: undefined })),
  fail("cloudfront-waf-managed-rules", "a web ACL without known bad inputs", distribution, "lacks the managed rule group AWSManagedRulesKnownBadInputsRuleSet", change(edge, "aws_wafv2_web_acl.waf", { rule: [managed("AWSManagedRulesAnonymousIpList", 0)] })),
  fail("cloudfront-waf-managed-rules", "a web ACL of another stack", distribution, "names no aws_wafv2_web_acl of this stack", change(edge, distribution, { web_acl_id: "arn:aws:wafv2:us-east-1:222222222222:global/webacl/x/1" })),
];
