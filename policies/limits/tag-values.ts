import { describeCharacter, firstBadCharacter, isExpression } from "../core/characters";
import { blocks, fromProblems, type Json, type Rule } from "../core/rule";

/**
 * AWS tagging rules (Tagging AWS resources, "Tag naming limits and requirements"; the EC2, RDS and
 * Resource Groups Tagging API references give the same pattern `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`):
 * a key is 1-128 Unicode characters, a value 0-256, both drawn from letters, numbers, spaces and
 * `_ . : / = + - @`; the `aws:` prefix (any case) is reserved; at most 50 user tags per resource,
 * and S3 object tagging allows 10 per object (S3 User Guide, "Categorizing your storage using tags").
 * The provider validates none of this at plan: a bad tag (often one in `default_tags`, which every
 * resource of the stack inherits) fails every create at apply.
 */
export const TAG_CHARACTER = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]$/u;
export const TAG_KEY_MAX = 128;
export const TAG_VALUE_MAX = 256;
const MAX_TAGS: Readonly<Record<string, number>> = { aws_s3_object: 10 };
const DEFAULT_MAX_TAGS = 50;

/** Pseudo resource type for the `provider.aws` blocks of a stack (their `default_tags`), see StackContext. */
export const PROVIDER_TYPE = "aws_provider";

/** Resource types of provider 5.100 with a `tags` argument that this project uses or is likely to. */
export const TAGGABLE_TYPES = [
  "aws_acm_certificate", "aws_apigatewayv2_api", "aws_apigatewayv2_domain_name", "aws_apigatewayv2_stage", "aws_cloudfront_distribution",
  "aws_cloudwatch_log_group", "aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm", "aws_default_security_group", "aws_dynamodb_table",
  "aws_eip", "aws_flow_log", "aws_iam_instance_profile", "aws_iam_openid_connect_provider", "aws_iam_policy", "aws_iam_role", "aws_internet_gateway",
  "aws_kms_key", "aws_lambda_function", "aws_launch_template", "aws_lb", "aws_lb_listener", "aws_lb_listener_rule", "aws_lb_target_group",
  "aws_nat_gateway", "aws_route53_zone", "aws_route_table", "aws_s3_bucket", "aws_s3_object", "aws_secretsmanager_secret", "aws_security_group",
  "aws_sfn_state_machine", "aws_sns_topic", "aws_sqs_queue", "aws_ssm_parameter", "aws_subnet", "aws_vpc", "aws_vpc_endpoint",
  "aws_vpc_security_group_egress_rule", "aws_vpc_security_group_ingress_rule", "aws_wafv2_ip_set", "aws_wafv2_web_acl", "aws_autoscaling_group",
] as const;

/** Every tag set of a resource with where it is: `tags`, `tag_specifications[0].tags`, the ASG's `tag` blocks, a provider's `default_tags`. */
function tagSets(type: string, c: Json): Array<[string, Json]> {
  if (type === PROVIDER_TYPE) return blocks(c.default_tags).map((d, i) => [`default_tags[${i}].tags`, d.tags ?? {}]);
  const sets: Array<[string, Json]> = [];
  if (c.tags && typeof c.tags === "object") sets.push(["tags", c.tags]);
  blocks(c.tag_specifications).forEach((s, i) => s.tags && sets.push([`tag_specifications[${i}].tags`, s.tags]));
  if (type === "aws_autoscaling_group") {
    const asg = Object.fromEntries(blocks(c.tag).map((t) => [t.key, t.value ?? ""]));
    if (Object.keys(asg).length > 0) sets.push(["tag", asg]);
  }
  return sets;
}

export const tagsValues: Rule = {
  id: "tags-values",
  severity: "error",
  industry: "none in checkov",
  description: "Tag keys (1-128) and values (0-256 characters) use only letters, numbers, spaces and _ . : / = + - @, no key starts with aws:, and a resource has at most 50 tags (10 on an S3 object), provider default_tags included.",
  fix: "Rename the tag key or reword the value within the allowed characters and lengths (e.g. \"Cost center\" -> \"CostCenter\", \"R&D\" -> \"R-and-D\"); tags are set in config/environments/<env>.ts (tags) or on the resource.",
  resourceTypes: [...TAGGABLE_TYPES, PROVIDER_TYPE],
  check(resource, stack) {
    const problems: string[] = [];
    for (const [where, tags] of tagSets(resource.type, resource.config)) {
      if (isExpression(tags)) continue;
      for (const [key, value] of Object.entries(tags)) {
        const keyLength = [...key].length;
        if (keyLength < 1 || keyLength > TAG_KEY_MAX) problems.push(`${where} key ${JSON.stringify(key)} is ${keyLength} characters long; keys are 1-${TAG_KEY_MAX}`);
        if (/^aws:/i.test(key)) problems.push(`${where} key ${JSON.stringify(key)} starts with "aws:", a prefix AWS reserves`);
        const badKey = firstBadCharacter(key, TAG_CHARACTER);
        if (badKey) problems.push(`${where} key ${JSON.stringify(key)} contains ${describeCharacter(badKey)}, outside the allowed letters, numbers, spaces and _ . : / = + - @`);
        if (typeof value !== "string" || isExpression(value)) continue;
        if ([...value].length > TAG_VALUE_MAX) problems.push(`${where}.${key} value is ${[...value].length} characters long; values are at most ${TAG_VALUE_MAX}`);
        const badValue = firstBadCharacter(value, TAG_CHARACTER);
        if (badValue) problems.push(`${where}.${key} value ${JSON.stringify(value)} contains ${describeCharacter(badValue)}, outside the allowed letters, numbers, spaces and _ . : / = + - @`);
      }
    }
    if (resource.type !== PROVIDER_TYPE) {
      // The provider merges its default_tags into every resource's tags.
      const own = Object.keys(resource.config.tags ?? {});
      const inherited = stack.ofType(PROVIDER_TYPE).filter((p) => providerOf(resource.config) === p.name).flatMap((p) => tagSets(PROVIDER_TYPE, p.config).flatMap(([, t]) => Object.keys(t)));
      const count = new Set([...own, ...inherited]).size;
      const max = MAX_TAGS[resource.type] ?? DEFAULT_MAX_TAGS;
      if (count > max) problems.push(`has ${count} tags with the provider's default_tags; ${resource.type} allows at most ${max}`);
    }
    return fromProblems(problems);
  },
};

/** The provider a resource uses, by the name StackContext gives provider blocks ("default" or the alias). */
function providerOf(config: Json): string {
  const p = typeof config.provider === "string" ? config.provider : "";
  const alias = /^aws\.(\w+)$/.exec(p)?.[1];
  return alias ?? "default";
}
