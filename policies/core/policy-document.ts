import { blocks, type Json, type Resource, strings } from "./rule";
import type { StackContext } from "./stack-context";

/** One IAM policy statement, normalised: lists are lists, principals a map of type to identifiers. */
export interface Statement {
  readonly sid?: string;
  readonly effect: "Allow" | "Deny";
  readonly actions: readonly string[];
  /** The statement uses NotAction: it allows everything except `actions`. */
  readonly notAction: boolean;
  readonly resources: readonly string[];
  readonly notResource: boolean;
  /** `{ AWS: ["*"] }` for `Principal: "*"`; empty for identity policies. */
  readonly principals: Readonly<Record<string, readonly string[]>>;
  readonly conditions: Json;
}

/** A policy document attribute of a resource, where it came from, and its statements or why they can't be read. */
export interface PolicyDocument {
  /** `policy`, `assume_role_policy`, `inline_policy[0].policy`, … */
  readonly attribute: string;
  readonly statements: readonly Statement[];
  /** Set when the document is not JSON the checker can read. */
  readonly error?: string;
}

/** Resource types whose `policy` is an identity policy (what the holder may do). */
export const IDENTITY_POLICY_TYPES = ["aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"] as const;

/** Types that carry a permission policy of any kind, for the action and resource rules. */
export const PERMISSION_POLICY_TYPES = [...IDENTITY_POLICY_TYPES, "aws_iam_role", "aws_s3_bucket_policy"] as const;

/** The permission policies a resource carries (not a role's trust policy: see {@link trustPolicy}). */
export function permissionPolicies(resource: Resource, stack: StackContext): PolicyDocument[] {
  const { config } = resource;
  if (resource.type === "aws_iam_role") {
    return blocks(config.inline_policy)
      .map((inline, i) => ({ attribute: `inline_policy[${i}].policy`, value: inline.policy }))
      .filter((p) => p.value !== undefined)
      .map((p) => parsePolicy(p.attribute, p.value, stack));
  }
  if (config.policy === undefined) return [];
  return [parsePolicy("policy", config.policy, stack)];
}

/** A role's trust policy (`assume_role_policy`). */
export function trustPolicy(role: Resource, stack: StackContext): PolicyDocument {
  return parsePolicy("assume_role_policy", role.config.assume_role_policy, stack);
}

/**
 * Reads a policy document: a JSON string (as `JSON.stringify` writes it, with Terraform `${…}`
 * interpolations inside strings), an object, or `${data.aws_iam_policy_document.<name>.json}`.
 */
export function parsePolicy(attribute: string, value: unknown, stack: StackContext): PolicyDocument {
  const fail = (error: string): PolicyDocument => ({ attribute, statements: [], error });
  let document: unknown = value;
  if (typeof value === "string") {
    const dataSource = /^\$\{data\.aws_iam_policy_document\.([\w-]+)\.json\}$/.exec(value.trim());
    if (dataSource) {
      const data = stack.dataSource("aws_iam_policy_document", dataSource[1]);
      if (!data) return fail(`${value} names a data source that is not in this stack`);
      return { attribute, statements: blocks(data.statement).map(fromPolicyDocumentBlock) };
    }
    try {
      document = JSON.parse(value);
    } catch {
      return fail(`${attribute} is not a JSON policy document the checker can read (${truncate(value)}); write it with JSON.stringify or an aws_iam_policy_document data source`);
    }
  }
  if (typeof document !== "object" || document === null) return fail(`${attribute} is not a policy document`);
  const statements = (document as Json).Statement;
  return { attribute, statements: blocks(statements).map(fromJsonStatement) };
}

function fromJsonStatement(s: Json): Statement {
  return {
    sid: s.Sid,
    effect: s.Effect === "Deny" ? "Deny" : "Allow",
    actions: strings(s.Action ?? s.NotAction),
    notAction: s.NotAction !== undefined && s.Action === undefined,
    resources: strings(s.Resource ?? s.NotResource),
    notResource: s.NotResource !== undefined && s.Resource === undefined,
    principals: principalsOf(s.Principal ?? s.NotPrincipal),
    conditions: typeof s.Condition === "object" && s.Condition !== null ? s.Condition : {},
  };
}

function fromPolicyDocumentBlock(s: Json): Statement {
  const principals: Record<string, string[]> = {};
  for (const p of blocks(s.principals)) principals[p.type] = [...(principals[p.type] ?? []), ...strings(p.identifiers)];
  const conditions: Json = {};
  for (const c of blocks(s.condition)) conditions[c.test] = { ...conditions[c.test], [c.variable]: strings(c.values) };
  return {
    sid: s.sid,
    effect: s.effect === "Deny" ? "Deny" : "Allow",
    actions: strings(s.actions ?? s.not_actions),
    notAction: s.not_actions !== undefined && s.actions === undefined,
    resources: strings(s.resources ?? s.not_resources),
    notResource: s.not_resources !== undefined && s.resources === undefined,
    principals,
    conditions,
  };
}

function principalsOf(principal: unknown): Record<string, string[]> {
  if (principal === undefined || principal === null) return {};
  if (typeof principal === "string") return { AWS: [principal] };
  if (typeof principal !== "object") return {};
  return Object.fromEntries(Object.entries(principal as Json).map(([type, ids]) => [type, strings(ids)]));
}

/** `Principal: "*"` or `{ AWS: "*" }`: anyone, in any account, signed or not. */
export function isAnyone(statement: Statement): boolean {
  return (statement.principals.AWS ?? []).includes("*") || (statement.principals["*"] ?? []).includes("*");
}

/** Condition keys that pin a statement to specific callers, so `Principal: "*"` is not public. */
const SCOPING_CONDITION_KEYS = [
  "aws:sourcearn", "aws:sourceaccount", "aws:sourceowner", "aws:sourcevpc", "aws:sourcevpce",
  "aws:principalorgid", "aws:principalaccount", "aws:principalarn", "aws:sourceorgid",
];

/** Whether a condition names one of the keys that restrict who the caller can be (without a wildcard value). */
export function hasScopingCondition(statement: Statement): boolean {
  return Object.values(statement.conditions).some(
    (keys) =>
      typeof keys === "object" &&
      keys !== null &&
      Object.entries(keys as Json).some(([key, values]) => SCOPING_CONDITION_KEYS.includes(key.toLowerCase()) && !strings(values).includes("*")),
  );
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
