import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NodeFunction, type NodeFunctionProps } from "../../constructs/node-function";
import { EnvironmentStack } from "../../stacks/environment-stack";
import { only, resources, synth, testConfig, Testing } from "../helpers";

const VALID: NodeFunctionProps = { entry: "app/api/lambda.ts", functionName: "booking-dev-api", logRetentionDays: 14 };

function functionStack(props: Partial<NodeFunctionProps> = {}) {
  const stack = new EnvironmentStack(Testing.app(), "fn", testConfig("dev"));
  const fn = new NodeFunction(stack, "fn", { ...VALID, ...props });
  return { stack, fn };
}

describe("NodeFunction", () => {
  test("defaults: 512 MB, 10 s, source maps on, the role may only write its logs and traces", () => {
    const json = synth(functionStack().stack);
    expect(only(json, "aws_lambda_function")).toMatchObject({
      runtime: "nodejs22.x",
      architectures: ["arm64"],
      memory_size: 512,
      timeout: 10,
      environment: { variables: { NODE_OPTIONS: "--enable-source-maps" } },
      description: "booking-dev-api (app/api/lambda.ts)",
    });
    expect(Object.values(resources(json, "aws_iam_role_policy")).map((p) => JSON.parse(p.policy).Statement[0].Action)).toEqual([
      ["logs:CreateLogStream", "logs:PutLogEvents"],
      ["xray:PutTelemetryRecords", "xray:PutTraceSegments"],
    ]);
  });

  test("allow() adds one scoped inline policy", () => {
    const { stack, fn } = functionStack();
    fn.allow("queue", ["sqs:SendMessage"], ["arn:aws:sqs:eu-west-1:111111111111:jobs"]);
    const policy = Object.values(resources(synth(stack), "aws_iam_role_policy")).find((p) => p.name === "queue")!;
    expect(JSON.parse(policy.policy).Statement).toEqual([{ Effect: "Allow", Action: ["sqs:SendMessage"], Resource: "arn:aws:sqs:eu-west-1:111111111111:jobs" }]);
  });

  test("two functions of the same entry share one bundle folder", () => {
    const a = synth(functionStack().stack);
    const b = synth(functionStack({ functionName: "booking-prod-api" }).stack);
    expect(only(a, "aws_lambda_function").source_code_hash).toBe(only(b, "aws_lambda_function").source_code_hash);
  });

  test.each([
    ["a bad function name", { functionName: "booking dev api" }, 'functionName "booking dev api" must be 1-64 letters, digits, "-" or "_"'],
    ["too little memory", { memoryMb: 64 }, "memoryMb 64 must be a whole number from 128 to 10240"],
    ["a timeout over 15 minutes", { timeoutSeconds: 901 }, "timeoutSeconds 901 must be a whole number from 1 to 900"],
    ["a retention CloudWatch does not offer", { logRetentionDays: 10 }, "logRetentionDays 10 must be a CloudWatch Logs retention period"],
    ["a reserved environment variable", { environment: { AWS_REGION: "eu-west-1" } }, 'environment variable "AWS_REGION" must be letters, digits and "_", start with a letter and not with AWS_'],
    ["a missing entry", { entry: "app/api/nothing.ts" }, 'entry "app/api/nothing.ts" does not exist; give the handler file relative to the project root, e.g. "app/api/lambda.ts"'],
  ])("fails on %s, naming the setting and the fix", (_name, props, message) => {
    expect(() => functionStack(props)).toThrow(`NodeFunction dev-fn/fn: ${message}`);
  });

  test("fails when the entry does not bundle, naming the file", () => {
    const dir = mkdtempSync(join(tmpdir(), "node-function-"));
    try {
      const entry = join(dir, "broken.ts");
      writeFileSync(entry, 'import { nothing } from "./missing";\nexport const handler = nothing;\n');
      expect(() => functionStack({ entry })).toThrow(/NodeFunction dev-fn\/fn: bundling .*broken\.ts failed: .*Could not resolve "\.\/missing"/s);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("fails on a policy with a wildcard action or no resource", () => {
    const { fn } = functionStack();
    expect(() => fn.allow("all", ["states:*"], ["*"])).toThrow('policy "all" actions ["states:*"] must be one or more actions without wildcards');
    expect(() => fn.allow("none", ["states:StartExecution"], [])).toThrow('policy "none" needs at least one resource ARN');
  });
});
