import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { TerraformStack } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/schema";
import { Names } from "../config/naming";
import { configureBackend, localBackend } from "../constructs/backend";

export interface EnvironmentStackOptions {
  /** Keep this stack's state in a local file whatever the environment's backend. @default false */
  readonly localState?: boolean;
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
    else configureBackend(this, config.backend, config.project, this.node.id);
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
