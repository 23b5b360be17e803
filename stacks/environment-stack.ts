import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import { encryptionOf, type EnvironmentConfig } from "../config/schema";
import { Names } from "../config/naming";
import { configureBackend, localBackend } from "../constructs/backend";

export interface EnvironmentStackOptions {
  /** Keep this stack's state in a local file whatever the environment's backend. @default false */
  readonly localState?: boolean;
}

/** The key the state stack encrypts Terraform state with, where state is KMS-encrypted in S3; else undefined. */
export function stateKey(config: EnvironmentConfig): { readonly region: string; readonly accountId: string; readonly alias: string } | undefined {
  if (config.backend.type !== "s3" || encryptionOf(config) !== "kms") return undefined;
  return { region: config.backend.region, accountId: config.accountId, alias: new Names(config).stateKeyAlias() };
}

/**
 * The environment's state backend as the stacks write it: where state is KMS-encrypted (the state
 * stack creates the key), the S3 backend names that key by its alias ARN, which the backend accepts
 * (hashicorp/terraform internal/backend/remote-state/s3/validate.go, validateKMSKeyARN).
 */
export function stateBackend(config: EnvironmentConfig): EnvironmentConfig["backend"] & { kmsKeyId?: string } {
  const key = stateKey(config);
  return key ? { ...config.backend, kmsKeyId: `arn:aws:kms:${key.region}:${key.accountId}:alias/${key.alias}` } : config.backend;
}

/**
 * A stack of one environment: id `<env>-<name>`, the AWS provider pinned to the environment's
 * account and region with default tags, and the configured state backend.
 */
export class EnvironmentStack extends TerraformStack {
  public readonly config: EnvironmentConfig;
  public readonly names: Names;
  public readonly provider: AwsProvider;
  private usEast1?: AwsProvider;

  constructor(scope: Construct, name: string, config: EnvironmentConfig, options: EnvironmentStackOptions = {}) {
    const names = new Names(config);
    super(scope, names.stackId(name));
    this.config = config;
    this.names = names;
    this.provider = new AwsProvider(this, "aws", this.providerConfig(config.region));
    if (options.localState) localBackend(this, this.node.id);
    else configureBackend(this, stateBackend(config), config.project, this.node.id);
  }

  /** A provider aliased to us-east-1, where CloudFront wants its certificates and web ACLs. */
  public get usEast1Provider(): AwsProvider {
    this.usEast1 ??= new AwsProvider(this, "aws-us-east-1", { ...this.providerConfig("us-east-1"), alias: "us_east_1" });
    return this.usEast1;
  }

  private providerConfig(region: string) {
    return {
      region,
      allowedAccountIds: [this.config.accountId],
      defaultTags: [{ tags: { ...this.config.tags, Stack: this.node.id } }],
    };
  }
}
