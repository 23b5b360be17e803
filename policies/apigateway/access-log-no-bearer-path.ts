import { block, compliant, isSet, nonCompliant, notApplicable, type Rule } from "../core/rule";

/**
 * Access-log variables that copy the request itself: the raw path and integration error text (HTTP
 * APIs), request parameters and overrides (REST APIs). The route or resource template
 * ($context.routeKey, $context.resourcePath) says the same for operations without the values.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging-variables.html
 */
export const REQUEST_ECHOING_LOG_VARIABLES = ["$context.path", "$context.integrationErrorMessage", "$context.requestOverride", "$input.params", "$method.request"] as const;

export const apigatewayAccessLogNoBearerPath: Rule = {
  id: "apigateway-access-log-no-bearer-path",
  severity: "error",
  industry: "none in checkov/cdk-nag (OWASP ASVS 7.1.1: no session tokens or credentials in logs)",
  description:
    "An API Gateway access log format logs the route template, never a variable that copies the request (raw path, query or header values, integration error text): " +
    "a path or parameter can carry the bearer reservation id.",
  fix: "Log $context.routeKey (HTTP APIs) or $context.resourcePath (REST APIs) instead of $context.path; drop request parameters and $context.integrationErrorMessage (see constructs/http-api.ts ACCESS_LOG_FORMAT).",
  resourceTypes: ["aws_apigatewayv2_stage", "aws_api_gateway_stage"],
  check(stage) {
    const format = block(stage.config.access_log_settings).format;
    if (!isSet(format)) return notApplicable("no access log format (apigateway-access-logs reports a stage without access logs)");
    const found = REQUEST_ECHOING_LOG_VARIABLES.filter((v) => String(format).includes(v));
    return found.length === 0 ? compliant : nonCompliant(`the access log format logs ${found.join(", ")}, which can carry a bearer reservation id`);
  },
};
