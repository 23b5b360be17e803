import { change, fail, pass, type RuleCase } from "./case";

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
