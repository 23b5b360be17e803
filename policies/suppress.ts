import { TerraformResource } from "cdktf";
import type { IConstruct } from "constructs";
import { ruleById, RULES } from "./rules";

/** Key under the resource's `"//"` comment object where suppressions live in cdk.tf.json. */
export const SUPPRESSIONS_KEY = "suppressions";
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

/**
 * Excuses the resources under `scope` from one rule, with a reason, next to the code that made the
 * choice: `suppress(logs.bucket, "s3-access-logs", "this is the access-log bucket itself; …")`.
 * It is written into each resource's `"//"` comment in cdk.tf.json (Terraform ignores it), so the
 * checker reads it from the synthesized JSON, and so does a suppression added with addOverride.
 * Applies to every resource under `scope` of a type the rule checks; fails if there is none.
 */
export function suppress(scope: IConstruct, ruleId: string, reason: string): void {
  const problem = suppressionProblem(ruleId, reason);
  if (problem) throw new Error(`suppress(${scope.node.path}): the suppression ${problem}`);
  const rule = ruleById(ruleId)!;
  const targets = scope.node
    .findAll()
    .filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c) && rule.resourceTypes.includes(c.terraformResourceType));
  if (targets.length === 0) {
    throw new Error(`suppress(${scope.node.path}, "${ruleId}"): no resource under ${scope.node.path} is of a type the rule checks (${rule.resourceTypes.join(", ")}); suppress on the construct that holds one`);
  }
  for (const target of targets) target.addOverride(`//.${SUPPRESSIONS_KEY}.${ruleId}`, reason.trim());
}
