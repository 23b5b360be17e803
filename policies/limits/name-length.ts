import { describeCharacter, firstBadCharacter, isExpression } from "../core/characters";
import { fromProblems, type Rule } from "../core/rule";

interface NameLimit {
  readonly attribute: string;
  readonly min: number;
  readonly max: number;
  /** One allowed character, when the API restricts them beyond what the provider checks. */
  readonly character?: RegExp;
  /** The API reference the limit comes from. */
  readonly source: string;
}

/**
 * Physical name limits per resource type, from each service's API reference (the request parameter
 * named in `source`). Some the provider also checks at plan; the rest only fail at apply. Names
 * come from config/naming.ts (Names), whose NAME_LIMITS must stay within these.
 */
export const NAME_LIMITS_BY_TYPE: Readonly<Record<string, NameLimit>> = {
  aws_lb: { attribute: "name", min: 1, max: 32, character: /^[a-zA-Z0-9-]$/, source: "ELBv2 CreateLoadBalancer Name: up to 32 alphanumerics and hyphens" },
  aws_lb_target_group: { attribute: "name", min: 1, max: 32, character: /^[a-zA-Z0-9-]$/, source: "ELBv2 CreateTargetGroup Name: up to 32 alphanumerics and hyphens" },
  aws_s3_bucket: { attribute: "bucket", min: 3, max: 63, character: /^[a-z0-9.-]$/, source: "S3 bucket naming rules: 3-63 lower-case letters, numbers, dots and hyphens" },
  aws_iam_role: { attribute: "name", min: 1, max: 64, character: /^[\w+=,.@-]$/, source: "IAM CreateRole RoleName: 1-64 of [\\w+=,.@-]" },
  aws_iam_instance_profile: { attribute: "name", min: 1, max: 128, character: /^[\w+=,.@-]$/, source: "IAM CreateInstanceProfile InstanceProfileName: 1-128 of [\\w+=,.@-]" },
  aws_iam_role_policy: { attribute: "name", min: 1, max: 128, character: /^[\w+=,.@-]$/, source: "IAM PutRolePolicy PolicyName: 1-128 of [\\w+=,.@-]" },
  aws_iam_policy: { attribute: "name", min: 1, max: 128, character: /^[\w+=,.@-]$/, source: "IAM CreatePolicy PolicyName: 1-128 of [\\w+=,.@-]" },
  aws_lambda_function: { attribute: "function_name", min: 1, max: 64, character: /^[a-zA-Z0-9_-]$/, source: "Lambda CreateFunction FunctionName: a name of up to 64 letters, numbers, hyphens and underscores" },
  aws_sfn_state_machine: { attribute: "name", min: 1, max: 80, source: "Step Functions CreateStateMachine name: 1-80 characters" },
  aws_dynamodb_table: { attribute: "name", min: 3, max: 255, character: /^[a-zA-Z0-9_.-]$/, source: "DynamoDB CreateTable TableName: 3-255 of [a-zA-Z0-9_.-]" },
  aws_cloudwatch_log_group: { attribute: "name", min: 1, max: 512, character: /^[\w./#-]$/, source: "CloudWatch Logs CreateLogGroup logGroupName: 1-512 of [\\.\\-_/#A-Za-z0-9]" },
  aws_launch_template: { attribute: "name", min: 3, max: 128, character: /^[a-zA-Z0-9().\-/_]$/, source: "EC2 CreateLaunchTemplate LaunchTemplateName: 3-128 of [a-zA-Z0-9().-/_]" },
  aws_autoscaling_group: { attribute: "name", min: 1, max: 255, source: "Auto Scaling CreateAutoScalingGroup AutoScalingGroupName: 1-255 characters" },
  aws_autoscaling_policy: { attribute: "name", min: 1, max: 255, source: "Auto Scaling PutScalingPolicy PolicyName: 1-255 characters" },
  aws_security_group: { attribute: "name", min: 1, max: 255, source: "EC2 CreateSecurityGroup GroupName: up to 255 characters" },
  aws_wafv2_web_acl: { attribute: "name", min: 1, max: 128, character: /^[\w-]$/, source: "WAFv2 CreateWebACL Name: 1-128 of [\\w\\-]" },
  aws_cloudfront_origin_access_control: { attribute: "name", min: 1, max: 64, source: "CloudFront CreateOriginAccessControl Name: up to 64 characters" },
  aws_cloudfront_response_headers_policy: { attribute: "name", min: 1, max: 128, source: "CloudFront CreateResponseHeadersPolicy Name: up to 128 characters" },
  aws_cloudfront_function: { attribute: "name", min: 1, max: 64, character: /^[a-zA-Z0-9_-]$/, source: "CloudFront CreateFunction Name: 1-64 of [a-zA-Z0-9-_]" },
  aws_apigatewayv2_api: { attribute: "name", min: 1, max: 128, source: "API Gateway v2 CreateApi Name: up to 128 characters" },
  aws_sns_topic: { attribute: "name", min: 1, max: 256, character: /^[a-zA-Z0-9_-]$/, source: "SNS CreateTopic Name: up to 256 letters, numbers, hyphens and underscores" },
  aws_cloudwatch_metric_alarm: { attribute: "alarm_name", min: 1, max: 255, source: "CloudWatch PutMetricAlarm AlarmName: 1-255 characters" },
  aws_kms_alias: { attribute: "name", min: 1, max: 256, character: /^[a-zA-Z0-9:/_-]$/, source: "KMS CreateAlias AliasName: 1-256 of [a-zA-Z0-9:/_-]" },
};

export const namesLength: Rule = {
  id: "names-length",
  severity: "error",
  industry: "none in checkov",
  description: "Every physical name is within the length limit and character set of its service's API (load balancer and target group 32, IAM role 64, Lambda 64, bucket 63, ...).",
  fix: "Name the resource with Names.of(purpose, kind) from config/naming.ts (it fits names to the limit of their kind with a hash), or choose a shorter purpose.",
  resourceTypes: Object.keys(NAME_LIMITS_BY_TYPE),
  check(resource) {
    const limit = NAME_LIMITS_BY_TYPE[resource.type];
    const name = resource.config[limit.attribute];
    if (typeof name !== "string" || isExpression(name)) return fromProblems([]);
    const problems: string[] = [];
    const length = [...name].length;
    if (length < limit.min || length > limit.max) problems.push(`${limit.attribute} ${JSON.stringify(name)} is ${length} characters long; ${limit.source}`);
    const bad = limit.character && firstBadCharacter(name, limit.character);
    if (bad) problems.push(`${limit.attribute} ${JSON.stringify(name)} contains ${describeCharacter(bad)}; ${limit.source}`);
    return fromProblems(problems);
  },
};
