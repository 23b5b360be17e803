/** The EC2 instance metadata service, version 2 only: a session token first, then reads with it. */

export interface InstanceIdentity {
  readonly instanceId: string;
  readonly availabilityZone: string;
}

export interface InstanceMetadata {
  /** Instance id and availability zone; rejects with {@link ImdsUnavailableError} off EC2. */
  identity(): Promise<InstanceIdentity>;
}

/** The metadata service did not answer, or answered with an error (e.g. not running on EC2). */
export class ImdsUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImdsUnavailableError";
  }
}

export interface ImdsOptions {
  /** Base URL, e.g. "http://169.254.169.254". */
  readonly endpoint: string;
  /**
   * Longest wait for each request. Off EC2 the link-local address usually never answers, so this
   * bounds how long `/reporting/whoami` takes to say so.
   * @default 1000
   */
  readonly timeoutMs?: number;
}

/** Seconds a token lives; one token serves one identity lookup, so short is enough. */
const TOKEN_TTL_SECONDS = 60;

/**
 * An IMDSv2 client. The identity never changes for the life of an instance, so the first successful
 * answer is kept; a failure is not kept, so a later call tries again.
 */
export function createInstanceMetadata(options: ImdsOptions): InstanceMetadata {
  const timeoutMs = options.timeoutMs ?? 1000;
  let known: Promise<InstanceIdentity> | undefined;

  const request = async (method: "GET" | "PUT", path: string, headers: Record<string, string>): Promise<string> => {
    const url = `${options.endpoint}${path}`;
    let response: Response;
    try {
      response = await fetch(url, { method, headers, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const reason = (error as Error).name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : describeCause(error);
      throw new ImdsUnavailableError(`instance metadata service at ${options.endpoint} is unreachable (${method} ${path}: ${reason}); not running on EC2?`);
    }
    const body = await response.text();
    if (!response.ok) {
      throw new ImdsUnavailableError(`instance metadata service at ${options.endpoint} answered ${method} ${path} with HTTP ${response.status}`);
    }
    return body.trim();
  };

  const lookup = async (): Promise<InstanceIdentity> => {
    const token = await request("PUT", "/latest/api/token", { "X-aws-ec2-metadata-token-ttl-seconds": String(TOKEN_TTL_SECONDS) });
    const read = (path: string) => request("GET", `/latest/meta-data/${path}`, { "X-aws-ec2-metadata-token": token });
    const [instanceId, availabilityZone] = await Promise.all([read("instance-id"), read("placement/availability-zone")]);
    return { instanceId, availabilityZone };
  };

  return {
    identity() {
      known ??= lookup().catch((error: unknown) => {
        known = undefined;
        throw error;
      });
      return known;
    },
  };
}

function describeCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
