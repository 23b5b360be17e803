import { TerraformStack } from "cdktf";
import validateAsl from "asl-validator";
import { bookingDefinition } from "../../app/workflow/definition";
import { ApiStack } from "../../stacks/api-stack";
import { DnsStack } from "../../stacks/dns-stack";
import { LOG_DELIVERY_ACTIONS, WorkflowStack, XRAY_ACTIONS } from "../../stacks/workflow-stack";
import { only, resources, scrub, synth, testConfig, Testing, type Json } from "../helpers";

function stacks(env = "dev") {
  const config = testConfig(env);
  const app = Testing.app();
  const api = new ApiStack(app, config, { dns: new DnsStack(app, config) });
  const workflow = new WorkflowStack(app, config, { tables: api.tables });
  return { api, workflow };
}

/** As `cdktf synth` writes it: cross-stack references become remote state (app.synth does this). */
function synthWithReferences(stack: TerraformStack): Json {
  stack.node.root.node.findAll().forEach((c) => c instanceof TerraformStack && c.prepareStack());
  return synth(stack);
}

const remoteOutput = (table: string, attribute: "arn" | "name") =>
  expect.stringMatching(new RegExp(`^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-dev-api\\.outputs\\.cross-stack-output-aws_dynamodb_table${table}-table_[0-9A-F]+${attribute}\\}$`));

/** The deployed definition with the table-name tokens replaced by plausible physical names. */
function renderedDefinition(json: Json): Json {
  const text = only(json, "aws_sfn_state_machine").definition as string;
  return JSON.parse(text.replace(/\$\{data\.terraform_remote_state\.[^.]+\.outputs\.cross-stack-output-aws_dynamodb_table(\w+)-table_[0-9A-F]+name\}/g, "booking-dev-$1"));
}

describe("workflow stack", () => {
  const { workflow } = stacks();
  const json = synthWithReferences(workflow);
  const policies: Json[] = Object.values(resources(json, "aws_iam_role_policy")).map((p) => ({ ...p, document: JSON.parse(p.policy) }));

  test("is a Standard state machine with the name the API builds its ARN from", () => {
    expect(only(json, "aws_sfn_state_machine")).toMatchObject({
      name: "booking-dev-booking",
      type: "STANDARD",
      role_arn: "${aws_iam_role.role.arn}",
    });
    expect(workflow.stateMachineArn).toBe("arn:aws:states:eu-west-1:111111111111:stateMachine:booking-dev-booking");
  });

  test("deploys the definition the tests execute, with the API stack's tables", () => {
    const text = only(json, "aws_sfn_state_machine").definition as string;
    const tableNames = new Set([...text.matchAll(/"TableName":"([^"]+)"/g)].map((m) => m[1]));
    expect([...tableNames].sort()).toEqual([remoteOutput("nights", "name"), remoteOutput("reservations", "name")]);
    expect(renderedDefinition(json)).toEqual(
      bookingDefinition({ tables: { nights: "booking-dev-nights", reservations: "booking-dev-reservations" }, pollSeconds: 5 }),
    );
  });

  test("the synthesized definition passes asl-validator", () => {
    const { isValid, errorsText } = validateAsl(renderedDefinition(json));
    expect(errorsText("\n")).toBe("");
    expect(isValid).toBe(true);
  });

  test("fails asl-validator when a transition points nowhere (the check is real)", () => {
    const broken = renderedDefinition(json);
    broken.States["Wait for payment"].Next = "Nowhere";
    const { isValid, errorsText } = validateAsl(broken);
    expect(isValid).toBe(false);
    expect(errorsText("\n")).toContain("Nowhere");
  });

  test("logs every execution event with its data, into a log group with retention", () => {
    expect(only(json, "aws_sfn_state_machine").logging_configuration).toEqual({
      level: "ALL",
      include_execution_data: true,
      log_destination: "${aws_cloudwatch_log_group.log-group.arn}:*",
    });
    expect(only(json, "aws_cloudwatch_log_group")).toMatchObject({ name: "/aws/vendedlogs/states/booking-dev-booking", retention_in_days: 14 });
  });

  test("traces executions with X-Ray", () => {
    expect(only(json, "aws_sfn_state_machine").tracing_configuration).toEqual({ enabled: true });
  });

  test("its role may be assumed only by Step Functions for this state machine", () => {
    expect(JSON.parse(only(json, "aws_iam_role").assume_role_policy).Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "states.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: {
          StringEquals: { "aws:SourceAccount": "111111111111" },
          ArnLike: { "aws:SourceArn": "arn:aws:states:eu-west-1:111111111111:stateMachine:booking-dev-booking" },
        },
      },
    ]);
    expect(resources(json, "aws_iam_role_policy_attachment")).toEqual({});
    expect(only(json, "aws_iam_role").managed_policy_arns).toBeUndefined();
  });

  test("its role holds exactly the DynamoDB actions of the definition, on exactly the two tables", () => {
    const dynamo = policies.flatMap((p) => p.document.Statement).filter((s: Json) => String(s.Action).startsWith("dynamodb:"));
    expect(dynamo).toHaveLength(2);
    expect(dynamo).toContainEqual({ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:UpdateItem"], Resource: remoteOutput("reservations", "arn") });
    expect(dynamo).toContainEqual({ Effect: "Allow", Action: ["dynamodb:DeleteItem"], Resource: remoteOutput("nights", "arn") });
    expect(JSON.stringify(dynamo)).not.toContain("apartments");
    const all = policies.flatMap((p) => p.document.Statement);
    // Log delivery and X-Ray calls take no resource-level permissions.
    expect(all.filter((s: Json) => s.Resource === "*").map((s: Json) => s.Action)).toEqual([
      ["logs:CreateLogDelivery", "logs:DeleteLogDelivery", "logs:DescribeLogGroups", "logs:DescribeResourcePolicies", "logs:GetLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:UpdateLogDelivery"],
      ["xray:GetSamplingRules", "xray:GetSamplingTargets", "xray:PutTelemetryRecords", "xray:PutTraceSegments"],
    ]);
    expect(all.filter((s: Json) => s.Resource === "*").flatMap((s: Json) => s.Action)).toEqual([...LOG_DELIVERY_ACTIONS, ...XRAY_ACTIONS]);
    expect(all).toHaveLength(4);
    expect(policies.every((p) => p.role === "${aws_iam_role.role.name}")).toBe(true);
  });

  test("creates the state machine only after its role may deliver logs and use the tables", () => {
    const dependsOn = only(json, "aws_sfn_state_machine").depends_on as string[];
    expect(dependsOn).toHaveLength(3);
    expect(dependsOn).toContain("aws_iam_role_policy.logs-and-tracing");
  });

  test("outputs the state machine ARN, with a description", () => {
    expect(json.output.state_machine_arn).toMatchObject({ value: "${aws_sfn_state_machine.state-machine.arn}", description: expect.stringContaining("booking-dev-booking") });
  });

  test("takes the poll interval and log retention from the environment", () => {
    const prod = synthWithReferences(stacks("prod").workflow);
    expect(JSON.parse(only(prod, "aws_sfn_state_machine").definition.replace(/\$\{[^}]+\}/g, "t")).States["Wait for payment"].Seconds).toBe(10);
    expect(only(prod, "aws_cloudwatch_log_group").retention_in_days).toBe(365);
  });

  test("the API may start exactly this state machine, and its stack does not depend on this one", () => {
    const { api, workflow } = stacks();
    const apiJson = synthWithReferences(api);
    const grant = Object.values(resources(apiJson, "aws_iam_role_policy")).find((p) => p.name === "states-start-execution")!;
    expect(JSON.parse(grant.policy).Statement).toEqual([{ Effect: "Allow", Action: ["states:DescribeStateMachine", "states:StartExecution"], Resource: workflow.stateMachineArn }]);
    for (const fn of Object.values(resources(apiJson, "aws_lambda_function"))) expect(fn.environment.variables.STATE_MACHINE_ARN).toBe(workflow.stateMachineArn);
    expect(Object.keys(apiJson.data?.terraform_remote_state ?? {}).filter((name) => name.includes("workflow"))).toEqual([]);
  });

  test("fails on a poll interval that would overflow the execution history, naming the fix", () => {
    expect(() => testConfig("prod", { "workflow.pollIntervalSeconds": "1", "workflow.paymentWindowSeconds": "3600" })).toThrow(
      "prod.workflow.pollIntervalSeconds: received 1; makes 3600 payment checks per reservation (paymentWindowSeconds / pollIntervalSeconds), more than the 2000 that fit in a Step Functions execution history; use at least 2",
    );
  });

  test("snapshot", () => {
    expect(scrub(json)).toMatchSnapshot();
  });
});
