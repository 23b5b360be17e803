/**
 * The one IAM policy-document builder: every role and policy of the project is written with these,
 * so the `Version` and the statement shape are spelled once.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
 */

/** A statement of an identity or trust policy; keys in the order IAM documents show them. */
export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Principal?: "*" | Record<string, string | string[]>;
  readonly Action: string | string[];
  readonly Resource?: string | string[];
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** A policy document: the current policy language version and its statements. */
export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: PolicyStatement[];
}

/** A policy document with these statements, as an object (for code and tests that read it before it becomes JSON). */
export function policy(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/** The JSON of a policy document with these statements. */
export function policyDocument(...statements: PolicyStatement[]): string {
  return JSON.stringify(policy(...statements));
}

/** A trust policy that lets one AWS service assume the role, optionally only under `condition`. */
export function assumeRolePolicy(service: string, condition?: PolicyStatement["Condition"]): string {
  return policyDocument({ Effect: "Allow", Principal: { Service: service }, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) });
}

/** Allows `actions` (deduplicated and sorted, so the JSON does not depend on call order) on `resource`. */
export function allow(actions: readonly string[], resource: string | string[]): PolicyStatement {
  return { Effect: "Allow", Action: [...new Set(actions)].sort(), Resource: resource };
}
