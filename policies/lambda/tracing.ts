import { block, compliant, nonCompliant, type Rule } from "../core/rule";

export const lambdaTracing: Rule = {
  id: "lambda-tracing",
  severity: "error",
  industry: "CKV_AWS_50",
  description: "A Lambda function sends traces to X-Ray (tracing_config.mode = \"Active\").",
  fix: "Set tracing_config { mode = \"Active\" } and allow xray:PutTraceSegments and xray:PutTelemetryRecords in the role.",
  resourceTypes: ["aws_lambda_function"],
  check(fn) {
    const mode = block(fn.config.tracing_config).mode;
    return mode === "Active" ? compliant : nonCompliant(`tracing_config.mode is "${mode ?? "(unset: PassThrough)"}"`);
  },
};
