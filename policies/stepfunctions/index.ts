import type { Rule } from "../core/rule";
import { stepfunctionsLogging } from "./logging";
import { stepfunctionsTracing } from "./tracing";

export const STEPFUNCTIONS_RULES: readonly Rule[] = [stepfunctionsLogging, stepfunctionsTracing];
