import type { StackContext } from "./stack-context";

/** A parsed Terraform JSON object (cdk.tf.json or a part of it). */
export type Json = Record<string, any>;

export type Severity = "error" | "warning";

/** One resource of a synthesized stack, as `cdktf synth` wrote it (after aspects and overrides). */
export interface Resource {
  readonly type: string;
  readonly name: string;
  /** Terraform address, e.g. `aws_s3_bucket.state-bucket_828F7150`. */
  readonly address: string;
  readonly config: Json;
}

export type Result =
  | { readonly status: "compliant" }
  | { readonly status: "non-compliant"; readonly message: string }
  | { readonly status: "not-applicable"; readonly reason: string };

/**
 * A guardrail: a pure function over one synthesized resource (and the other resources of its stack,
 * to follow references). Ids are stable: suppressions name them.
 */
export interface Rule {
  /** `<service>-<what>`, lower-case words joined by "-". */
  readonly id: string;
  /** `error` stops synth; `warning` is printed. */
  readonly severity: Severity;
  /** The checkov (`CKV_AWS_*`, `CKV2_AWS_*`) or cdk-nag (`AwsSolutions-*`) check it corresponds to. */
  readonly industry: string;
  /** What a compliant resource looks like, in one sentence. */
  readonly description: string;
  /** How to make a non-compliant resource compliant. */
  readonly fix: string;
  /** Terraform resource types the rule is evaluated on. */
  readonly resourceTypes: readonly string[];
  readonly check: (resource: Resource, stack: StackContext) => Result;
}

export const compliant: Result = { status: "compliant" };

export function nonCompliant(message: string): Result {
  return { status: "non-compliant", message };
}

export function notApplicable(reason: string): Result {
  return { status: "not-applicable", reason };
}

/** Compliant when the list of problems is empty, otherwise non-compliant naming all of them. */
export function fromProblems(problems: readonly string[]): Result {
  return problems.length === 0 ? compliant : nonCompliant(problems.join("; "));
}

/**
 * The blocks of a nested block attribute: cdktf writes a single block as an object and repeated
 * blocks as an array, and an override may write either.
 */
export function blocks(value: unknown): Json[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((b): b is Json => typeof b === "object" && b !== null);
}

/** The first block of a nested block attribute, or an empty object. */
export function block(value: unknown): Json {
  return blocks(value)[0] ?? {};
}

/** Terraform accepts `true` and `"true"` for a bool. */
export function isTrue(value: unknown): boolean {
  return value === true || value === "true";
}

/** A list attribute as an array of strings (a single string counts as a list of one). */
export function strings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

/** A value that is set: not missing, null or an empty string. */
export function isSet(value: unknown): boolean {
  return value !== undefined && value !== null && value !== "";
}
