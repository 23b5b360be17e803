import { PERMISSION_POLICY_TYPES, permissionPolicies, type Statement } from "../core/policy-document";
import type { Resource } from "../core/rule";
import type { StackContext } from "../core/stack-context";

export { PERMISSION_POLICY_TYPES };

/**
 * The Allow statements of every permission policy a resource carries, plus a problem for each
 * document the checker cannot read (an unreadable policy is never passed as compliant).
 */
export function allowStatements(resource: Resource, stack: StackContext): { statements: Statement[]; unreadable: string[] } {
  const documents = permissionPolicies(resource, stack);
  return {
    statements: documents.flatMap((d) => d.statements).filter((s) => s.effect === "Allow"),
    unreadable: documents.flatMap((d) => (d.error ? [d.error] : [])),
  };
}

export function label(statement: Statement): string {
  return statement.sid ? `statement "${statement.sid}"` : "a statement";
}
