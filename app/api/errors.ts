import type { ZodError } from "zod";

/** One problem with a request, named so the caller can fix it. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
  readonly received?: unknown;
}

/** The body of every error response; `unavailable` names the dependency of a 503. */
export interface ErrorBody {
  readonly error: string;
  readonly details: readonly FieldError[];
  readonly unavailable?: string;
  /** A 409 of POST /api/reservations: the nights (YYYY-MM-DD) of the stay another stay holds. */
  readonly unavailableNights?: readonly string[];
}

export type ErrorStatus = 400 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

/** An error the API answers with its own status and message (anything else becomes a generic 500). */
export class ApiError extends Error {
  constructor(
    public readonly status: ErrorStatus,
    message: string,
    public readonly details: readonly FieldError[] = [],
    /** Response headers (e.g. Retry-After of a 429 or 503). */
    public readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  public get body(): ErrorBody {
    return { error: this.message, details: this.details };
  }
}

/** 409: nights of the asked stay are held by another stay; the body lists them. */
export class NightsUnavailable extends ApiError {
  constructor(message: string, public readonly nights: readonly string[]) {
    super(409, message);
  }

  public override get body(): ErrorBody {
    return { error: this.message, unavailableNights: this.nights, details: this.details };
  }
}

/** Seconds a client should wait before retrying when a dependency is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/** A dependency (DynamoDB, Step Functions, Secrets Manager) refused, timed out or answered 5xx/throttled: 503. */
export class DependencyUnavailable extends ApiError {
  /** `consequence`: what the caller should know of what may have happened; by default nothing was changed. */
  constructor(public readonly dependency: string, public readonly underlying: unknown, consequence = "nothing was changed that you need to undo") {
    super(503, `${dependency} is unavailable right now (${causeText(underlying)}); ${consequence}, try again in ${RETRY_AFTER_SECONDS} seconds`, [], {
      "Retry-After": String(RETRY_AFTER_SECONDS),
    });
  }

  public override get body(): ErrorBody {
    return { ...super.body, unavailable: this.dependency };
  }
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN", "ECONNABORTED"]);
const UNAVAILABLE_NAMES = new Set([
  "TimeoutError", "RequestTimeout", "RequestTimeoutException", "AbortError",
  "ThrottlingException", "Throttling", "ProvisionedThroughputExceededException", "RequestLimitExceeded",
  "InternalServerError", "InternalFailure", "ServiceUnavailable", "ServiceUnavailableException",
  // A table that is not there (deleted, or not deployed yet) cannot serve the request either.
  "ResourceNotFoundException",
]);

/**
 * An SDK error that says the service could not be reached or could not serve the request now
 * (as opposed to a request the service refused): connection refused/reset, a connection or request
 * timeout, throttling, or a 5xx answer.
 */
export function isUnavailable(error: unknown): boolean {
  const e = (error ?? {}) as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number }; cause?: unknown; errors?: unknown[] };
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  // The SDK wraps a network error from another realm (jest's module sandbox) into a message only.
  if (typeof e.message === "string" && NETWORK_MESSAGE.test(e.message)) return true;
  if (e.name && UNAVAILABLE_NAMES.has(e.name)) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  if (Array.isArray(e.errors) && e.errors.some(isUnavailable)) return true; // AggregateError of a dual-stack connect
  return e.cause !== undefined && e.cause !== error && isUnavailable(e.cause);
}

const NETWORK_MESSAGE = new RegExp(`\\b(${[...NETWORK_CODES].join("|")})\\b|socket hang up|timed? ?out`, "i");

function causeText(cause: unknown): string {
  const e = (cause ?? {}) as { name?: string; code?: string; message?: string };
  if (e.code && NETWORK_CODES.has(e.code)) return e.code === "ECONNREFUSED" ? "connection refused" : e.code;
  if (/ECONNREFUSED/.test(e.message ?? "")) return "connection refused";
  if (e.name === "TimeoutError" || e.name === "RequestTimeout" || e.name === "AbortError") return "no answer in time";
  return e.name ?? "unreachable";
}

/** Field errors of a failed zod parse; echoes short received values so the caller sees what was wrong. */
export function fieldErrors(error: ZodError, input: unknown): FieldError[] {
  return error.issues.flatMap((issue): FieldError[] => {
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({ field: key, message: issue.message }));
    }
    const field = issue.path.join(".") || "body";
    const received = valueAt(input, issue.path);
    const echo = received !== undefined && (typeof received !== "string" || received.length <= 100) && typeof received !== "object";
    return [{ field, message: issue.message, ...(echo ? { received } : {}) }];
  });
}

function valueAt(input: unknown, path: ReadonlyArray<string | number>): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}
