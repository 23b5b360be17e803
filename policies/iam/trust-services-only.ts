import { trustPolicy } from "../core/policy-document";
import { fromProblems, type Rule } from "../core/rule";
import { label } from "./statements";

export const iamTrustServicesOnly: Rule = {
  id: "iam-trust-services-only",
  severity: "error",
  industry: "CKV_AWS_60, CKV_AWS_61",
  description: "A role's trust policy lets only AWS services assume it (Principal {\"Service\": …}), or a federated identity under a condition; never \"*\" or whole accounts.",
  fix: "Trust the service that runs the code, e.g. {\"Service\": \"lambda.amazonaws.com\"}; for CI, a Federated OIDC provider with a token.actions.githubusercontent.com:sub condition.",
  resourceTypes: ["aws_iam_role"],
  check(role, stack) {
    const trust = trustPolicy(role, stack);
    if (trust.error) return fromProblems([trust.error]);
    const problems: string[] = [];
    for (const s of trust.statements.filter((st) => st.effect === "Allow")) {
      for (const [type, ids] of Object.entries(s.principals)) {
        if (type === "Service") continue;
        if (type === "Federated" && Object.keys(s.conditions).length > 0) continue;
        problems.push(`${label(s)} trusts ${type} ${ids.join(", ")}${type === "Federated" ? " without a condition" : ""}`);
      }
      if (Object.keys(s.principals).length === 0) problems.push(`${label(s)} names no principal`);
    }
    return fromProblems(problems);
  },
};
