import { fromProblems, type Rule } from "../core/rule";
import { allowStatements, label, PERMISSION_POLICY_TYPES } from "./statements";

/**
 * Actions that accept only `"Resource": "*"` (the IAM service authorization reference lists no
 * resource type for them), as globs. Anything else must name the resources it acts on.
 */
export const ACTIONS_WITHOUT_RESOURCE_SCOPE = [
  "xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:GetSamplingStatisticSummaries",
  "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries",
  "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups",
  "ec2:Describe*", "cloudwatch:PutMetricData",
  "ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel",
  "ec2messages:AcknowledgeMessage", "ec2messages:DeleteMessage", "ec2messages:FailMessage", "ec2messages:GetEndpoint", "ec2messages:GetMessages", "ec2messages:SendReply",
  "ssm:UpdateInstanceInformation", "ssm:ListAssociations", "ssm:ListInstanceAssociations",
  "sts:GetCallerIdentity",
];

const ALLOWED = ACTIONS_WITHOUT_RESOURCE_SCOPE.map((glob) => new RegExp(`^${glob.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*")}$`, "i"));

/** The action (possibly a glob itself, like "ec2:Describe*") takes only "*" as its resource. */
export function acceptsOnlyStarResource(action: string): boolean {
  return ALLOWED.some((pattern) => pattern.test(action));
}

export const iamNoWildcardResources: Rule = {
  id: "iam-no-wildcard-resources",
  severity: "error",
  industry: "CKV_AWS_355, AwsSolutions-IAM5",
  description: `No policy allows an action on Resource "*" unless the action accepts only "*" (${ACTIONS_WITHOUT_RESOURCE_SCOPE.length} allow-listed actions such as xray:PutTraceSegments, logs:CreateLogDelivery, ec2:Describe*).`,
  fix: "Name the resources (the table's, log group's or state machine's ARN) or, if the action truly takes only \"*\", add it to ACTIONS_WITHOUT_RESOURCE_SCOPE in policies/iam/no-wildcard-resources.ts with the AWS reference.",
  resourceTypes: PERMISSION_POLICY_TYPES,
  check(resource, stack) {
    const { statements, unreadable } = allowStatements(resource, stack);
    return fromProblems([
      ...unreadable,
      ...statements
        .filter((s) => !s.notAction && (s.notResource || s.resources.includes("*")))
        .flatMap((s) => {
          const scopable = s.actions.filter((a) => !acceptsOnlyStarResource(a));
          return scopable.length > 0 ? [`${label(s)} allows ${scopable.join(", ")} on Resource "*"`] : [];
        }),
    ]);
  },
};
