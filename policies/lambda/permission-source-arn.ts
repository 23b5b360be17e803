import { compliant, isSet, nonCompliant, type Rule } from "../core/rule";

export const lambdaPermissionSourceArn: Rule = {
  id: "lambda-permission-source-arn",
  severity: "error",
  industry: "CKV_AWS_364",
  description: "A Lambda permission for an AWS service names the source_arn that may invoke (e.g. the API's execution ARN), and none is granted to \"*\".",
  fix: "Set source_arn, e.g. \"${aws_apigatewayv2_api.api.execution_arn}/*/*\", on the aws_lambda_permission.",
  resourceTypes: ["aws_lambda_permission"],
  check(permission) {
    const { principal, source_arn: sourceArn } = permission.config;
    if (principal === "*") return nonCompliant("principal is \"*\": anyone may invoke the function");
    if (typeof principal === "string" && principal.endsWith(".amazonaws.com") && !isSet(sourceArn)) {
      return nonCompliant(`principal ${principal} has no source_arn, so any ${principal.split(".")[0]} resource in any account may invoke the function`);
    }
    return compliant;
  },
};
