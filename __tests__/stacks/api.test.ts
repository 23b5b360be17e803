import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { ACCESS_LOG_FORMAT } from "../../constructs/http-api";
import { ApiStack } from "../../stacks/api-stack";
import { DnsStack } from "../../stacks/dns-stack";
import { only, readZip, resources, scrub, testConfig, Testing, type Json } from "../helpers";

/** Synthesized with its app, so the dns zone arrives as remote state as in `npm run synth`. */
function apiStack(env: "dev" | "prod") {
  const app = Testing.app();
  const config = testConfig(env);
  const dns = new DnsStack(app, config);
  const stack = new ApiStack(app, config, { dns });
  app.synth();
  const json: Json = JSON.parse(readFileSync(join(app.outdir, "stacks", stack.node.id, "cdk.tf.json"), "utf8"));
  return { stack, json };
}

/** Every inline policy statement of the role, as `{ actions, resource }`. */
function statementsOf(json: Json, roleRef: string) {
  return Object.values(resources(json, "aws_iam_role_policy"))
    .filter((p) => p.role === roleRef)
    .flatMap((p) => JSON.parse(p.policy).Statement)
    .map((s: Json) => ({ effect: s.Effect, actions: s.Action, resource: s.Resource }));
}

describe("api stack", () => {
  const { stack, json } = apiStack("dev");
  const prod = apiStack("prod").json;
  const fn = Object.values(resources(json, "aws_lambda_function")).find((f) => f.function_name === "booking-dev-api")!;
  const ref = (type: string, name: string, attr: string) => {
    const id = Object.keys(resources(json, type)).find((k) => k.startsWith(name));
    if (!id) throw new Error(`no ${type} ${name}`);
    return `\${${type}.${id}.${attr}}`;
  };

  test("runs the bundled app/api/lambda.ts on nodejs22.x, arm64, with X-Ray active tracing", () => {
    expect(fn).toMatchObject({
      function_name: "booking-dev-api",
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      handler: "index.handler",
      tracing_config: { mode: "Active" },
      memory_size: 512,
      timeout: 10,
      filename: expect.stringMatching(/^assets\/api-function_code_[A-Z0-9]+\/[0-9a-f]{64}\/[0-9a-f]{64}\.zip$/),
    });
    const zip = readFileSync(join(process.cwd(), ".build", "lambda", `${fn.filename.split("/")[2]}.zip`));
    expect(fn.source_code_hash).toBe(createHash("sha256").update(zip).digest("base64"));
    expect(Object.values(resources(prod, "aws_lambda_function")).find((f) => f.function_name === "booking-prod-api")!.memory_size).toBe(1024);
  });

  test("passes the table names, the state machine ARN and the payment window through the environment", () => {
    expect(fn.environment.variables).toEqual({
      APARTMENTS_TABLE: ref("aws_dynamodb_table", "apartments-table", "name"),
      RESERVATIONS_TABLE: ref("aws_dynamodb_table", "reservations-table", "name"),
      NIGHTS_TABLE: ref("aws_dynamodb_table", "nights-table", "name"),
      STATE_MACHINE_ARN: "arn:aws:states:eu-west-1:111111111111:stateMachine:booking-dev-booking",
      MAX_NIGHTS: "30",
      CURRENCY: "EUR",
      PAYMENT_WINDOW_SECONDS: "120",
      GUEST_DATA_RETENTION_DAYS: "7",
      NODE_OPTIONS: "--enable-source-maps",
      GUESTS_TABLE: ref("aws_dynamodb_table", "guests-table", "name"),
      MAX_HOLDS_PER_EMAIL: "2",
      // The secret's name, never its value.
      ORIGIN_VERIFY_SECRET_ID: "booking-dev-origin-verify",
    });
    expect(Object.values(resources(prod, "aws_lambda_function")).find((f) => f.function_name === "booking-prod-api")!.environment.variables.PAYMENT_WINDOW_SECONDS).toBe("900");
  });

  test("writes its logs to /aws/lambda/<name> with the configured retention, created before the function", () => {
    const group = resources(json, "aws_cloudwatch_log_group");
    const lambdaLogs = Object.entries(group).find(([, g]) => g.name === "/aws/lambda/booking-dev-api")!;
    expect(lambdaLogs[1].retention_in_days).toBe(14);
    expect(fn.depends_on).toEqual([`aws_cloudwatch_log_group.${lambdaLogs[0]}`]);
    const prodGroups = Object.values(resources(prod, "aws_cloudwatch_log_group"));
    expect(prodGroups.map((g) => g.retention_in_days)).toEqual([365, 365, 365]);
  });

  test("the role trusts only Lambda and may do exactly what the code does, on exactly its resources", () => {
    const role = Object.values(resources(json, "aws_iam_role")).find((r) => r.name === "booking-dev-api")!;
    expect(JSON.parse(role.assume_role_policy)).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    });
    const roleName = ref("aws_iam_role", "api-function_role", "name");
    expect(statementsOf(json, roleName)).toEqual(
      expect.arrayContaining([
        { effect: "Allow", actions: ["logs:CreateLogStream", "logs:PutLogEvents"], resource: `${ref("aws_cloudwatch_log_group", "api-function_logs", "arn")}:*` },
        { effect: "Allow", actions: ["xray:PutTelemetryRecords", "xray:PutTraceSegments"], resource: "*" },
        { effect: "Allow", actions: ["dynamodb:GetItem", "dynamodb:Scan"], resource: ref("aws_dynamodb_table", "apartments-table", "arn") },
        { effect: "Allow", actions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], resource: ref("aws_dynamodb_table", "reservations-table", "arn") },
        { effect: "Allow", actions: ["dynamodb:BatchGetItem", "dynamodb:DeleteItem", "dynamodb:PutItem"], resource: ref("aws_dynamodb_table", "nights-table", "arn") },
        { effect: "Allow", actions: ["dynamodb:GetItem", "dynamodb:UpdateItem"], resource: ref("aws_dynamodb_table", "guests-table", "arn") },
        { effect: "Allow", actions: ["states:DescribeStateMachine", "states:StartExecution"], resource: "arn:aws:states:eu-west-1:111111111111:stateMachine:booking-dev-booking" },
        { effect: "Allow", actions: ["secretsmanager:GetSecretValue"], resource: "arn:aws:secretsmanager:eu-west-1:111111111111:secret:booking-dev-origin-verify-??????" },
      ]),
    );
    expect(statementsOf(json, roleName)).toHaveLength(8);
    expect(resources(json, "aws_iam_role_policy_attachment")).toEqual({});
    expect(role.name).toBe("booking-dev-api");
    expect(stack.functionRole).toBe(stack.function.role);
  });

  test("routes /api and /api/* of an HTTP API to the function with payload format 2.0", () => {
    expect(only(json, "aws_apigatewayv2_api")).toMatchObject({ name: "booking-dev-api", protocol_type: "HTTP" });
    expect(only(json, "aws_apigatewayv2_integration")).toMatchObject({
      integration_type: "AWS_PROXY",
      integration_uri: ref("aws_lambda_function", "api-function", "invoke_arn"),
      payload_format_version: "2.0",
    });
    const target = `integrations/${ref("aws_apigatewayv2_integration", "http-api_lambda-integration", "id")}`;
    expect(Object.values(resources(json, "aws_apigatewayv2_route")).map((r) => [r.route_key, r.target])).toEqual([
      ["ANY /api", target],
      ["ANY /api/{proxy+}", target],
    ]);
  });

  test("lets only this API invoke the function", () => {
    expect(only(json, "aws_lambda_permission")).toMatchObject({
      action: "lambda:InvokeFunction",
      principal: "apigateway.amazonaws.com",
      function_name: ref("aws_lambda_function", "api-function", "function_name"),
      source_arn: `${ref("aws_apigatewayv2_api", "http-api", "execution_arn")}/*/*`,
    });
  });

  test("throttles the $default stage as configured and writes JSON access logs with retention", () => {
    const stage = only(json, "aws_apigatewayv2_stage");
    expect(stage).toMatchObject({
      name: "$default",
      auto_deploy: true,
      default_route_settings: { throttling_rate_limit: 50, throttling_burst_limit: 100, detailed_metrics_enabled: true },
      access_log_settings: { destination_arn: ref("aws_cloudwatch_log_group", "http-api_access-logs", "arn"), format: ACCESS_LOG_FORMAT },
    });
    expect(JSON.parse(stage.access_log_settings.format)).toMatchObject({
      requestId: "$context.requestId",
      sourceIp: "$context.identity.sourceIp",
      method: "$context.httpMethod",
      status: "$context.status",
      responseLatencyMs: "$context.responseLatency",
      routeKey: "$context.routeKey",
    });
    // The raw path can carry a bearer reservation id; the route template cannot.
    expect(stage.access_log_settings.format).not.toContain("$context.path");
    expect(Object.values(resources(json, "aws_cloudwatch_log_group")).find((g) => g.name === "/aws/apigateway/booking-dev-api")!.retention_in_days).toBe(14);
    expect(only(prod, "aws_apigatewayv2_stage").default_route_settings).toMatchObject({ throttling_rate_limit: 200, throttling_burst_limit: 400 });
  });

  test("serves api.<domain> on a regional dual-stack domain (so the AAAA alias answers IPv6), certificate validated in the dns stack's zone, with A and AAAA aliases", () => {
    const zoneId = "${data.terraform_remote_state.cross-stack-reference-input-dev-dns.outputs.cross-stack-output-aws_route53_zonezonezone_id}";
    expect(only(json, "aws_acm_certificate")).toMatchObject({ domain_name: "api.dev-booking.example.com", validation_method: "DNS" });
    expect(only(json, "aws_acm_certificate").provider).toBeUndefined();
    expect(only(json, "aws_apigatewayv2_domain_name")).toMatchObject({
      domain_name: "api.dev-booking.example.com",
      domain_name_configuration: {
        certificate_arn: ref("aws_acm_certificate_validation", "http-api_certificate_validation", "certificate_arn"),
        endpoint_type: "REGIONAL",
        security_policy: "TLS_1_2",
        ip_address_type: "dualstack",
      },
    });
    expect(only(json, "aws_apigatewayv2_api_mapping")).toMatchObject({ stage: ref("aws_apigatewayv2_stage", "http-api_stage", "id") });
    const domain = (attr: string) => ref("aws_apigatewayv2_domain_name", "http-api_domain", `domain_name_configuration[0].${attr}`);
    const aliases = Object.values(resources(json, "aws_route53_record")).filter((r) => r.alias);
    expect(aliases.map((r) => r.type)).toEqual(["A", "AAAA"]);
    for (const record of aliases) {
      expect(record).toMatchObject({
        zone_id: zoneId,
        name: "api.dev-booking.example.com",
        alias: { name: domain("target_domain_name"), zone_id: domain("hosted_zone_id"), evaluate_target_health: false },
      });
    }
    expect(stack.domainName).toBe("api.dev-booking.example.com");
  });

  test("keeps the tables on-demand, with point-in-time recovery and encryption; deletion protection in prod", () => {
    for (const [env, expected] of [[json, false], [prod, true]] as const) {
      for (const table of Object.values(resources(env, "aws_dynamodb_table"))) {
        expect(table).toMatchObject({
          billing_mode: "PAY_PER_REQUEST",
          point_in_time_recovery: { enabled: true },
          server_side_encryption: { enabled: true },
          deletion_protection_enabled: expected,
        });
      }
    }
  });

  test("outputs the API URLs, the function name and the table names, each with a description", () => {
    expect(json.output).toMatchObject({
      api_custom_url: { value: "https://api.dev-booking.example.com/api" },
      function_name: { value: ref("aws_lambda_function", "api-function", "function_name") },
      apartments_table: { value: ref("aws_dynamodb_table", "apartments-table", "name") },
      reservations_table: { value: ref("aws_dynamodb_table", "reservations-table", "name") },
      nights_table: { value: ref("aws_dynamodb_table", "nights-table", "name") },
    });
    for (const output of Object.values(json.output as Record<string, Json>)) expect(output.description).toEqual(expect.any(String));
  });

  test("bundles only the handler's own code and hono: the AWS SDK is left to the Lambda runtime", () => {
    const files = readZip(readFileSync(join(process.cwd(), ".build", "lambda", `${fn.filename.split("/")[2]}.zip`)));
    expect([...files.keys()].sort()).toEqual(["index.js", "index.js.map"]);
    const code = files.get("index.js")!.toString("utf8");
    expect(code).toContain('require("@aws-sdk/client-dynamodb")');
    expect(code).toContain('require("@aws-sdk/lib-dynamodb")');
    expect(code).toContain('require("@aws-sdk/client-sfn")');
    expect(code).not.toContain("dynalite");
  });

  test("snapshot", () => {
    expect(scrub(json)).toMatchSnapshot();
  });
});
