import type { Rule } from "../core/rule";
import { lambdaPermissionSourceArn } from "./permission-source-arn";
import { lambdaRuntime } from "./runtime";
import { lambdaTracing } from "./tracing";
import { lambdaUrlAuth } from "./url-auth";

export const LAMBDA_RULES: readonly Rule[] = [lambdaTracing, lambdaRuntime, lambdaPermissionSourceArn, lambdaUrlAuth];
