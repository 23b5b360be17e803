import { ACM_RULES } from "./acm";
import { APIGATEWAY_RULES } from "./apigateway";
import { CLOUDFRONT_RULES } from "./cloudfront";
import { CLOUDWATCH_RULES } from "./cloudwatch";
import type { Rule } from "./core/rule";
import { DYNAMODB_RULES } from "./dynamodb";
import { EC2_RULES } from "./ec2";
import { ELB_RULES } from "./elb";
import { IAM_RULES } from "./iam";
import { LAMBDA_RULES } from "./lambda";
import { LIMITS_RULES } from "./limits";
import { LOGS_RULES } from "./logs";
import { S3_RULES } from "./s3";
import { SNS_RULES } from "./sns";
import { STEPFUNCTIONS_RULES } from "./stepfunctions";
import { VPC_RULES } from "./vpc";

/** Every rule the checker runs, grouped by service. */
export const RULES: readonly Rule[] = [
  ...S3_RULES, ...CLOUDFRONT_RULES, ...ELB_RULES, ...EC2_RULES, ...VPC_RULES, ...LAMBDA_RULES, ...APIGATEWAY_RULES,
  ...STEPFUNCTIONS_RULES, ...DYNAMODB_RULES, ...LOGS_RULES, ...IAM_RULES, ...ACM_RULES, ...LIMITS_RULES, ...SNS_RULES,
  ...CLOUDWATCH_RULES,
];

const byId = new Map(RULES.map((rule) => [rule.id, rule]));
if (byId.size !== RULES.length) {
  const seen = new Set<string>();
  const duplicates = RULES.map((r) => r.id).filter((id) => seen.size === seen.add(id).size);
  throw new Error(`policies: rule ids must be unique; duplicated: ${duplicates.join(", ")}`);
}

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

/** Rules by the resource type they check, so the checker only runs the rules that apply. */
export function rulesByResourceType(): ReadonlyMap<string, readonly Rule[]> {
  const map = new Map<string, Rule[]>();
  for (const rule of RULES) for (const type of rule.resourceTypes) map.set(type, [...(map.get(type) ?? []), rule]);
  return map;
}
