/** API Gateway stages: HTTP/WebSocket APIs (v2) and REST APIs. */
export const STAGE_TYPES = ["aws_apigatewayv2_stage", "aws_api_gateway_stage"] as const;
