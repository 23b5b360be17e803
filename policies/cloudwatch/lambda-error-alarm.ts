import { compliant, nonCompliant, type Rule } from "../core/rule";
import { alarmsOn } from "./alarm-metrics";

export const cloudwatchLambdaErrorAlarm: Rule = {
  id: "cloudwatch-lambda-error-alarm",
  severity: "error",
  industry: "none in checkov (AWS Well-Architected REL06-BP01: monitor all components)",
  description: "Every Lambda function has a CloudWatch alarm, in its own stack, on its AWS/Lambda Errors metric (dimension FunctionName).",
  fix: "Add an aws_cloudwatch_metric_alarm on namespace AWS/Lambda, metric Errors, dimensions { FunctionName = <the function's function_name> } (stacks/alarms.ts), notifying the alarm topic.",
  resourceTypes: ["aws_lambda_function"],
  check(fn, stack) {
    if (alarmsOn(stack, fn, "AWS/Lambda", ["Errors"], "FunctionName", ["function_name"]).length > 0) return compliant;
    return nonCompliant(`function ${fn.config.function_name ?? fn.name} has no alarm on AWS/Lambda Errors with FunctionName = its function_name in this stack`);
  },
};
