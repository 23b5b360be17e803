import type { RuleCase } from "./case";
import { CLOUDFRONT_CASES } from "./cloudfront";
import { DATA_PROTECTION_CASES } from "./data-protection";
import { CLOUDWATCH_CASES } from "./cloudwatch";
import { EC2_CASES } from "./ec2";
import { ELB_CASES } from "./elb";
import { IAM_CASES, IAM_DATA } from "./iam";
import { LIMITS_CASES } from "./limits";
import { VPC_CASES } from "./network";
import { S3_CASES } from "./s3";
import { SERVERLESS_CASES } from "./serverless";

/** Every paired case, by service (hand-made synthesized JSON, shaped as cdktf writes it). */
export const ALL_CASES: readonly RuleCase[] = [
  ...S3_CASES,
  ...CLOUDFRONT_CASES,
  ...ELB_CASES,
  ...EC2_CASES,
  ...VPC_CASES,
  ...SERVERLESS_CASES,
  ...LIMITS_CASES,
  ...DATA_PROTECTION_CASES,
  ...CLOUDWATCH_CASES,
  ...IAM_CASES.map((c) => ({ ...c, data: IAM_DATA })),
];
