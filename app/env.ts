import { TABLES } from "./tables";

/** Settings the infrastructure passes to the code; the one typed reader of process.env in app/. */
export interface AppEnv {
  readonly apartmentsTable: string;
  readonly reservationsTable: string;
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
  const required = (name: string): string => {
    const value = env[name];
    if (!value) missing.push(name);
    return value ?? "";
  };
  const windowRaw = env.PAYMENT_WINDOW_SECONDS ?? "900";
  const paymentWindowSeconds = Number(windowRaw);
  const result: AppEnv = {
    apartmentsTable: required(TABLES.apartments.envVar),
    reservationsTable: required(TABLES.reservations.envVar),
    stateMachineArn: env.STATE_MACHINE_ARN || undefined,
    paymentWindowSeconds,
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || "eu-west-1",
  };
  if (missing.length > 0) {
    throw new Error(`environment variable${missing.length > 1 ? "s" : ""} ${missing.join(", ")} must be set to the DynamoDB table name${missing.length > 1 ? "s" : ""}, e.g. ${missing[0]}=${missing[0].split("_")[0].toLowerCase()}`);
  }
  if (!Number.isInteger(paymentWindowSeconds) || paymentWindowSeconds < 1) {
    throw new Error(`PAYMENT_WINDOW_SECONDS "${windowRaw}" must be a whole number of seconds of at least 1, e.g. PAYMENT_WINDOW_SECONDS=900`);
  }
  return result;
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
