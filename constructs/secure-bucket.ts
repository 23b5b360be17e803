import { S3Bucket } from "@cdktf/provider-aws/lib/s3-bucket";
import { S3BucketLifecycleConfiguration } from "@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration";
import { S3BucketLoggingA } from "@cdktf/provider-aws/lib/s3-bucket-logging";
import { S3BucketOwnershipControls } from "@cdktf/provider-aws/lib/s3-bucket-ownership-controls";
import { S3BucketPolicy } from "@cdktf/provider-aws/lib/s3-bucket-policy";
import { S3BucketPublicAccessBlock } from "@cdktf/provider-aws/lib/s3-bucket-public-access-block";
import { S3BucketServerSideEncryptionConfigurationA } from "@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration";
import { S3BucketVersioningA } from "@cdktf/provider-aws/lib/s3-bucket-versioning";
import { Lazy, Token } from "cdktf";
import { Construct } from "constructs";
import { suppress } from "../lib/suppress";
import { policyDocument, type PolicyStatement } from "../lib/iam";
import type { KmsKey } from "./kms-key";

/** One statement of an IAM policy document, as AWS spells it (lib/iam.ts). */
export type { PolicyStatement };

export interface SecureBucketProps {
  /** Globally unique bucket name (see `Names.bucket`). */
  readonly bucketName: string;
  /**
   * Keep every version of every object.
   * @default true
   */
  readonly versioned?: boolean;
  /**
   * Days a replaced or deleted object version is kept before it expires.
   * @default 90
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Days after which current objects expire (for log buckets).
   * @default - objects never expire
   */
  readonly expirationDays?: number;
  /**
   * Bucket that receives this bucket's S3 server access logs.
   * @default - no access logging; give every bucket that is not itself a log bucket one
   */
  readonly accessLogs?: { readonly bucket: SecureBucket; readonly prefix: string };
  /**
   * Let AWS log delivery write with ACLs, as CloudFront standard logging requires.
   * @default false - ACLs disabled (bucket owner enforced)
   */
  readonly allowAclLogDelivery?: boolean;
  /**
   * Terraform refuses to plan the bucket's destruction.
   * @default false
   */
  readonly preventDestroy?: boolean;
  /**
   * Delete every object when the bucket is destroyed.
   * @default false - destroying a non-empty bucket fails
   */
  readonly forceDestroy?: boolean;
  /**
   * Customer-managed key for default encryption (SSE-KMS with an S3 Bucket Key). Log buckets that
   * AWS log delivery writes cannot take one (S3 server access logs and ALB access logs require SSE-S3).
   * @default - SSE-S3 (AES256)
   */
  readonly encryptionKey?: KmsKey;
}

/**
 * A private S3 bucket: every public-access-block flag on, ACLs disabled, SSE-S3 or SSE-KMS encryption,
 * versioning with expiry of old versions, incomplete uploads aborted, and a bucket policy that
 * denies any request not made over TLS. Grant more with {@link addToResourcePolicy}.
 */
export class SecureBucket extends Construct {
  public readonly bucket: S3Bucket;
  public readonly publicAccessBlock: S3BucketPublicAccessBlock;
  public readonly policy: S3BucketPolicy;
  /** Object ownership (ACLs off, or on for log delivery): whatever writes with ACLs must wait for it. */
  public readonly ownershipControls: S3BucketOwnershipControls;
  /** The key of its default encryption, when it is SSE-KMS. */
  public readonly encryptionKey?: KmsKey;
  private readonly statements: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const { bucketName } = props;
    if (!Token.isUnresolved(bucketName) && !/^(?!xn--)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucketName)) {
      throw new Error(`SecureBucket ${this.node.path}: bucketName "${bucketName}" is not a valid S3 bucket name; use 3-63 characters of a-z, 0-9, "." and "-", e.g. "booking-dev-assets-123456789012"`);
    }
    for (const [field, days] of [["noncurrentVersionExpirationDays", props.noncurrentVersionExpirationDays], ["expirationDays", props.expirationDays]] as const) {
      if (days !== undefined && (!Number.isInteger(days) || days < 1)) {
        throw new Error(`SecureBucket ${this.node.path}: ${field} ${days} must be a whole number of days of at least 1, e.g. 90`);
      }
    }

    this.bucket = new S3Bucket(this, "bucket", {
      bucket: bucketName,
      forceDestroy: props.forceDestroy ?? false,
      lifecycle: props.preventDestroy ? { preventDestroy: true } : undefined,
    });
    const bucket = this.bucket.id;

    this.publicAccessBlock = new S3BucketPublicAccessBlock(this, "public-access-block", {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    this.ownershipControls = new S3BucketOwnershipControls(this, "ownership", {
      bucket,
      rule: { objectOwnership: props.allowAclLogDelivery ? "BucketOwnerPreferred" : "BucketOwnerEnforced" },
    });
    if (props.allowAclLogDelivery) {
      suppress(this.bucket, "s3-acls-disabled", "allowAclLogDelivery: CloudFront standard logging writes log files with the awslogsdelivery account's ACL, which BucketOwnerEnforced would reject");
    }
    this.encryptionKey = props.encryptionKey;
    if (props.encryptionKey) props.encryptionKey.allowViaService("s3");
    new S3BucketServerSideEncryptionConfigurationA(this, "encryption", {
      bucket,
      rule: [{
        applyServerSideEncryptionByDefault: props.encryptionKey ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: props.encryptionKey.arn } : { sseAlgorithm: "AES256" },
        bucketKeyEnabled: true,
      }],
    });
    const versioned = props.versioned ?? true;
    const versioning = new S3BucketVersioningA(this, "versioning", {
      bucket,
      versioningConfiguration: { status: versioned ? "Enabled" : "Suspended" },
    });
    new S3BucketLifecycleConfiguration(this, "lifecycle", {
      bucket,
      dependsOn: [versioning],
      rule: [
        {
          id: "expire-old-versions-and-incomplete-uploads",
          status: "Enabled",
          filter: [{ prefix: "" }],
          abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
          noncurrentVersionExpiration: [{ noncurrentDays: props.noncurrentVersionExpirationDays ?? 90 }],
          expiration: props.expirationDays ? [{ days: props.expirationDays }] : undefined,
        },
      ],
    });
    if (props.accessLogs) {
      const { bucket: logs, prefix } = props.accessLogs;
      new S3BucketLoggingA(this, "access-logs", { bucket, targetBucket: logs.bucket.id, targetPrefix: prefix });
      logs.addToResourcePolicy({
        Sid: `AllowServerAccessLogsFrom${logs.statements.length}`,
        Effect: "Allow",
        Principal: { Service: "logging.s3.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: `${logs.bucket.arn}/${prefix}*`,
        Condition: { ArnLike: { "aws:SourceArn": this.bucket.arn } },
      });
    }

    this.addToResourcePolicy({
      Sid: "DenyInsecureTransport",
      Effect: "Deny",
      Principal: "*",
      Action: "s3:*",
      Resource: [this.bucket.arn, `${this.bucket.arn}/*`],
      Condition: { Bool: { "aws:SecureTransport": "false" } },
    });
    this.policy = new S3BucketPolicy(this, "policy", {
      bucket,
      policy: Lazy.stringValue({
        produce: () => policyDocument(...this.statements),
      }),
      // A policy put before the public access block exists could briefly be judged public.
      dependsOn: [this.publicAccessBlock],
    });
  }

  /** Adds a statement to the bucket policy (one policy per bucket, so every grant goes through here). */
  public addToResourcePolicy(statement: PolicyStatement): void {
    this.statements.push(statement);
  }

  public get arn(): string {
    return this.bucket.arn;
  }
}
