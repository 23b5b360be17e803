import { registerSuppressionCatalogue, SUPPRESSIONS_KEY, suppress } from "../lib/suppress";
import { ruleById, RULES } from "./rules";

// The writer is the leaf lib/suppress.ts (constructs use it without importing the rule registry);
// this module validates against the registry and registers itself with the writer.
export { SUPPRESSIONS_KEY, suppress };
export const MIN_REASON_LENGTH = 10;

/** Why a suppression is invalid, or undefined when it names a known rule and carries a reason. */
export function suppressionProblem(ruleId: string, reason: unknown): string | undefined {
  if (!ruleById(ruleId)) {
    const service = RULES.filter((r) => r.id.split("-")[0] === ruleId.split("-")[0]);
    return `names unknown rule "${ruleId}"; ${service.length > 0 ? "rules of that service are" : "rules are"}: ${(service.length > 0 ? service : RULES).map((r) => r.id).join(", ")}`;
  }
  if (typeof reason !== "string" || reason.trim().length < MIN_REASON_LENGTH) {
    return `of "${ruleId}" needs a reason of at least ${MIN_REASON_LENGTH} characters saying why the finding is acceptable; received ${JSON.stringify(reason)}`;
  }
  return undefined;
}

registerSuppressionCatalogue({
  problem: suppressionProblem,
  resourceTypes: (ruleId) => ruleById(ruleId)?.resourceTypes ?? [],
});
