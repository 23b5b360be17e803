import { compliant, nonCompliant, strings, type Rule } from "../core/rule";

export const iamNoUserPolicies: Rule = {
  id: "iam-no-user-policies",
  severity: "error",
  industry: "CKV_AWS_40",
  description: "Permissions go to roles (or groups), never directly to IAM users: no aws_iam_user_policy or user attachments.",
  fix: "Give the permissions to a role that people or CI assume (SSO, OIDC) instead of a user.",
  resourceTypes: ["aws_iam_user_policy", "aws_iam_user_policy_attachment", "aws_iam_policy_attachment"],
  check(resource) {
    if (resource.type === "aws_iam_policy_attachment") {
      const users = strings(resource.config.users);
      return users.length === 0 ? compliant : nonCompliant(`attaches ${resource.config.policy_arn} to users ${users.join(", ")}`);
    }
    return nonCompliant(`${resource.type} gives permissions to user ${resource.config.user}`);
  },
};
