import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SFNClient } from "@aws-sdk/client-sfn";
import { handle } from "hono/aws-lambda";
import { readAppEnv } from "../env";
import { createApi } from "./app";
import { createObservability, instrumentHandler, traceClient } from "./observability";
import { SecretsManagerOriginVerifier } from "./origin-verify";
import { SDK_CLIENT_SETTINGS } from "./sdk-settings";
import { StepFunctionsWorkflow } from "./sfn-workflow";
import { BookingStore } from "./store";

// Built once per Lambda instance and reused by every invocation it serves.
const env = readAppEnv();
if (!env.stateMachineArn) {
  throw new Error("environment variable STATE_MACHINE_ARN must be set to the booking state machine's ARN, e.g. arn:aws:states:eu-west-1:123456789012:stateMachine:booking-dev-booking");
}
if (!env.tables.guests) {
  throw new Error("environment variable GUESTS_TABLE must be set to the guests table's name (the hold limit), e.g. GUESTS_TABLE=booking-dev-guests");
}
// Secure by default: the proof-of-origin check is on unless explicitly turned off.
if (!env.originVerifySecretId && !env.originVerifyOff) {
  throw new Error("environment variable ORIGIN_VERIFY_SECRET_ID must name the Secrets Manager secret of the CloudFront origin-verify header, e.g. booking-dev-origin-verify (ORIGIN_VERIFY=off turns the check off, for tests only)");
}

const observability = createObservability({ format: "json" });

const api = createApi({
  store: new BookingStore(traceClient(observability, new DynamoDBClient({ region: env.region, endpoint: env.dynamodbEndpoint, ...SDK_CLIENT_SETTINGS })), env.tables),
  workflow: new StepFunctionsWorkflow(
    traceClient(observability, new SFNClient({ region: env.region, endpoint: env.stepFunctionsEndpoint, ...SDK_CLIENT_SETTINGS })),
    env.stateMachineArn,
    env.guestDataRetentionDays,
  ),
  paymentWindowSeconds: env.paymentWindowSeconds,
  maxHoldsPerEmail: env.maxHoldsPerEmail,
  maxNights: env.maxNights,
  currency: env.currency,
  originVerify: env.originVerifySecretId
    ? new SecretsManagerOriginVerifier(traceClient(observability, new SecretsManagerClient({ region: env.region, endpoint: env.secretsManagerEndpoint, ...SDK_CLIENT_SETTINGS })), env.originVerifySecretId)
    : undefined,
  observability,
});

/** API Gateway HTTP API (payload format 2.0) entry point. */
export const handler = instrumentHandler(observability, handle(api));
