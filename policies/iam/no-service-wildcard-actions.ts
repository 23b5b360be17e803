import { fromProblems, type Rule } from "../core/rule";
import { allowStatements, label, PERMISSION_POLICY_TYPES } from "./statements";

export const iamNoServiceWildcardActions: Rule = {
  id: "iam-no-service-wildcard-actions",
  severity: "error",
  industry: "AwsSolutions-IAM5",
  description: "No policy allows every action of a service (\"s3:*\", \"dynamodb:*\"): new, destructive and permission-changing actions would come with it.",
  fix: "List the exact actions, e.g. \"s3:GetObject\" instead of \"s3:*\".",
  resourceTypes: PERMISSION_POLICY_TYPES,
  check(resource, stack) {
    const { statements, unreadable } = allowStatements(resource, stack);
    return fromProblems([
      ...unreadable,
      ...statements
        .filter((s) => !s.notAction)
        .flatMap((s) => s.actions.filter((a) => /^[a-z0-9-]+:\*$/i.test(a)).map((a) => `${label(s)} allows "${a}"`)),
    ]);
  },
};
