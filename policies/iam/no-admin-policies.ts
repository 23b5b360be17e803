import { fromProblems, strings, type Rule } from "../core/rule";

const ADMIN_POLICIES = /^arn:aws[a-z-]*:iam::aws:policy\/(.*\/)?(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/;

export const iamNoAdminPolicies: Rule = {
  id: "iam-no-admin-policies",
  severity: "error",
  industry: "CKV_AWS_274, AwsSolutions-IAM4",
  description: "No role, user or group gets the AWS-managed AdministratorAccess, PowerUserAccess or IAMFullAccess policy.",
  fix: "Write a policy with the exact actions and resources the principal needs, and attach that.",
  resourceTypes: ["aws_iam_role_policy_attachment", "aws_iam_policy_attachment", "aws_iam_user_policy_attachment", "aws_iam_group_policy_attachment", "aws_iam_role_policy_attachments_exclusive", "aws_iam_role"],
  check(resource) {
    const arns = [...strings(resource.config.policy_arn), ...strings(resource.config.policy_arns), ...strings(resource.config.managed_policy_arns)];
    return fromProblems(arns.filter((arn) => ADMIN_POLICIES.test(arn)).map((arn) => `attaches ${arn}`));
  },
};
