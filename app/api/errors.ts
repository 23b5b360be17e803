import type { ZodError } from "zod";

/** One problem with a request, named so the caller can fix it. */
export interface FieldError {
  readonly field: string;
  readonly message: string;
  readonly received?: unknown;
}

/** The body of every error response. */
export interface ErrorBody {
  readonly error: string;
  readonly details: readonly FieldError[];
}

export type ErrorStatus = 400 | 404 | 409 | 413 | 415 | 500 | 503;

/** An error the API answers with its own status and message (anything else becomes a generic 500). */
export class ApiError extends Error {
  constructor(
    public readonly status: ErrorStatus,
    message: string,
    public readonly details: readonly FieldError[] = [],
  ) {
    super(message);
  }

  public get body(): ErrorBody {
    return { error: this.message, details: this.details };
  }
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
