import { block, compliant, isSet, nonCompliant, type Rule } from "../core/rule";
import { STAGE_TYPES } from "./stages";

export const apigatewayAccessLogs: Rule = {
  id: "apigateway-access-logs",
  severity: "error",
  industry: "CKV_AWS_76, AwsSolutions-APIG1",
  description: "An API Gateway stage writes access logs (access_log_settings with a destination_arn and a format).",
  fix: "Set access_log_settings { destination_arn = <log group>.arn, format = JSON.stringify({ requestId: \"$context.requestId\", … }) } on the stage.",
  resourceTypes: STAGE_TYPES,
  check(stage) {
    const settings = block(stage.config.access_log_settings);
    if (!isSet(settings.destination_arn)) return nonCompliant("access_log_settings has no destination_arn");
    return isSet(settings.format) ? compliant : nonCompliant("access_log_settings has no format");
  },
};
