import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/schema";
import { KmsKey } from "../constructs/kms-key";
import { SecureBucket } from "../constructs/secure-bucket";
import { suppress } from "../policies/suppress";
import { EnvironmentStack, stateKey } from "./environment-stack";

/**
 * The bucket every other stack of the environment keeps its state in, created in the backend's
 * region (which may differ from the environment's). Its own state is local (it cannot live in a
 * bucket that does not exist yet); the README shows how to migrate it.
 */
export class StateStack extends EnvironmentStack {
  public readonly stateBucket: SecureBucket;

  constructor(scope: Construct, config: EnvironmentConfig & { backend: { type: "s3" } }) {
    // The s3 backend looks for the bucket in backend.region, so that is where it must be created.
    super(scope, "state", { ...config, region: config.backend.region }, { localState: true });

    const logs = new SecureBucket(this, "state-access-logs", {
      bucketName: this.names.bucket("tfstate-logs"),
      expirationDays: 365,
      noncurrentVersionExpirationDays: 30,
    });
    suppress(logs, "s3-access-logs", "this is the access-log bucket of the state bucket; logging its own access into itself would loop, and a second log bucket would only move the problem");
    suppress(logs, "s3-kms-encryption", "S3 server access logging documents SSE-S3 as the default encryption of a destination bucket (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html; SSE-KMS reportedly works with a key grant to logging.s3.amazonaws.com, aws/aws-cdk#25350, unverified here without an account); the logs hold request metadata, not state");
    // The same key the stacks' S3 backends name (environment-stack.ts stateBackend).
    const key = stateKey(config);
    const encryptionKey = key
      ? new KmsKey(this, "state-key", { alias: key.alias, description: `Terraform state of ${config.project} ${config.name}`, accountId: key.accountId, region: key.region })
      : undefined;
    this.stateBucket = new SecureBucket(this, "state-bucket", {
      encryptionKey,
      bucketName: config.backend.bucket,
      noncurrentVersionExpirationDays: 90,
      preventDestroy: true,
      accessLogs: { bucket: logs, prefix: "tfstate/" },
    });

    new TerraformOutput(this, "state_bucket", {
      value: this.stateBucket.bucket.bucket,
      description: "S3 bucket holding the Terraform state of every other stack of this environment",
    });
    new TerraformOutput(this, "state_region", {
      value: config.backend.region,
      description: "Region of the state bucket",
    });
  }
}
