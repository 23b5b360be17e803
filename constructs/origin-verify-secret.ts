import { LambdaPermission } from "@cdktf/provider-aws/lib/lambda-permission";
import { SecretsmanagerSecret } from "@cdktf/provider-aws/lib/secretsmanager-secret";
import { SecretsmanagerSecretRotation } from "@cdktf/provider-aws/lib/secretsmanager-secret-rotation";
import type { CloudfrontDistribution } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { Token } from "cdktf";
import { Construct } from "constructs";
import type { KmsKey } from "./kms-key";
import { NodeFunction } from "./node-function";

export interface OriginVerifySecretProps {
  /** Name of the secret; the API reads it by this name (`Names.of("origin-verify")`). */
  readonly secretName: string;
  /** The distribution whose origin sends the header. */
  readonly distribution: CloudfrontDistribution;
  /** Id of the origin (in that distribution) that carries the header. */
  readonly originId: string;
  /** Rotation function's source (app/origin-verify/rotate.ts) and physical name. */
  readonly rotationEntry: string;
  readonly rotationFunctionName: string;
  readonly logRetentionDays: number;
  /**
   * Customer-managed key of the rotation function's log group and environment variables. The secret
   * itself stays under Secrets Manager's AWS-managed key, so the API (another stack) reads it without a key grant.
   * @default - the services' own encryption
   */
  readonly encryptionKey?: KmsKey;
  /**
   * Days between two automatic rotations.
   * @default 30
   */
  readonly rotateAfterDays?: number;
  /**
   * Days a deleted secret can be restored: 7 to 30, or 0 to delete it at once. Within the window the
   * name stays taken, so an environment that is destroyed and re-created (dev) needs 0; elsewhere a
   * window lets a deleted proof, which locks the API out, be restored.
   * @default 7 - the shortest window
   */
  readonly recoveryWindowDays?: number;
}

/**
 * The proof-of-origin secret between CloudFront and the API: a Secrets Manager secret whose value
 * Terraform never knows (no secret version in the configuration, so none in the JSON or the state),
 * rotated by a function that writes each new value into the distribution's origin header. The first
 * rotation runs when Terraform creates the rotation (rotate_immediately), replacing the placeholder
 * the distribution is created with, which the API never accepts.
 */
export class OriginVerifySecret extends Construct {
  public readonly secret: SecretsmanagerSecret;
  public readonly rotation: NodeFunction;

  constructor(scope: Construct, id: string, props: OriginVerifySecretProps) {
    super(scope, id);
    const rotateAfterDays = props.rotateAfterDays ?? 30;
    if (!Token.isUnresolved(rotateAfterDays) && (!Number.isInteger(rotateAfterDays) || rotateAfterDays < 1 || rotateAfterDays > 1000)) {
      // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotationRulesType.html
      throw new Error(`OriginVerifySecret ${this.node.path}: rotateAfterDays ${rotateAfterDays} must be a whole number of days from 1 to 1000, e.g. 30`);
    }
    const recoveryWindowDays = props.recoveryWindowDays ?? 7;
    if (!Token.isUnresolved(recoveryWindowDays) && !(recoveryWindowDays === 0 || (Number.isInteger(recoveryWindowDays) && recoveryWindowDays >= 7 && recoveryWindowDays <= 30))) {
      // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_DeleteSecret.html (RecoveryWindowInDays 7-30; 0 is the provider's ForceDeleteWithoutRecovery)
      throw new Error(`OriginVerifySecret ${this.node.path}: recoveryWindowDays ${recoveryWindowDays} must be 0 (delete at once) or a whole number of days from 7 to 30, e.g. 7`);
    }
    this.secret = new SecretsmanagerSecret(this, "secret", {
      name: props.secretName,
      description: "Value of the X-Origin-Verify header CloudFront adds to API requests (set by rotation only)",
      recoveryWindowInDays: recoveryWindowDays,
    });
    this.rotation = new NodeFunction(this, "rotation", {
      entry: props.rotationEntry,
      functionName: props.rotationFunctionName,
      logRetentionDays: props.logRetentionDays,
      encryptionKey: props.encryptionKey,
      timeoutSeconds: 60,
      memoryMb: 256,
      environment: { DISTRIBUTION_ID: props.distribution.id, API_ORIGIN_ID: props.originId },
    });
    this.rotation.allow("secret", ["secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue", "secretsmanager:PutSecretValue", "secretsmanager:UpdateSecretVersionStage"], [this.secret.arn]);
    this.rotation.allow("distribution", ["cloudfront:GetDistribution", "cloudfront:GetDistributionConfig", "cloudfront:UpdateDistribution"], [props.distribution.arn]);
    const permission = new LambdaPermission(this, "allow-secrets-manager", {
      functionName: this.rotation.function.functionName,
      action: "lambda:InvokeFunction",
      principal: "secretsmanager.amazonaws.com",
      sourceArn: this.secret.arn,
    });
    new SecretsmanagerSecretRotation(this, "rotation-schedule", {
      secretId: this.secret.id,
      rotationLambdaArn: this.rotation.function.arn,
      rotationRules: { automaticallyAfterDays: rotateAfterDays },
      dependsOn: [permission],
    });
  }
}
