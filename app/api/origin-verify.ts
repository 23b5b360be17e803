import { GetSecretValueCommand, type SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { timingSafeEqual } from "node:crypto";
import { DependencyUnavailable, isUnavailable } from "./errors";

import { ORIGIN_VERIFY_HEADER, ORIGIN_VERIFY_PLACEHOLDER } from "./front-door";

/**
 * Proof that a request came through CloudFront: CloudFront adds the X-Origin-Verify header, with a
 * secret value, to every request it sends to the API origin (an origin custom header); the API
 * refuses requests without it (403). The value lives in Secrets Manager only and is rotated by
 * app/origin-verify/rotate.ts. docs/front-door.md says why this mechanism and not another.
 */
export { ORIGIN_VERIFY_HEADER, ORIGIN_VERIFY_PLACEHOLDER };

export interface OriginVerifier {
  /** True when `value` (the header, if any) proves the request passed CloudFront. */
  verify(value: string | undefined): Promise<boolean>;
}

/** A fixed set of accepted values (tests). */
export function staticOriginVerifier(...accepted: string[]): OriginVerifier {
  return { verify: async (value) => value !== undefined && accepted.some((a) => a !== ORIGIN_VERIFY_PLACEHOLDER && safeEqual(a, value)) };
}

/** How long fetched values are trusted; a rotation keeps the old value valid far longer than this. */
const CACHE_MS = 5 * 60 * 1000;
/** A mismatch refreshes the cache at most this often (a rotation just finished), never per request. */
const REFRESH_ON_MISS_MS = 30 * 1000;

/**
 * Accepts the secret's AWSCURRENT and AWSPENDING values: while a rotation runs, CloudFront may send
 * either (the distribution update takes minutes to deploy to every edge).
 */
export class SecretsManagerOriginVerifier implements OriginVerifier {
  private values: string[] = [];
  private fetchedAt = -Infinity;

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretId: string,
    private readonly now: () => number = Date.now,
  ) {}

  public async verify(value: string | undefined): Promise<boolean> {
    if (!value) return false;
    const age = this.now() - this.fetchedAt;
    if (age > CACHE_MS) await this.refresh();
    if (this.matches(value)) return true;
    if (age > REFRESH_ON_MISS_MS) {
      await this.refresh();
      return this.matches(value);
    }
    return false;
  }

  private matches(value: string): boolean {
    return this.values.some((v) => v !== ORIGIN_VERIFY_PLACEHOLDER && safeEqual(v, value));
  }

  private async refresh(): Promise<void> {
    const values: string[] = [];
    for (const stage of ["AWSCURRENT", "AWSPENDING"]) {
      try {
        const { SecretString } = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId, VersionStage: stage }));
        if (SecretString) values.push(SecretString);
      } catch (error) {
        const name = (error as { name?: string }).name;
        if (name === "ResourceNotFoundException") continue; // no pending version outside a rotation
        if (isUnavailable(error)) throw new DependencyUnavailable("Secrets Manager", error);
        throw error;
      }
    }
    this.values = values;
    this.fetchedAt = this.now();
  }
}

function safeEqual(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
}
