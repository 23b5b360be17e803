import { createServer, type Server, type Socket } from "node:net";
import { LOCAL_TABLE_NAMES } from "../../app/tables";
import { createServer as createHttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { LambdaEvent } from "hono/aws-lambda";
import { SFNClient, type StartExecutionCommand } from "@aws-sdk/client-sfn";
import { bookingExecutionName, StepFunctionsWorkflow } from "../../app/api/sfn-workflow";
import { bookingExecutionInput } from "../../app/workflow/definition";
import { ORIGIN_VERIFY_HEADER } from "../../app/api/origin-verify";
import { BookingStore } from "../../app/api/store";
import { startLocalDynamo, type LocalDynamo } from "../../app/local/dynamodb";
import { demoApartments } from "../../app/seed-data";

function httpApiEvent(method: string, path: string, headers: Record<string, string> = {}): LambdaEvent {
  return {
    version: "2.0",
    routeKey: "ANY /api/{proxy+}",
    rawPath: path,
    rawQueryString: "",
    body: null,
    headers: { host: "api.dev-booking.example.com", ...headers },
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
    await new BookingStore(local.client, LOCAL_TABLE_NAMES).addApartments(demoApartments());
    Object.assign(process.env, {
      DYNAMODB_ENDPOINT: local.endpoint,
      AWS_ACCESS_KEY_ID: "local",
      AWS_SECRET_ACCESS_KEY: "local",
      AWS_REGION: "eu-west-1",
      STATE_MACHINE_ARN: "arn:aws:states:eu-west-1:111111111111:stateMachine:booking-dev-booking",
      PAYMENT_WINDOW_SECONDS: "120",
      ORIGIN_VERIFY: "off",
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
  const input = { reservationId: "0b7e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", apartmentId: "apt-skyline", paymentDeadline: "2030-06-01T12:02:00.000Z", checkIn: "2030-06-10", checkOut: "2030-06-12" };
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
    await expect(new StepFunctionsWorkflow(client, arn).start(input)).rejects.toThrow("Step Functions is unavailable");
  });

  test("retries a start whose answer was lost with the same execution name", async () => {
    let calls = 0;
    const { client, sent } = clientAnswering(async () => {
      calls += 1;
      if (calls === 1) throw Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
      return { executionArn: "arn:x" };
    });
    await new StepFunctionsWorkflow(client, arn).start(input);
    expect(sent.map((c) => c.input.name)).toEqual([bookingExecutionName(input.reservationId), bookingExecutionName(input.reservationId)]);
  });

  test("execution names are a deterministic hash, never the reservation id", () => {
    const name = bookingExecutionName(input.reservationId);
    expect(name).toBe(bookingExecutionName(input.reservationId));
    expect(name).not.toContain(input.reservationId);
    expect(name).not.toContain(input.reservationId.slice(0, 8));
    expect(name).toMatch(/^[A-Za-z0-9_-]{1,80}$/);
    expect(bookingExecutionName("another-id")).not.toBe(name);
  });
});

/** Loads app/api/lambda.ts afresh with `env` (it reads the environment once, at load). */
const originalEnv = { ...process.env };
afterAll(() => {
  process.env = originalEnv;
});

/** Credentials are resolved at the first request, so the environment stays set until the file ends. */
async function handlerWith(env: Record<string, string>): Promise<(event: LambdaEvent) => Promise<APIGatewayProxyStructuredResultV2>> {
  for (const name of ["DYNAMODB_ENDPOINT", "ORIGIN_VERIFY", "ORIGIN_VERIFY_SECRET_ID", "SECRETSMANAGER_ENDPOINT"]) delete process.env[name];
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local", AWS_REGION: "eu-west-1",
    STATE_MACHINE_ARN: "arn:aws:states:eu-west-1:111111111111:stateMachine:booking-dev-booking",
    APARTMENTS_TABLE: "apartments", RESERVATIONS_TABLE: "reservations", GUESTS_TABLE: "guests",
    ...env,
  });
  let loaded: { handler: (event: LambdaEvent) => Promise<unknown> } | undefined;
  await jest.isolateModulesAsync(async () => {
    loaded = await import("../../app/api/lambda");
  });
  return loaded!.handler as (event: LambdaEvent) => Promise<APIGatewayProxyStructuredResultV2>;
}

/** The bound the API promises (app/api/sdk-settings.ts): the Lambda timeout (10 s) minus 1 s. */
const FUNCTION_TIMEOUT_MS = 10_000;
const BOUND_MS = FUNCTION_TIMEOUT_MS - 1000;

describe("Lambda entry when DynamoDB is down", () => {
  test("answers 503 with Retry-After, naming DynamoDB, when connections are refused", async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", () => r()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const handler = await handlerWith({ DYNAMODB_ENDPOINT: `http://127.0.0.1:${port}`, ORIGIN_VERIFY: "off" });
    const started = Date.now();
    const answer = await handler(httpApiEvent("GET", "/api/apartments"));
    const elapsed = Date.now() - started;
    expect(answer.statusCode).toBe(503);
    expect(answer.headers?.["retry-after"] ?? answer.headers?.["Retry-After"]).toBe("5");
    expect(JSON.parse(answer.body!)).toMatchObject({ unavailable: "DynamoDB", error: expect.stringContaining("DynamoDB is unavailable") });
    expect(elapsed).toBeLessThan(BOUND_MS);
  });

  test("answers 503 naming DynamoDB, inside the bound, when DynamoDB accepts connections and never answers", async () => {
    const sockets: Socket[] = [];
    const silent: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", () => r()));
    try {
      const handler = await handlerWith({ DYNAMODB_ENDPOINT: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`, ORIGIN_VERIFY: "off" });
      const started = Date.now();
      const answer = await handler(httpApiEvent("GET", "/api/apartments"));
      const elapsed = Date.now() - started;
      expect(answer.statusCode).toBe(503);
      expect(JSON.parse(answer.body!)).toMatchObject({ unavailable: "DynamoDB" });
      expect(elapsed).toBeLessThan(BOUND_MS);
      // Readiness names the dependency too; liveness stays ok.
      const ready = await handler(httpApiEvent("GET", "/api/ready"));
      expect(ready.statusCode).toBe(503);
      expect(JSON.parse(ready.body!)).toMatchObject({ status: "unavailable", dependencies: { DynamoDB: "unavailable" } });
      expect((await handler(httpApiEvent("GET", "/api/health"))).statusCode).toBe(200);
    } finally {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  }, 30_000);
});

describe("Lambda entry with the CloudFront proof of origin enforced", () => {
  let local: LocalDynamo;
  let secrets: import("node:http").Server;
  const secret = "s3cret-origin-value-from-rotation";
  beforeAll(async () => {
    local = await startLocalDynamo();
    // A stand-in for Secrets Manager's GetSecretValue (JSON protocol): AWSCURRENT only.
    secrets = createHttpServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        const { VersionStage } = JSON.parse(body) as { VersionStage?: string };
        res.setHeader("content-type", "application/x-amz-json-1.1");
        if (VersionStage === "AWSPENDING") {
          res.statusCode = 400;
          res.end(JSON.stringify({ __type: "ResourceNotFoundException", message: "no pending version" }));
        } else res.end(JSON.stringify({ Name: "booking-dev-origin-verify", SecretString: secret, VersionStages: ["AWSCURRENT"] }));
      });
    });
    await new Promise<void>((r) => secrets.listen(0, "127.0.0.1", () => r()));
  });
  afterAll(async () => {
    await new Promise<void>((r) => secrets.close(() => r()));
    await local.stop();
  });

  test("fails a direct request without the origin header: 403 with a JSON error", async () => {
    const handler = await handlerWith({
      DYNAMODB_ENDPOINT: local.endpoint,
      ORIGIN_VERIFY_SECRET_ID: "booking-dev-origin-verify",
      SECRETSMANAGER_ENDPOINT: `http://127.0.0.1:${(secrets.address() as AddressInfo).port}`,
    });
    for (const headers of [{}, { [ORIGIN_VERIFY_HEADER]: "guessed" }] as Array<Record<string, string>>) {
      const answer = await handler(httpApiEvent("GET", "/api/apartments", headers));
      expect(answer.statusCode).toBe(403);
      expect(JSON.parse(answer.body!).error).toMatch(/only through the web site's address \(CloudFront\)/);
    }
    const through = await handler(httpApiEvent("GET", "/api/apartments", { [ORIGIN_VERIFY_HEADER.toLowerCase()]: secret }));
    expect(through.statusCode).toBe(200);
  });

  test("fails to load without a secret unless the check is explicitly off", async () => {
    await expect(handlerWith({ DYNAMODB_ENDPOINT: local.endpoint })).rejects.toThrow(/ORIGIN_VERIFY_SECRET_ID must name the Secrets Manager secret/);
  });
});
