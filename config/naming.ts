import { createHash } from "node:crypto";
import type { EnvironmentConfig } from "./schema";

/** Longest names AWS accepts, per kind of resource. */
export const NAME_LIMITS = {
  bucket: 63,
  lambda: 64,
  iamRole: 64,
  logGroup: 512,
  dynamodbTable: 255,
  stateMachine: 80,
  loadBalancer: 32,
  targetGroup: 32,
  securityGroup: 255,
  wafWebAcl: 128,
  snsTopic: 256,
  alarm: 255,
  generic: 64,
} as const;

export type NameKind = keyof typeof NAME_LIMITS;

/**
 * The one naming helper: `<project>-<env>-<purpose>`, lower-case, within the AWS limit for the kind.
 * A name that would be too long keeps its start and ends in a short hash of the full name,
 * so two long names never collide. Buckets also carry the account id (their names are global).
 */
export class Names {
  constructor(private readonly config: Pick<EnvironmentConfig, "project" | "name" | "accountId" | "region">) {}

  /** Physical name of a resource of the given kind. */
  public of(purpose: string, kind: NameKind = "generic"): string {
    return fit(`${this.config.project}-${this.config.name}-${slug(purpose)}`, NAME_LIMITS[kind]);
  }

  /** Alias (without `alias/`) of the key the state stack encrypts Terraform state with, where state is KMS-encrypted. */
  public stateKeyAlias(): string {
    return this.of("tfstate");
  }

  /** Globally unique S3 bucket name. */
  public bucket(purpose: string): string {
    return fit(`${this.config.project}-${this.config.name}-${slug(purpose)}-${this.config.accountId}`, NAME_LIMITS.bucket);
  }

  /**
   * ARN of a resource built from its config-derived name, for the few references that would make
   * stacks depend on each other in a cycle (the API starts the workflow that writes the API's tables).
   */
  public arn(service: string, resource: string): string {
    return `arn:aws:${service}:${this.config.region}:${this.config.accountId}:${resource}`;
  }

  /** Name of the booking workflow's state machine; the API builds its ARN from it. */
  public get bookingStateMachine(): string {
    return this.of("booking", "stateMachine");
  }

  /** ARN of the booking workflow's state machine: the API starts it without depending on the workflow stack. */
  public get bookingStateMachineArn(): string {
    return this.arn("states", `stateMachine:${this.bookingStateMachine}`);
  }

  /**
   * Name of the environment's alarm topic in a region (CloudWatch notifies only a topic of the
   * alarm's own region, so CloudFront's alarms in us-east-1 have a topic there).
   */
  public alarmTopic(region: string = this.config.region): string {
    return this.of(region === this.config.region ? "alarms" : `alarms-${region}`, "snsTopic");
  }

  /**
   * ARN of the alarm topic, built from its name: every stack's alarms notify it without depending on
   * the monitoring stack (which depends on them for its dashboard).
   */
  public alarmTopicArn(region: string = this.config.region): string {
    return `arn:aws:sns:${region}:${this.config.accountId}:${this.alarmTopic(region)}`;
  }

  /** Secret of the CloudFront proof-of-origin header: the site stack creates it, the API reads it by name. */
  public get originVerifySecret(): string {
    return this.of("origin-verify");
  }

  /** ARN pattern of that secret (Secrets Manager appends 6 random characters to the name). */
  public get originVerifySecretArnPattern(): string {
    return this.arn("secretsmanager", `secret:${this.originVerifySecret}-??????`);
  }

  /** Stack id: `<env>-<stack>`, so `cdktf deploy 'dev-*'` acts on one environment. */
  public stackId(stack: string): string {
    return `${this.config.name}-${stack}`;
  }
}

function slug(purpose: string): string {
  const s = purpose.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  if (s === "") throw new Error(`name purpose "${purpose}" must contain a letter or digit, e.g. "assets"`);
  return s;
}

function fit(name: string, limit: number): string {
  if (name.length <= limit) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, limit - hash.length - 1).replace(/-+$/, "")}-${hash}`;
}
