import type { Rule } from "../core/rule";
import { apigatewayAccessLogs } from "./access-logs";
import { apigatewayDomainTls } from "./domain-tls";
import { apigatewayThrottling } from "./throttling";

export const APIGATEWAY_RULES: readonly Rule[] = [apigatewayAccessLogs, apigatewayThrottling, apigatewayDomainTls];
