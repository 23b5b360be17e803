import { fromProblems, type Rule } from "../core/rule";
import { allowStatements, label, PERMISSION_POLICY_TYPES } from "./statements";

export const iamNoWildcardActions: Rule = {
  id: "iam-no-wildcard-actions",
  severity: "error",
  industry: "CKV_AWS_62, CKV_AWS_63, AwsSolutions-IAM5",
  description: "No policy allows Action \"*\" (every action of every service) or allows with NotAction (everything but a list).",
  fix: "List the exact actions the principal needs, e.g. [\"dynamodb:GetItem\", \"dynamodb:Query\"] (Table.grant* methods do this).",
  resourceTypes: PERMISSION_POLICY_TYPES,
  check(resource, stack) {
    const { statements, unreadable } = allowStatements(resource, stack);
    return fromProblems([
      ...unreadable,
      ...statements.filter((s) => !s.notAction && s.actions.some((a) => a === "*" || a === "*:*")).map((s) => `${label(s)} allows Action "*"`),
      ...statements.filter((s) => s.notAction).map((s) => `${label(s)} allows everything except ${s.actions.join(", ")} (NotAction)`),
    ]);
  },
};
