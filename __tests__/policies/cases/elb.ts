import { change, fail, pass, type RuleCase, skip } from "./case";

const alb = {
  "aws_lb.web": {
    name: "booking-dev-web",
    load_balancer_type: "application",
    internal: false,
    drop_invalid_header_fields: true,
    enable_deletion_protection: true,
    access_logs: { bucket: "${aws_s3_bucket.alb-logs.bucket}", prefix: "alb", enabled: true },
  },
  "aws_lb_listener.https": {
    load_balancer_arn: "${aws_lb.web.arn}",
    port: 443,
    protocol: "HTTPS",
    ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    certificate_arn: "${aws_acm_certificate_validation.web.certificate_arn}",
    default_action: [{ type: "fixed-response", fixed_response: { content_type: "text/plain", status_code: "404", message_body: "not found" } }],
  },
  "aws_lb_listener.http": {
    load_balancer_arn: "${aws_lb.web.arn}",
    port: 80,
    protocol: "HTTP",
    default_action: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }],
  },
  "aws_lb_target_group.reporting": { port: 8080, protocol: "HTTP", vpc_id: "${aws_vpc.main.id}", health_check: { enabled: true, path: "/health", matcher: "200" } },
  "aws_lb.nlb": { name: "booking-dev-nlb", load_balancer_type: "network", access_logs: { bucket: "logs", enabled: true } },
  "aws_lb_listener.tcp": { load_balancer_arn: "${aws_lb.nlb.arn}", port: 5432, protocol: "TCP", default_action: [{ type: "forward" }] },
};

export const ELB_CASES: RuleCase[] = [
  pass("elb-listener-https", "an HTTPS listener", "aws_lb_listener.https", alb),
  pass("elb-listener-https", "an HTTP listener that redirects to HTTPS", "aws_lb_listener.http", alb),
  fail("elb-listener-https", "an HTTP listener that forwards", "aws_lb_listener.http", 'port 80 does not redirect to HTTPS (default_action type "forward")', change(alb, "aws_lb_listener.http", { default_action: [{ type: "forward", target_group_arn: "${aws_lb_target_group.reporting.arn}" }] })),
  skip("elb-listener-https", "a TCP listener", "aws_lb_listener.tcp", alb),

  pass("elb-tls-policy", "TLS13-1-2-2021-06", "aws_lb_listener.https", alb),
  fail("elb-tls-policy", "the 2016 default policy", "aws_lb_listener.https", "(unset: ELBSecurityPolicy-2016-08)", change(alb, "aws_lb_listener.https", { ssl_policy: undefined })),
  fail("elb-tls-policy", "a TLS 1.0 policy", "aws_lb_listener.https", '"ELBSecurityPolicy-TLS-1-0-2015-04"', change(alb, "aws_lb_listener.https", { ssl_policy: "ELBSecurityPolicy-TLS-1-0-2015-04" })),
  skip("elb-tls-policy", "an HTTP redirect listener", "aws_lb_listener.http", alb),

  pass("elb-drop-invalid-headers", "drop_invalid_header_fields on", "aws_lb.web", alb),
  fail("elb-drop-invalid-headers", "drop_invalid_header_fields unset", "aws_lb.web", "drop_invalid_header_fields is not true", change(alb, "aws_lb.web", { drop_invalid_header_fields: undefined })),
  skip("elb-drop-invalid-headers", "a network load balancer", "aws_lb.nlb", alb),

  pass("elb-access-logs", "access logs enabled", "aws_lb.web", alb),
  fail("elb-access-logs", "a bucket but enabled unset", "aws_lb.web", "access_logs.enabled is not true", change(alb, "aws_lb.web", { access_logs: { bucket: "logs", prefix: "alb" } })),
  fail("elb-access-logs", "no access_logs", "aws_lb.web", "access_logs has no bucket", change(alb, "aws_lb.web", { access_logs: undefined })),

  pass("elb-deletion-protection", "deletion protection on", "aws_lb.web", alb),
  fail("elb-deletion-protection", "deletion protection off", "aws_lb.web", "enable_deletion_protection is not true", change(alb, "aws_lb.web", { enable_deletion_protection: false })),

  pass("elb-target-group-health-check", "a /health check", "aws_lb_target_group.reporting", alb),
  fail("elb-target-group-health-check", "a health check without path", "aws_lb_target_group.reporting", "health_check has no path", change(alb, "aws_lb_target_group.reporting", { health_check: undefined })),
  skip("elb-target-group-health-check", "a Lambda target group", "aws_lb_target_group.reporting", change(alb, "aws_lb_target_group.reporting", { target_type: "lambda" })),
];
