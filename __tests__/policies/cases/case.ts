import type { Json } from "../../../policies/core/rule";

/** One paired test of a rule: a hand-made synthesized stack, the resource checked, the expected result. */
export interface RuleCase {
  readonly rule: string;
  readonly name: string;
  readonly target: string;
  readonly expect: "compliant" | "non-compliant" | "not-applicable";
  /** For non-compliant cases: text the message must contain (it names what is wrong). */
  readonly message?: string;
  /** `{ "aws_s3_bucket.site": {...} }`: resources by address, as cdk.tf.json holds them. */
  readonly resources: Readonly<Record<string, Json>>;
  readonly data?: Readonly<Record<string, Json>>;
}

export function pass(rule: string, name: string, target: string, resources: Record<string, Json>, data?: Record<string, Json>): RuleCase {
  return { rule, name, target, expect: "compliant", resources, data };
}

export function fail(rule: string, name: string, target: string, message: string, resources: Record<string, Json>, data?: Record<string, Json>): RuleCase {
  return { rule, name, target, expect: "non-compliant", message, resources, data };
}

export function skip(rule: string, name: string, target: string, resources: Record<string, Json>): RuleCase {
  return { rule, name, target, expect: "not-applicable", resources };
}

/** The cdk.tf.json of a stack holding these resources (and data sources), keyed by address. */
export function stackJson(resources: Readonly<Record<string, Json>>, data: Readonly<Record<string, Json>> = {}): Json {
  const nest = (entries: Readonly<Record<string, Json>>) => {
    const out: Json = {};
    for (const [address, config] of Object.entries(entries)) {
      const [type, name] = address.replace(/^data\./, "").split(".");
      (out[type] ??= {})[name] = config;
    }
    return out;
  };
  return { resource: nest(resources), data: nest(data) };
}

/** A copy of `resources` with one resource's attributes replaced (undefined removes an attribute). */
export function change(resources: Record<string, Json>, address: string, attributes: Json): Record<string, Json> {
  const changed = { ...resources[address], ...attributes };
  for (const [k, v] of Object.entries(attributes)) if (v === undefined) delete changed[k];
  return { ...resources, [address]: changed };
}

/** A copy of `resources` without some of them. */
export function without(resources: Record<string, Json>, ...addresses: string[]): Record<string, Json> {
  return Object.fromEntries(Object.entries(resources).filter(([a]) => !addresses.includes(a)));
}

export const policy = (...Statement: Json[]): string => JSON.stringify({ Version: "2012-10-17", Statement });
