import { TABLES, type TableDefinition } from "./tables";

/** Settings the infrastructure passes to the code; the one typed reader of process.env in app/. */
export interface AppEnv {
  readonly apartmentsTable: string;
  readonly reservationsTable: string;
  /** Unpaid holds per guest (the API's hold limit); the reporting service does not read it. */
  readonly guestsTable?: string;
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
    apartmentsTable: tableName(TABLES.apartments),
    reservationsTable: tableName(TABLES.reservations),
    guestsTable: env[TABLES.guests.envVar] || (dynamodbEndpoint ? TABLES.guests.name : undefined),
    maxHoldsPerEmail: readMaxHolds(env),
    originVerifySecretId: env.ORIGIN_VERIFY_SECRET_ID || undefined,
    originVerifyOff: env.ORIGIN_VERIFY === "off",
    stepFunctionsEndpoint: env.STEPFUNCTIONS_ENDPOINT || undefined,
    secretsManagerEndpoint: env.SECRETSMANAGER_ENDPOINT || undefined,
    stateMachineArn: env.STATE_MACHINE_ARN || undefined,
    paymentWindowSeconds: readPaymentWindow(env),
    dynamodbEndpoint,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || "eu-west-1",
  };
  if (missing.length > 0) {
    throw new Error(`environment variable${missing.length > 1 ? "s" : ""} ${missing.join(", ")} must be set to the DynamoDB table name${missing.length > 1 ? "s" : ""}, e.g. ${missing[0]}=${missing[0].split("_")[0].toLowerCase()}`);
  }
  return result;
}

/** Settings of the local development server (`npm run dev:api`). */
export interface DevServerEnv {
  /** Port the API listens on; 0 picks a free one. */
  readonly port: number;
  readonly paymentWindowSeconds: number;
  /** DEV_DATA_DIR: keep the local tables on disk there across restarts. */
  readonly dataDirectory?: string;
}

export function readDevServerEnv(env: Readonly<Record<string, string | undefined>> = process.env): DevServerEnv {
  const portRaw = env.PORT || "3000";
  const port = Number(portRaw);
  if (!/^\d+$/.test(portRaw) || port > 65535) {
    throw new Error(`PORT "${portRaw}" must be a TCP port number from 0 to 65535, e.g. PORT=3000`);
  }
  return { port, paymentWindowSeconds: readPaymentWindow(env), dataDirectory: env.DEV_DATA_DIR || undefined };
}

function readMaxHolds(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = env.MAX_HOLDS_PER_EMAIL;
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`MAX_HOLDS_PER_EMAIL "${raw}" must be a whole number of at least 1, e.g. MAX_HOLDS_PER_EMAIL=2`);
  return value;
}

function readPaymentWindow(env: Readonly<Record<string, string | undefined>>): number {
  const windowRaw = env.PAYMENT_WINDOW_SECONDS ?? "900";
  const seconds = Number(windowRaw);
  if (!Number.isInteger(seconds) || seconds < 1) {
    throw new Error(`PAYMENT_WINDOW_SECONDS "${windowRaw}" must be a whole number of seconds of at least 1, e.g. PAYMENT_WINDOW_SECONDS=900`);
  }
  return seconds;
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
  const portRaw = merged.PORT || "3100";
  const port = Number(portRaw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT "${portRaw}" must be a TCP port number from 1 to 65535, e.g. PORT=3100`);
  }
  const imdsEndpoint = (merged.IMDS_ENDPOINT || "http://169.254.169.254").replace(/\/+$/, "");
  if (!/^https?:\/\/[^/]+$/.test(imdsEndpoint)) {
    throw new Error(`IMDS_ENDPOINT "${merged.IMDS_ENDPOINT}" must be a base URL without a path, e.g. IMDS_ENDPOINT=http://169.254.169.254`);
  }
  return { ...readAppEnv(merged), port, imdsEndpoint };
}
