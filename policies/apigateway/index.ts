import type { Rule } from "../core/rule";
import { apigatewayAccessLogNoBearerPath } from "./access-log-no-bearer-path";
import { apigatewayAccessLogs } from "./access-logs";
import { apigatewayDomainTls } from "./domain-tls";
import { apigatewayThrottling } from "./throttling";

export const APIGATEWAY_RULES: readonly Rule[] = [apigatewayAccessLogs, apigatewayThrottling, apigatewayDomainTls, apigatewayAccessLogNoBearerPath];
