import { LOCAL_PORTS, parsePort } from "../lib/ports";
import { MAX_STAY_NIGHTS, TABLES, type TableDefinition, type TableNames } from "./tables";

/** Settings the infrastructure passes to the code; the one typed reader of process.env in app/. */
export interface AppEnv {
  /** APARTMENTS_TABLE, RESERVATIONS_TABLE, NIGHTS_TABLE and GUESTS_TABLE (unpaid holds per guest, the API's hold limit; the reporting service does not read it). */
  readonly tables: TableNames;
  /** Pending holds one e-mail may have at once (MAX_HOLDS_PER_EMAIL). @default - app/api/app.ts DEFAULT_MAX_HOLDS_PER_EMAIL */
  readonly maxHoldsPerEmail?: number;
  /** Secrets Manager secret holding the CloudFront origin-verify value (ORIGIN_VERIFY_SECRET_ID). */
  readonly originVerifySecretId?: string;
  /** ORIGIN_VERIFY=off: no proof-of-origin check (tests of the Lambda entry only). */
  readonly originVerifyOff: boolean;
  /** Local endpoints of Step Functions / Secrets Manager (tests); unset in AWS. */
  readonly stepFunctionsEndpoint?: string;
  readonly secretsManagerEndpoint?: string;
  /** Set only where the workflow runs in AWS (Lambda). */
  readonly stateMachineArn?: string;
  /** Seconds a reservation holds an apartment. */
  readonly paymentWindowSeconds: number;
  /** Local DynamoDB-compatible endpoint (dev server, tests); unset in AWS. */
  readonly dynamodbEndpoint?: string;
  readonly region: string;
  /** Days a reservation is kept after its payment deadline (GUEST_DATA_RETENTION_DAYS, default 30). */
  readonly guestDataRetentionDays: number;
  /** Longest stay one reservation may book (MAX_NIGHTS, config api.maxNights). @default - app/api/app.ts DEFAULT_MAX_NIGHTS */
  readonly maxNights?: number;
  /** ISO 4217 code of the prices (CURRENCY, config api.currency). @default - app/api/app.ts DEFAULT_CURRENCY */
  readonly currency?: string;
}

export function readAppEnv(env: Readonly<Record<string, string | undefined>> = process.env): AppEnv {
  const missing: string[] = [];
  const dynamodbEndpoint = env.DYNAMODB_ENDPOINT || undefined;
  // A local server has the tables under their logical names (app/local/dynamodb.ts).
  const tableName = (table: TableDefinition): string => {
    const value = env[table.envVar] || (dynamodbEndpoint ? table.name : undefined);
    if (!value) missing.push(table.envVar);
    return value ?? "";
  };
  const result: AppEnv = {
    tables: {
      apartments: tableName(TABLES.apartments),
      reservations: tableName(TABLES.reservations),
      nights: tableName(TABLES.nights),
      guests: env[TABLES.guests.envVar] || (dynamodbEndpoint ? TABLES.guests.name : undefined),
    },
    maxHoldsPerEmail: readMaxHolds(env),
    originVerifySecretId: env.ORIGIN_VERIFY_SECRET_ID || undefined,
    originVerifyOff: env.ORIGIN_VERIFY === "off",
    stepFunctionsEndpoint: env.STEPFUNCTIONS_ENDPOINT || undefined,
    secretsManagerEndpoint: env.SECRETSMANAGER_ENDPOINT || undefined,
    stateMachineArn: env.STATE_MACHINE_ARN || undefined,
    paymentWindowSeconds: readPaymentWindow(env),
    dynamodbEndpoint,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || "eu-west-1",
    guestDataRetentionDays: readRetentionDays(env),
    maxNights: readMaxNights(env),
    currency: readCurrency(env),
  };
  if (missing.length > 0) {
    throw new Error(`environment variable${missing.length > 1 ? "s" : ""} ${missing.join(", ")} must be set to the DynamoDB table name${missing.length > 1 ? "s" : ""}, e.g. ${missing[0]}=${missing[0].split("_")[0].toLowerCase()}`);
  }
  return result;
}

/** Settings of the local development server (`npm run dev:api`): API_PORT (or PORT), default 8787 as in `npm run dev`. */
export interface DevServerEnv {
  /** Port the API listens on; 0 picks a free one. */
  readonly port: number;
  readonly paymentWindowSeconds: number;
  /** DEV_DATA_DIR: keep the local tables on disk there across restarts. */
  readonly dataDirectory?: string;
  /** MAX_NIGHTS: longest stay. @default - app/api/app.ts DEFAULT_MAX_NIGHTS */
  readonly maxNights?: number;
  /** CURRENCY: ISO 4217 code of the prices. @default - app/api/app.ts DEFAULT_CURRENCY */
  readonly currency?: string;
}

export function readDevServerEnv(env: Readonly<Record<string, string | undefined>> = process.env): DevServerEnv {
  // API_PORT as in `npm run dev`; PORT still works.
  const name = env.API_PORT ? "API_PORT" : env.PORT ? "PORT" : "API_PORT";
  return {
    port: parsePort(name, env[name], LOCAL_PORTS.api),
    paymentWindowSeconds: readPaymentWindow(env),
    dataDirectory: env.DEV_DATA_DIR || undefined,
    maxNights: readMaxNights(env),
    currency: readCurrency(env),
  };
}



/** Settings of the reporting service (EC2): the shared ones plus its port and the instance metadata endpoint. */
export interface ReportingEnv extends AppEnv {
  /** Port the HTTP server listens on. */
  readonly port: number;
  /** Base URL of the EC2 instance metadata service (IMDSv2); a fake one in tests. */
  readonly imdsEndpoint: string;
}

/**
 * Reads the reporting service's settings; `defaults` fill in variables the environment leaves unset
 * (the dev server passes the local table names).
 */
export function readReportingEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  defaults: Readonly<Record<string, string>> = {},
): ReportingEnv {
  const merged: Record<string, string | undefined> = { ...defaults };
  for (const [name, value] of Object.entries(env)) if (value) merged[name] = value;
  const port = parsePort("PORT", merged.PORT, 3100, 1);
  const imdsEndpoint = (merged.IMDS_ENDPOINT || "http://169.254.169.254").replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+$/.test(imdsEndpoint)) {
    throw new Error(`IMDS_ENDPOINT "${merged.IMDS_ENDPOINT}" must be a base URL without a path, e.g. IMDS_ENDPOINT=http://169.254.169.254`);
  }
  return { ...readAppEnv(merged), port, imdsEndpoint };
}


/**
 * How the API prints its records off Lambda: LOG_FORMAT=json (one JSON object per line, as in
 * CloudWatch) or pretty (one readable line per record, the default of `npm run dev`).
 */
export function readLogFormat(env: Readonly<Record<string, string | undefined>> = process.env, fallback: "json" | "pretty" = "pretty"): "json" | "pretty" {
  const raw = env.LOG_FORMAT;
  if (raw === undefined || raw === "") return fallback;
  if (raw !== "json" && raw !== "pretty") throw new Error(`LOG_FORMAT "${raw}" must be "json" or "pretty", e.g. LOG_FORMAT=json`);
  return raw;
}

/**
 * A whole-number setting of at least 1, `fallback` when the variable is unset. The message names the
 * variable, the value and an example (the fallback).
 */
function readWholeNumber(env: Readonly<Record<string, string | undefined>>, name: string, fallback: number, unit?: string): number {
  const raw = env[name] ?? String(fallback);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${name} "${raw}" must be a whole number${unit ? ` of ${unit}` : ""} of at least 1, e.g. ${name}=${fallback}`);
  }
  return value;
}

const readMaxHolds = (env: Readonly<Record<string, string | undefined>>): number | undefined =>
  env.MAX_HOLDS_PER_EMAIL === undefined || env.MAX_HOLDS_PER_EMAIL === "" ? undefined : readWholeNumber(env, "MAX_HOLDS_PER_EMAIL", 2);
const readMaxNights = (env: Readonly<Record<string, string | undefined>>): number | undefined => {
  if (env.MAX_NIGHTS === undefined || env.MAX_NIGHTS === "") return undefined;
  const value = readWholeNumber(env, "MAX_NIGHTS", 30, "nights");
  if (value > MAX_STAY_NIGHTS) throw new Error(`MAX_NIGHTS "${env.MAX_NIGHTS}" must be at most ${MAX_STAY_NIGHTS} (a reservation writes its nights, itself and the guest's hold in one DynamoDB transaction of at most 100 items), e.g. MAX_NIGHTS=30`);
  return value;
};
const readCurrency = (env: Readonly<Record<string, string | undefined>>): string | undefined => {
  const raw = env.CURRENCY;
  if (raw === undefined || raw === "") return undefined;
  if (!/^[A-Z]{3}$/.test(raw)) throw new Error(`CURRENCY "${raw}" must be an ISO 4217 currency code of three capital letters, e.g. CURRENCY=EUR`);
  return raw;
};
const readPaymentWindow = (env: Readonly<Record<string, string | undefined>>): number => readWholeNumber(env, "PAYMENT_WINDOW_SECONDS", 900, "seconds");
const readRetentionDays = (env: Readonly<Record<string, string | undefined>>): number => readWholeNumber(env, "GUEST_DATA_RETENTION_DAYS", 30, "days");
