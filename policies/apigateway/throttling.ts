import { block, compliant, fromProblems, nonCompliant, type Json, type Rule } from "../core/rule";
import { STAGE_TYPES } from "./stages";

/** Burst and rate limits both set (REST method settings use -1 for "no limit"). */
function throttled(settings: Json): boolean {
  return Number(settings.throttling_burst_limit) > 0 && Number(settings.throttling_rate_limit) > 0;
}

export const apigatewayThrottling: Rule = {
  id: "apigateway-throttling",
  severity: "error",
  industry: "none in checkov/cdk-nag (AWS Well-Architected REL05-BP02, throttle requests)",
  description: "An API Gateway stage limits request rate and burst below the account-wide default, so one client cannot exhaust the account's Lambda concurrency.",
  fix: "HTTP API: set default_route_settings { throttling_burst_limit, throttling_rate_limit } from config api.throttle*; REST API: an aws_api_gateway_method_settings for the stage with settings.throttling_*.",
  resourceTypes: STAGE_TYPES,
  check(stage, stack) {
    if (stage.type === "aws_apigatewayv2_stage") {
      const settings = block(stage.config.default_route_settings);
      return fromProblems(throttled(settings) ? [] : [`default_route_settings sets throttling_burst_limit ${settings.throttling_burst_limit ?? "(unset)"} and throttling_rate_limit ${settings.throttling_rate_limit ?? "(unset)"}`]);
    }
    const methodSettings = stack.referencing("aws_api_gateway_method_settings", "stage_name", stage, ["stage_name"]);
    if (methodSettings.some((m) => throttled(block(m.config.settings)))) return compliant;
    return nonCompliant("no aws_api_gateway_method_settings for this stage sets throttling_burst_limit and throttling_rate_limit");
  },
};
