import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import type { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import { AssetType, TerraformAsset } from "cdktf";
import { Construct } from "constructs";
import { PROJECT_ROOT } from "../lib/paths";
import { bundleCached } from "./esbuild-cache";
import type { SecureBucket } from "./secure-bucket";
import { policyDocument } from "../lib/iam";
import { writeFileOnce } from "../lib/atomic-write";

export interface BundledArtifactProps {
  /** Entry file of the program, relative to the project root, e.g. "app/reporting/server.ts". */
  readonly entry: string;
  /** Bucket the bundle is uploaded to (by Terraform). */
  readonly bucket: SecureBucket;
  /** First part of the object key: `<keyPrefix>/<entry name>.js`. */
  readonly keyPrefix: string;
  /**
   * Oldest Node.js the bundle must run on (an esbuild target).
   * @default "node20"
   */
  readonly nodeTarget?: string;
}

/**
 * A Node.js program bundled at synth into one JavaScript file (esbuild, dependencies included,
 * minified) and uploaded by Terraform as an S3 object under one stable key, into a versioned bucket.
 * A code change is a new version of that object, not a new object: the provider deletes every
 * version of an object's key when it replaces the object (terraform-provider-aws
 * internal/service/s3/object.go, resourceObjectDelete: deleteAllObjectVersions when version_id is
 * set), which would leave instances of an older launch template version without their bundle. Whoever
 * runs the bundle names its SHA-256 ({@link contentHash}, e.g. in user data, so a code change is a
 * new launch template version too) and fetches the version with that hash ({@link grantRead} allows
 * reading and listing the key's versions). The bundle is written to `.build/artifacts/` (git-ignored)
 * and copied into the stack's output by a TerraformAsset.
 */
export class BundledArtifact extends Construct {
  public readonly object: S3Object;
  /** Object key, known at synth. */
  public readonly key: string;
  /** SHA-256 of the bundle. */
  public readonly contentHash: string;
  /** Size of the bundle in bytes. */
  public readonly sizeBytes: number;
  private readonly bucket: SecureBucket;

  constructor(scope: Construct, id: string, props: BundledArtifactProps) {
    super(scope, id);
    if (!/^[a-z0-9][a-z0-9/-]*[a-z0-9]$/.test(props.keyPrefix) || props.keyPrefix.includes("//")) {
      throw new Error(`BundledArtifact ${this.node.path}: keyPrefix "${props.keyPrefix}" must be lower-case words separated by "-" or "/", without a leading or trailing "/", e.g. "reporting"`);
    }
    const root = PROJECT_ROOT;
    const entry = resolve(root, props.entry);
    if (!existsSync(entry)) {
      throw new Error(`BundledArtifact ${this.node.path}: entry "${props.entry}" does not exist under ${root}; give the path of the program's entry file relative to the project root, e.g. "app/reporting/server.ts"`);
    }
    const fileName = `${basename(entry, extname(entry))}.js`;
    const code = bundle(entry, fileName, props.nodeTarget ?? "node20");
    this.contentHash = createHash("sha256").update(code).digest("hex");
    this.sizeBytes = code.length;
    this.bucket = props.bucket;

    // Content-addressed, written by rename: synths running side by side never see a half-written file.
    const file = join(root, ".build", "artifacts", this.contentHash, fileName);
    writeFileOnce(file, () => code);
    const asset = new TerraformAsset(this, "asset", { path: file, type: AssetType.FILE, assetHash: this.contentHash });

    this.key = `${props.keyPrefix}/${fileName}`;
    this.object = new S3Object(this, "object", {
      bucket: props.bucket.bucket.id,
      key: this.key,
      source: asset.path,
      sourceHash: this.contentHash,
      contentType: "application/javascript",
      // The hash travels with the object, so an operator can tell the versions apart (aws s3api head-object).
      metadata: { sha256: this.contentHash },
      ...(props.bucket.encryptionKey ? { serverSideEncryption: "aws:kms", kmsKeyId: props.bucket.encryptionKey.arn } : {}),
    });
  }

  public get arn(): string {
    return `${this.bucket.arn}/${this.key}`;
  }

  /**
   * Lets the role read this object and its older versions (s3:GetObject, s3:GetObjectVersion on its
   * ARN), list the versions of this one key (s3:ListBucketVersions with an s3:prefix condition), and
   * decrypt through S3 when the bucket's key is a customer-managed one.
   */
  public grantRead(role: IamRole): IamRolePolicy {
    const key = this.bucket.encryptionKey;
    return new IamRolePolicy(role, `${this.node.id}-read`, {
      role: role.name,
      name: `read-${this.node.id}`,
      policy: policyDocument(
        { Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: this.arn },
        { Effect: "Allow", Action: "s3:ListBucketVersions", Resource: this.bucket.arn, Condition: { StringEquals: { "s3:prefix": this.key } } },
        ...(key ? [{ Effect: "Allow" as const, Action: "kms:Decrypt", Resource: key.arn, Condition: { StringLike: { "kms:ViaService": "s3.*.amazonaws.com" } } }] : []),
      ),
    });
  }
}

/** The minified bundle (esbuild, cached across synths while no input changes). */
function bundle(entry: string, fileName: string, target: string): Uint8Array {
  const [output] = bundleCached({
    entryPoints: [entry],
    outfile: fileName,
    bundle: true,
    platform: "node",
    target,
    format: "cjs",
    minify: true,
    logLevel: "silent",
  });
  return output.contents;
}

