/**
 * The CI apply role must be allowed every API call Terraform makes for the resources the
 * environment's stacks hold, or the first CI apply fails with AccessDenied halfway (plan cannot
 * tell). REQUIRED lists, per resource type, the calls the AWS provider 5.100 makes to create, read,
 * update and delete it (and the extra calls the services document for the caller: log delivery,
 * function publishing, key rotation, cross-account DNS). A resource type the stacks start using
 * without an entry here fails the first test, so the list and the role grow together.
 */
import { applyRolePolicy, planRolePolicy } from "../../stacks/bootstrap-policies";
import { rolePolicies, synthesizedStack, type Json } from "../helpers";

const LOG_DELIVERY = ["logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups"];

const REQUIRED: Record<string, readonly string[]> = {
  aws_acm_certificate: ["acm:RequestCertificate", "acm:DescribeCertificate", "acm:ListTagsForCertificate", "acm:AddTagsToCertificate", "acm:DeleteCertificate"],
  aws_acm_certificate_validation: ["acm:DescribeCertificate"],
  aws_apigatewayv2_api: ["apigateway:POST", "apigateway:GET", "apigateway:PATCH", "apigateway:DELETE", "apigateway:PUT"],
  aws_apigatewayv2_api_mapping: ["apigateway:POST", "apigateway:GET", "apigateway:PATCH", "apigateway:DELETE"],
  aws_apigatewayv2_domain_name: ["apigateway:POST", "apigateway:GET", "apigateway:PATCH", "apigateway:DELETE"],
  aws_apigatewayv2_integration: ["apigateway:POST", "apigateway:GET", "apigateway:PATCH", "apigateway:DELETE"],
  aws_apigatewayv2_route: ["apigateway:POST", "apigateway:GET", "apigateway:PATCH", "apigateway:DELETE"],
  // Access logs are vended logs: API Gateway Developer Guide, "Configure logging for HTTP APIs".
  aws_apigatewayv2_stage: ["apigateway:POST", "apigateway:GET", "apigateway:PATCH", "apigateway:DELETE", ...LOG_DELIVERY],
  aws_autoscaling_group: ["autoscaling:CreateAutoScalingGroup", "autoscaling:DescribeAutoScalingGroups", "autoscaling:UpdateAutoScalingGroup", "autoscaling:DeleteAutoScalingGroup", "autoscaling:CreateOrUpdateTags", "ec2:RunInstances", "iam:PassRole"],
  aws_autoscaling_policy: ["autoscaling:PutScalingPolicy", "autoscaling:DescribePolicies", "autoscaling:DeletePolicy"],
  aws_cloudfront_distribution: ["cloudfront:CreateDistributionWithTags", "cloudfront:GetDistribution", "cloudfront:UpdateDistribution", "cloudfront:DeleteDistribution", "cloudfront:ListTagsForResource", "cloudfront:TagResource", "wafv2:GetWebACL"],
  aws_cloudfront_function: ["cloudfront:CreateFunction", "cloudfront:DescribeFunction", "cloudfront:GetFunction", "cloudfront:UpdateFunction", "cloudfront:PublishFunction", "cloudfront:DeleteFunction"],
  aws_cloudfront_origin_access_control: ["cloudfront:CreateOriginAccessControl", "cloudfront:GetOriginAccessControl", "cloudfront:UpdateOriginAccessControl", "cloudfront:DeleteOriginAccessControl"],
  aws_cloudfront_response_headers_policy: ["cloudfront:CreateResponseHeadersPolicy", "cloudfront:GetResponseHeadersPolicy", "cloudfront:UpdateResponseHeadersPolicy", "cloudfront:DeleteResponseHeadersPolicy"],
  aws_cloudwatch_composite_alarm: ["cloudwatch:PutCompositeAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms", "cloudwatch:ListTagsForResource", "cloudwatch:TagResource"],
  aws_cloudwatch_dashboard: ["cloudwatch:PutDashboard", "cloudwatch:GetDashboard", "cloudwatch:DeleteDashboards"],
  aws_cloudwatch_log_group: ["logs:CreateLogGroup", "logs:DescribeLogGroups", "logs:PutRetentionPolicy", "logs:ListTagsForResource", "logs:TagResource", "logs:AssociateKmsKey", "logs:DeleteLogGroup"],
  aws_cloudwatch_log_metric_filter: ["logs:PutMetricFilter", "logs:DescribeMetricFilters", "logs:DeleteMetricFilter"],
  aws_cloudwatch_metric_alarm: ["cloudwatch:PutMetricAlarm", "cloudwatch:DescribeAlarms", "cloudwatch:DeleteAlarms", "cloudwatch:ListTagsForResource", "cloudwatch:TagResource"],
  aws_cognito_user_pool: ["cognito-idp:CreateUserPool", "cognito-idp:DescribeUserPool", "cognito-idp:UpdateUserPool", "cognito-idp:DeleteUserPool", "cognito-idp:GetUserPoolMfaConfig", "cognito-idp:SetUserPoolMfaConfig", "cognito-idp:TagResource", "cognito-idp:ListTagsForResource"],
  aws_cognito_user_pool_client: ["cognito-idp:CreateUserPoolClient", "cognito-idp:DescribeUserPoolClient", "cognito-idp:UpdateUserPoolClient", "cognito-idp:DeleteUserPoolClient"],
  aws_cognito_user_pool_domain: ["cognito-idp:CreateUserPoolDomain", "cognito-idp:DescribeUserPoolDomain", "cognito-idp:UpdateUserPoolDomain", "cognito-idp:DeleteUserPoolDomain"],
  aws_default_security_group: ["ec2:DescribeSecurityGroups", "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress", "ec2:CreateTags"],
  aws_dynamodb_table: ["dynamodb:CreateTable", "dynamodb:DescribeTable", "dynamodb:DescribeContinuousBackups", "dynamodb:DescribeTimeToLive", "dynamodb:ListTagsOfResource", "dynamodb:UpdateContinuousBackups", "dynamodb:UpdateTimeToLive", "dynamodb:TagResource", "dynamodb:DeleteTable", "kms:DescribeKey", "kms:CreateGrant"],
  aws_eip: ["ec2:AllocateAddress", "ec2:DescribeAddresses", "ec2:ReleaseAddress", "ec2:CreateTags"],
  aws_flow_log: ["ec2:CreateFlowLogs", "ec2:DescribeFlowLogs", "ec2:DeleteFlowLogs", "iam:PassRole"],
  aws_iam_instance_profile: ["iam:CreateInstanceProfile", "iam:GetInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:DeleteInstanceProfile"],
  aws_iam_role: ["iam:CreateRole", "iam:GetRole", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:TagRole", "iam:UpdateAssumeRolePolicy", "iam:ListInstanceProfilesForRole", "iam:DeleteRole"],
  aws_iam_role_policy: ["iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy"],
  aws_iam_role_policy_attachment: ["iam:AttachRolePolicy", "iam:ListAttachedRolePolicies", "iam:DetachRolePolicy"],
  aws_internet_gateway: ["ec2:CreateInternetGateway", "ec2:AttachInternetGateway", "ec2:DescribeInternetGateways", "ec2:DetachInternetGateway", "ec2:DeleteInternetGateway"],
  aws_kms_alias: ["kms:CreateAlias", "kms:ListAliases", "kms:UpdateAlias", "kms:DeleteAlias"],
  aws_kms_key: ["kms:CreateKey", "kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags", "kms:PutKeyPolicy", "kms:EnableKeyRotation", "kms:TagResource", "kms:ScheduleKeyDeletion"],
  aws_lambda_function: ["lambda:CreateFunction", "lambda:GetFunction", "lambda:GetFunctionCodeSigningConfig", "lambda:ListVersionsByFunction", "lambda:UpdateFunctionCode", "lambda:UpdateFunctionConfiguration", "lambda:TagResource", "lambda:DeleteFunction", "iam:PassRole"],
  aws_lambda_permission: ["lambda:AddPermission", "lambda:GetPolicy", "lambda:RemovePermission"],
  aws_launch_template: ["ec2:CreateLaunchTemplate", "ec2:DescribeLaunchTemplates", "ec2:DescribeLaunchTemplateVersions", "ec2:CreateLaunchTemplateVersion", "ec2:ModifyLaunchTemplate", "ec2:DeleteLaunchTemplate"],
  aws_lb: ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes", "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:AddTags", "elasticloadbalancing:DeleteLoadBalancer"],
  aws_lb_listener: ["elasticloadbalancing:CreateListener", "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:ModifyListener", "elasticloadbalancing:DeleteListener", "acm:DescribeCertificate"],
  aws_lb_listener_rule: ["elasticloadbalancing:CreateRule", "elasticloadbalancing:DescribeRules", "elasticloadbalancing:ModifyRule", "elasticloadbalancing:DeleteRule"],
  aws_lb_target_group: ["elasticloadbalancing:CreateTargetGroup", "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetGroupAttributes", "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:DeleteTargetGroup"],
  aws_nat_gateway: ["ec2:CreateNatGateway", "ec2:DescribeNatGateways", "ec2:DeleteNatGateway"],
  aws_route: ["ec2:CreateRoute", "ec2:DescribeRouteTables", "ec2:ReplaceRoute", "ec2:DeleteRoute"],
  aws_route53_record: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:GetChange"],
  aws_route53_zone: ["route53:CreateHostedZone", "route53:GetHostedZone", "route53:ListTagsForResource", "route53:ChangeTagsForResource", "route53:DeleteHostedZone"],
  aws_route_table: ["ec2:CreateRouteTable", "ec2:DescribeRouteTables", "ec2:DeleteRouteTable"],
  aws_route_table_association: ["ec2:AssociateRouteTable", "ec2:DisassociateRouteTable"],
  aws_s3_bucket: ["s3:CreateBucket", "s3:ListBucket", "s3:GetBucketTagging", "s3:PutBucketTagging", "s3:GetBucketPolicy", "s3:DeleteBucket"],
  aws_s3_bucket_lifecycle_configuration: ["s3:PutLifecycleConfiguration", "s3:GetLifecycleConfiguration"],
  aws_s3_bucket_logging: ["s3:PutBucketLogging", "s3:GetBucketLogging"],
  aws_s3_bucket_ownership_controls: ["s3:PutBucketOwnershipControls", "s3:GetBucketOwnershipControls", "s3:DeleteBucketOwnershipControls"],
  aws_s3_bucket_policy: ["s3:PutBucketPolicy", "s3:GetBucketPolicy", "s3:DeleteBucketPolicy"],
  aws_s3_bucket_public_access_block: ["s3:PutBucketPublicAccessBlock", "s3:GetBucketPublicAccessBlock"],
  aws_s3_bucket_server_side_encryption_configuration: ["s3:PutEncryptionConfiguration", "s3:GetEncryptionConfiguration"],
  aws_s3_bucket_versioning: ["s3:PutBucketVersioning", "s3:GetBucketVersioning"],
  // Objects written with SSE-KMS: the writer needs the key (S3 User Guide, "Using SSE-KMS").
  aws_s3_object: ["s3:PutObject", "s3:GetObject", "s3:GetObjectTagging", "s3:DeleteObject", "kms:GenerateDataKey", "kms:Decrypt"],
  aws_scheduler_schedule: ["scheduler:CreateSchedule", "scheduler:GetSchedule", "scheduler:UpdateSchedule", "scheduler:DeleteSchedule", "iam:PassRole"],
  aws_secretsmanager_secret: ["secretsmanager:CreateSecret", "secretsmanager:DescribeSecret", "secretsmanager:GetResourcePolicy", "secretsmanager:UpdateSecret", "secretsmanager:TagResource", "secretsmanager:DeleteSecret"],
  aws_secretsmanager_secret_rotation: ["secretsmanager:RotateSecret", "secretsmanager:DescribeSecret", "secretsmanager:CancelRotateSecret"],
  aws_security_group: ["ec2:CreateSecurityGroup", "ec2:DescribeSecurityGroups", "ec2:RevokeSecurityGroupEgress", "ec2:DeleteSecurityGroup", "ec2:CreateTags"],
  aws_sfn_state_machine: ["states:CreateStateMachine", "states:DescribeStateMachine", "states:UpdateStateMachine", "states:ListTagsForResource", "states:TagResource", "states:DeleteStateMachine", "iam:PassRole"],
  aws_sns_topic: ["sns:CreateTopic", "sns:GetTopicAttributes", "sns:SetTopicAttributes", "sns:ListTagsForResource", "sns:TagResource", "sns:DeleteTopic"],
  aws_sns_topic_policy: ["sns:SetTopicAttributes", "sns:GetTopicAttributes"],
  aws_sns_topic_subscription: ["sns:Subscribe", "sns:GetSubscriptionAttributes", "sns:SetSubscriptionAttributes", "sns:Unsubscribe"],
  aws_subnet: ["ec2:CreateSubnet", "ec2:DescribeSubnets", "ec2:ModifySubnetAttribute", "ec2:DeleteSubnet"],
  aws_vpc: ["ec2:CreateVpc", "ec2:DescribeVpcs", "ec2:DescribeVpcAttribute", "ec2:ModifyVpcAttribute", "ec2:DeleteVpc"],
  aws_vpc_endpoint: ["ec2:CreateVpcEndpoint", "ec2:DescribeVpcEndpoints", "ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints"],
  aws_vpc_security_group_egress_rule: ["ec2:AuthorizeSecurityGroupEgress", "ec2:DescribeSecurityGroupRules", "ec2:RevokeSecurityGroupEgress"],
  aws_vpc_security_group_ingress_rule: ["ec2:AuthorizeSecurityGroupIngress", "ec2:DescribeSecurityGroupRules", "ec2:RevokeSecurityGroupIngress"],
  aws_wafv2_web_acl: ["wafv2:CreateWebACL", "wafv2:GetWebACL", "wafv2:UpdateWebACL", "wafv2:ListTagsForResource", "wafv2:TagResource", "wafv2:DeleteWebACL"],
  // Associating a web ACL with a load balancer: WAF Developer Guide, "Associating or disassociating a web ACL".
  aws_wafv2_web_acl_association: ["wafv2:AssociateWebACL", "wafv2:GetWebACLForResource", "wafv2:DisassociateWebACL", "elasticloadbalancing:SetWebACL"],
  // WAF logs to CloudWatch Logs are vended logs (CloudWatch Logs User Guide, "Logs sent to CloudWatch Logs").
  aws_wafv2_web_acl_logging_configuration: ["wafv2:PutLoggingConfiguration", "wafv2:GetLoggingConfiguration", "wafv2:DeleteLoggingConfiguration", ...LOG_DELIVERY],
};

interface Statement {
  readonly Effect: "Allow" | "Deny";
  readonly Action: string | string[];
  readonly Resource: string | string[];
}

const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);
/** IAM action matching: case-insensitive, `*` and `?` wildcards. */
const matches = (pattern: string, action: string) =>
  new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i").test(action);
const allowed = (statements: readonly Statement[], action: string) => statements.some((s) => s.Effect === "Allow" && list(s.Action).some((p) => matches(p, action)));

/** The resource types of an environment's stacks (the bootstrap stacks are applied by an administrator). */
function resourceTypes(env: string): string[] {
  const stacks = ["state", "dns", "site", "api", "workflow", "network", "monitoring"].map((kind) => synthesizedStack(`${env}-${kind}`));
  return [...new Set(stacks.flatMap((json: Json) => Object.keys(json.resource ?? {})))].sort();
}

/** The apply role's inline policy as the bootstrap stack writes it. */
function applyStatements(bootstrap: string, role: string): Statement[] {
  const [found, ...more] = rolePolicies(synthesizedStack(bootstrap), role);
  if (!found || more.length > 0) throw new Error(`${role} in ${bootstrap} must have exactly one inline policy`);
  return found.Statement;
}

describe.each([
  ["dev", "bootstrap-111111111111", "booking-dev-ci-apply"],
  ["prod", "bootstrap-222222222222", "booking-prod-ci-apply"],
])("the %s apply role (%s) covers the %s stacks' resources", (env, bootstrap, role) => {
  const types = resourceTypes(env);
  const statements = applyStatements(bootstrap, role);

  test("every resource type of the stacks has its API calls listed here", () => {
    expect(types.filter((t) => REQUIRED[t] === undefined)).toEqual([]);
  });

  test("every call those resources need is allowed", () => {
    const missing = types.flatMap((t) => (REQUIRED[t] ?? []).filter((action) => !allowed(statements, action)).map((action) => `${t}: ${action}`));
    expect(missing).toEqual([]);
  });

  test("the inline policy fits IAM's 10,240-character limit for a role's inline policies (whitespace not counted)", () => {
    expect(JSON.stringify({ Version: "2012-10-17", Statement: statements }).length).toBeLessThanOrEqual(10_240);
  });
});

describe("cross-account DNS delegation", () => {
  const role = "arn:aws:iam::222222222222:role/booking-dns-delegation-dev";
  test("the apply and plan roles may assume the parent zone's delegation role (a cross-account AssumeRole needs the caller's allow too)", () => {
    const apply = applyRolePolicy({ namePrefix: "booking-dev-", accountId: "111111111111", regions: ["eu-west-1"], assumeRoles: [role] }).Statement as Statement[];
    const plan = planRolePolicy(undefined, "arn:aws:dynamodb:*:111111111111:table/booking-dev-*", [role]).Statement as Statement[];
    for (const statements of [apply, plan]) {
      expect(statements.filter((s) => s.Effect === "Allow" && list(s.Action).includes("sts:AssumeRole")).flatMap((s) => list(s.Resource))).toEqual([role]);
    }
  });

  test("the dev bootstrap stack grants it, from config (parentZone.delegationRoleArn)", () => {
    expect(allowed(applyStatements("bootstrap-111111111111", "booking-dev-ci-apply"), "sts:AssumeRole")).toBe(true);
  });
});
