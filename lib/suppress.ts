import { TerraformResource } from "cdktf";
import type { IConstruct } from "constructs";

/** Key under the resource's `"//"` comment object where suppressions live in cdk.tf.json. */
export const SUPPRESSIONS_KEY = "suppressions";

/**
 * What the writer needs to know about the rules: policies/ registers it when it loads (stacks and
 * main.ts import policies/), so this leaf module never imports the rule registry.
 */
export interface SuppressionCatalogue {
  /** Why a suppression is invalid, or undefined. */
  problem(ruleId: string, reason: unknown): string | undefined;
  /** The resource types the rule checks. */
  resourceTypes(ruleId: string): readonly string[];
}

let catalogue: SuppressionCatalogue | undefined;

/** Called by policies/suppress.ts. */
export function registerSuppressionCatalogue(rules: SuppressionCatalogue): void {
  catalogue = rules;
}

/**
 * Excuses the resources under `scope` from one rule, with a reason, next to the code that made the
 * choice: `suppress(logs.bucket, "s3-access-logs", "this is the access-log bucket itself; …")`.
 * It is written into each resource's `"//"` comment in cdk.tf.json (Terraform ignores it), so the
 * checker reads it from the synthesized JSON, and so does a suppression added with addOverride.
 * Applies to every resource under `scope` of a type the rule checks; fails if there is none. Without
 * the rule catalogue (a construct used outside any stack of this project) it marks every resource
 * under `scope`; the policy checker still rejects unknown rules and reasons at synth.
 */
export function suppress(scope: IConstruct, ruleId: string, reason: string): void {
  const problem = catalogue?.problem(ruleId, reason);
  if (problem) throw new Error(`suppress(${scope.node.path}): the suppression ${problem}`);
  const types = catalogue?.resourceTypes(ruleId);
  const targets = scope.node.findAll().filter((c): c is TerraformResource => TerraformResource.isTerraformResource(c) && (types === undefined || types.includes(c.terraformResourceType)));
  if (targets.length === 0) {
    throw new Error(
      `suppress(${scope.node.path}, "${ruleId}"): no resource under ${scope.node.path} is of a type the rule checks (${(types ?? []).join(", ")}); suppress on the construct that holds one`,
    );
  }
  for (const target of targets) target.addOverride(`//.${SUPPRESSIONS_KEY}.${ruleId}`, reason.trim());
}
