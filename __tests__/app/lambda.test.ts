import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { LambdaEvent } from "hono/aws-lambda";
import { SFNClient, type StartExecutionCommand } from "@aws-sdk/client-sfn";
import { bookingExecutionName, StepFunctionsWorkflow } from "../../app/api/sfn-workflow";
import { bookingExecutionInput } from "../../app/workflow/definition";
import { BookingStore } from "../../app/api/store";
import { startLocalDynamo, type LocalDynamo } from "../../app/local/dynamodb";
import { demoApartments } from "../../app/seed-data";

function httpApiEvent(method: string, path: string): LambdaEvent {
  return {
    version: "2.0",
    routeKey: "ANY /api/{proxy+}",
    rawPath: path,
    rawQueryString: "",
    body: null,
    headers: { host: "api.dev-booking.example.com" },
    isBase64Encoded: false,
    requestContext: {
      accountId: "111111111111",
      authentication: null,
      authorizer: {},
      apiId: "abc123",
      domainName: "api.dev-booking.example.com",
      domainPrefix: "api",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "jest" },
      requestId: "req-1",
      routeKey: "ANY /api/{proxy+}",
      stage: "$default",
      time: "01/Jun/2030:12:00:00 +0000",
      timeEpoch: 1906538400000,
    },
  };
}

describe("Lambda entry (app/api/lambda.ts)", () => {
  let local: LocalDynamo;
  const saved = { ...process.env };
  beforeAll(async () => {
    local = await startLocalDynamo();
    await new BookingStore(local.client, { apartments: "apartments", reservations: "reservations" }).addApartments(demoApartments());
    Object.assign(process.env, {
      DYNAMODB_ENDPOINT: local.endpoint,
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_REGION: "eu-west-1",
      STATE_MACHINE_ARN: "arn:aws:states:eu-west-1:111111111111:stateMachine:booking-dev-booking",
      PAYMENT_WINDOW_SECONDS: "120",
    });
  });
  afterAll(async () => {
    process.env = saved;
    await local.stop();
  });

  test("answers API Gateway HTTP API (payload 2.0) events", async () => {
    const { handler } = await import("../../app/api/lambda");
    const health = (await handler(httpApiEvent("GET", "/api/health"))) as APIGatewayProxyStructuredResultV2;
    expect(health).toMatchObject({ statusCode: 200, body: '{"status":"ok"}' });
    const list = (await handler(httpApiEvent("GET", "/api/apartments"))) as APIGatewayProxyStructuredResultV2;
    expect(list.statusCode).toBe(200);
    expect(JSON.parse(list.body!)).toHaveLength(demoApartments().length);
    const missing = (await handler(httpApiEvent("GET", "/api/nothing"))) as APIGatewayProxyStructuredResultV2;
    expect(missing.statusCode).toBe(404);
  });
});

describe("StepFunctionsWorkflow", () => {
  const input = { reservationId: "0b7e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", apartmentId: "apt-skyline", paymentDeadline: "2030-06-01T12:02:00.000Z" };
  const arn = "arn:aws:states:eu-west-1:111111111111:stateMachine:booking-dev-booking";

  function clientAnswering(answer: () => Promise<unknown>) {
    const sent: StartExecutionCommand[] = [];
    const client = new SFNClient({ region: "eu-west-1" });
    client.send = (async (command: StartExecutionCommand) => {
      sent.push(command);
      return answer();
    }) as typeof client.send;
    return { client, sent };
  }

  test("starts one execution named after a hash of the reservation, with the reservation and its expiry as input", async () => {
    const { client, sent } = clientAnswering(async () => ({ executionArn: "arn:x" }));
    await new StepFunctionsWorkflow(client, arn, 30).start(input);
    expect(sent.map((c) => c.input)).toEqual([{ stateMachineArn: arn, name: bookingExecutionName(input.reservationId), input: JSON.stringify(bookingExecutionInput(input, 30)) }]);
    expect(sent[0].input.name).not.toContain(input.reservationId);
  });

  test("treats an existing execution of the same reservation as started", async () => {
    const { client } = clientAnswering(async () => {
      throw Object.assign(new Error("Execution Already Exists"), { name: "ExecutionAlreadyExists" });
    });
    await expect(new StepFunctionsWorkflow(client, arn).start(input)).resolves.toBeUndefined();
  });

  test("fails when Step Functions refuses the start", async () => {
    const { client } = clientAnswering(async () => {
      throw Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
    });
    await expect(new StepFunctionsWorkflow(client, arn).start(input)).rejects.toThrow("Rate exceeded");
  });
});
