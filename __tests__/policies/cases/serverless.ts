import { change, fail, pass, type RuleCase, skip } from "./case";

const api = {
  "aws_lambda_function.api": {
    function_name: "booking-dev-api",
    runtime: "nodejs22.x",
    handler: "index.handler",
    role: "${aws_iam_role.api.arn}",
    tracing_config: { mode: "Active" },
  },
  "aws_lambda_permission.apigw": {
    action: "lambda:InvokeFunction",
    function_name: "${aws_lambda_function.api.function_name}",
    principal: "apigateway.amazonaws.com",
    source_arn: "${aws_apigatewayv2_api.api.execution_arn}/*/*",
  },
  "aws_lambda_function_url.api": { function_name: "${aws_lambda_function.api.function_name}", authorization_type: "AWS_IAM" },
  "aws_apigatewayv2_stage.default": {
    api_id: "${aws_apigatewayv2_api.api.id}",
    name: "$default",
    auto_deploy: true,
    access_log_settings: { destination_arn: "${aws_cloudwatch_log_group.api-access.arn}", format: '{"requestId":"$context.requestId"}' },
    default_route_settings: { throttling_burst_limit: 100, throttling_rate_limit: 50 },
  },
  "aws_api_gateway_stage.v1": { rest_api_id: "${aws_api_gateway_rest_api.api.id}", stage_name: "v1", deployment_id: "${aws_api_gateway_deployment.api.id}" },
  "aws_api_gateway_method_settings.all": { rest_api_id: "${aws_api_gateway_rest_api.api.id}", stage_name: "${aws_api_gateway_stage.v1.stage_name}", method_path: "*/*", settings: { throttling_burst_limit: 100, throttling_rate_limit: 50 } },
  "aws_apigatewayv2_domain_name.api": { domain_name: "api.dev.booking.example.com", domain_name_configuration: { certificate_arn: "${aws_acm_certificate_validation.api.certificate_arn}", endpoint_type: "REGIONAL", security_policy: "TLS_1_2" } },
  "aws_cloudwatch_log_group.api-access": { name: "/aws/apigateway/booking-dev-api", retention_in_days: 14 },
  "aws_cloudwatch_log_group.workflow": { name: "/aws/vendedlogs/states/booking-dev-booking", retention_in_days: 14 },
  "aws_sfn_state_machine.booking": {
    name: "booking-dev-booking",
    role_arn: "${aws_iam_role.workflow.arn}",
    definition: "{}",
    logging_configuration: { level: "ALL", include_execution_data: true, log_destination: "${aws_cloudwatch_log_group.workflow.arn}:*" },
    tracing_configuration: { enabled: true },
  },
  "aws_dynamodb_table.reservations": {
    name: "booking-dev-reservations",
    billing_mode: "PAY_PER_REQUEST",
    hash_key: "id",
    point_in_time_recovery: { enabled: true },
    server_side_encryption: { enabled: true },
  },
  "aws_acm_certificate.api": { domain_name: "api.dev.booking.example.com", validation_method: "DNS", options: { certificate_transparency_logging_preference: "ENABLED" }, lifecycle: { create_before_destroy: true } },
};
const fn = "aws_lambda_function.api";
const sm = "aws_sfn_state_machine.booking";
const smLogging = api[sm].logging_configuration;

export const SERVERLESS_CASES: RuleCase[] = [
  pass("lambda-tracing", "Active tracing", fn, api),
  fail("lambda-tracing", "no tracing config", fn, "(unset: PassThrough)", change(api, fn, { tracing_config: undefined })),

  pass("lambda-runtime", "nodejs22.x", fn, api),
  fail("lambda-runtime", "nodejs18.x", fn, 'runtime "nodejs18.x"', change(api, fn, { runtime: "nodejs18.x" })),
  fail("lambda-runtime", "nodejs20.x (end of support in 2026)", fn, 'runtime "nodejs20.x"', change(api, fn, { runtime: "nodejs20.x" })),
  skip("lambda-runtime", "a container image", fn, change(api, fn, { package_type: "Image", runtime: undefined })),

  pass("lambda-permission-source-arn", "API Gateway scoped to the API's execution ARN", "aws_lambda_permission.apigw", api),
  fail("lambda-permission-source-arn", "API Gateway without source_arn", "aws_lambda_permission.apigw", "has no source_arn", change(api, "aws_lambda_permission.apigw", { source_arn: undefined })),
  fail("lambda-permission-source-arn", "principal *", "aws_lambda_permission.apigw", 'principal is "*"', change(api, "aws_lambda_permission.apigw", { principal: "*" })),

  pass("lambda-url-auth", "IAM-authenticated function URL", "aws_lambda_function_url.api", api),
  fail("lambda-url-auth", "a public function URL", "aws_lambda_function_url.api", 'authorization_type is "NONE"', change(api, "aws_lambda_function_url.api", { authorization_type: "NONE" })),

  pass("apigateway-access-logs", "access logs to a log group", "aws_apigatewayv2_stage.default", api),
  fail("apigateway-access-logs", "no access log settings", "aws_apigatewayv2_stage.default", "no destination_arn", change(api, "aws_apigatewayv2_stage.default", { access_log_settings: undefined })),
  fail("apigateway-access-logs", "a REST stage without access logs", "aws_api_gateway_stage.v1", "no destination_arn", api),

  pass("apigateway-throttling", "HTTP API default route throttling", "aws_apigatewayv2_stage.default", api),
  pass("apigateway-throttling", "REST method settings for the stage", "aws_api_gateway_stage.v1", api),
  fail("apigateway-throttling", "no default route settings", "aws_apigatewayv2_stage.default", "throttling_burst_limit (unset)", change(api, "aws_apigatewayv2_stage.default", { default_route_settings: undefined })),
  fail("apigateway-throttling", "REST method settings with -1 (no limit)", "aws_api_gateway_stage.v1", "no aws_api_gateway_method_settings", change(api, "aws_api_gateway_method_settings.all", { settings: { throttling_burst_limit: -1, throttling_rate_limit: -1 } })),

  pass("apigateway-domain-tls", "TLS_1_2", "aws_apigatewayv2_domain_name.api", api),
  fail("apigateway-domain-tls", "TLS_1_0", "aws_apigatewayv2_domain_name.api", '"TLS_1_0"', change(api, "aws_apigatewayv2_domain_name.api", { domain_name_configuration: { ...api["aws_apigatewayv2_domain_name.api"].domain_name_configuration, security_policy: "TLS_1_0" } })),

  pass("stepfunctions-logging", "ALL with execution data to a log group of the stack", sm, api),
  fail("stepfunctions-logging", "ERROR only, without execution data", sm, 'level is "ERROR"; logging_configuration.include_execution_data is not true', change(api, sm, { logging_configuration: { ...smLogging, level: "ERROR", include_execution_data: false } })),
  fail("stepfunctions-logging", "a destination log group that is not in the stack", sm, "names a log group that is not in this stack", change(api, sm, { logging_configuration: { ...smLogging, log_destination: "${aws_cloudwatch_log_group.gone.arn}:*" } })),
  fail("stepfunctions-logging", "no logging configuration", sm, "(unset: OFF)", change(api, sm, { logging_configuration: undefined })),

  pass("stepfunctions-tracing", "X-Ray on", sm, api),
  fail("stepfunctions-tracing", "X-Ray off", sm, "tracing_configuration.enabled is not true", change(api, sm, { tracing_configuration: { enabled: false } })),

  pass("dynamodb-pitr", "PITR on", "aws_dynamodb_table.reservations", api),
  fail("dynamodb-pitr", "PITR off", "aws_dynamodb_table.reservations", "point_in_time_recovery.enabled is not true", change(api, "aws_dynamodb_table.reservations", { point_in_time_recovery: { enabled: false } })),

  pass("dynamodb-encryption", "the AWS-managed KMS key", "aws_dynamodb_table.reservations", api),
  fail("dynamodb-encryption", "only the AWS-owned key", "aws_dynamodb_table.reservations", "server_side_encryption.enabled is not true", change(api, "aws_dynamodb_table.reservations", { server_side_encryption: undefined })),

  pass("logs-retention", "14 days", "aws_cloudwatch_log_group.workflow", api),
  fail("logs-retention", "no retention", "aws_cloudwatch_log_group.workflow", "kept forever", change(api, "aws_cloudwatch_log_group.workflow", { retention_in_days: undefined })),
  fail("logs-retention", "retention 0 (never expire)", "aws_cloudwatch_log_group.workflow", "retention_in_days is 0", change(api, "aws_cloudwatch_log_group.workflow", { retention_in_days: 0 })),

  pass("acm-transparency-logging", "ENABLED", "aws_acm_certificate.api", api),
  pass("acm-transparency-logging", "unset (the AWS default, ENABLED)", "aws_acm_certificate.api", change(api, "aws_acm_certificate.api", { options: undefined })),
  fail("acm-transparency-logging", "DISABLED", "aws_acm_certificate.api", '"DISABLED"', change(api, "aws_acm_certificate.api", { options: { certificate_transparency_logging_preference: "DISABLED" } })),

  pass("acm-create-before-destroy", "create_before_destroy", "aws_acm_certificate.api", api),
  fail("acm-create-before-destroy", "no lifecycle", "aws_acm_certificate.api", "create_before_destroy is not true", change(api, "aws_acm_certificate.api", { lifecycle: undefined })),
];
