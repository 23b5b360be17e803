import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SFNClient } from "@aws-sdk/client-sfn";
import { handle } from "hono/aws-lambda";
import { readAppEnv } from "../env";
import { createApi } from "./app";
import { createObservability, instrumentHandler, traceClient } from "./observability";
import { StepFunctionsWorkflow } from "./sfn-workflow";
import { BookingStore } from "./store";

// Built once per Lambda instance and reused by every invocation it serves.
const env = readAppEnv();
if (!env.stateMachineArn) {
  throw new Error("environment variable STATE_MACHINE_ARN must be set to the booking state machine's ARN, e.g. arn:aws:states:eu-west-1:123456789012:stateMachine:booking-dev-booking");
}

const observability = createObservability({ format: "json" });

const api = createApi({
  store: new BookingStore(traceClient(observability, new DynamoDBClient({ region: env.region, endpoint: env.dynamodbEndpoint })), { apartments: env.apartmentsTable, reservations: env.reservationsTable }),
  workflow: new StepFunctionsWorkflow(traceClient(observability, new SFNClient({ region: env.region })), env.stateMachineArn, env.guestDataRetentionDays),
  paymentWindowSeconds: env.paymentWindowSeconds,
  observability,
});

/** API Gateway HTTP API (payload format 2.0) entry point. */
export const handler = instrumentHandler(observability, handle(api));
