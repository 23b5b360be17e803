import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { extname, join, relative, resolve, sep } from "node:path";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import { AssetType, TerraformAsset, TerraformIterator } from "cdktf";
import { Construct } from "constructs";
import type { SecureBucket } from "./secure-bucket";

/** Content types of the files a web build produces, by extension. */
export const WEB_CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".avif": "image/avif",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".wasm": "application/wasm",
  ".pdf": "application/pdf",
};

/** Cache-Control of files whose names carry a content hash: a new version gets a new name. */
export const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";
/** Cache-Control of every other file (index.html above all): browsers revalidate on every use. */
export const REVALIDATE_CACHE_CONTROL = "no-cache";

export interface BucketContentProps {
  /**
   * Bucket the files are uploaded to. With SSE-S3 an object's ETag is its MD5, so Terraform also puts
   * back an object changed in the bucket; with SSE-KMS (the bucket's encryptionKey) the ETag is not
   * the MD5 (the provider docs: etag "is not compatible with KMS encryption"), so the MD5 goes into
   * source_hash instead and each object is written with the key.
   */
  readonly bucket: SecureBucket;
  /** Directory whose files are uploaded, keyed by their path inside it (e.g. web/dist). */
  readonly directory: string;
  /**
   * Key prefix of the files whose names carry a content hash (Vite's `assetsDir`); they are cached
   * for a year as immutable.
   * @default "assets/"
   */
  readonly immutablePrefix?: string;
  /**
   * Content types of further extensions (".mp4": "video/mp4"), on top of {@link WEB_CONTENT_TYPES}.
   * @default - only the extensions of WEB_CONTENT_TYPES; a file of another extension fails synth
   */
  readonly contentTypes?: Readonly<Record<string, string>>;
}

/** What one uploaded file gets. */
export interface BucketObject {
  readonly content_type: string;
  readonly cache_control: string;
  /** MD5 of the file: a changed file re-uploads, and a changed object in the bucket is put back. */
  readonly etag: string;
}

/**
 * Every file of a directory as an S3 object that Terraform owns: one `aws_s3_object` instance per
 * file (`for_each` keyed by the object key), with its content type, a cache header and its MD5 as
 * ETag. A file removed from the directory drops its instance, so the next apply deletes the object.
 * The files reach Terraform as a directory asset, copied next to the stack's Terraform JSON.
 */
export class BucketContent extends Construct {
  /** Object key -> what it is uploaded with, in key order. */
  public readonly objects: Readonly<Record<string, BucketObject>>;
  public readonly resource: S3Object;

  constructor(scope: Construct, id: string, props: BucketContentProps) {
    super(scope, id);
    const directory = resolve(props.directory);
    if (!existsSync(directory) || !statSync(directory).isDirectory()) {
      throw new Error(`BucketContent ${this.node.path}: directory "${props.directory}" does not exist; build it first (for the web app: npm run build:web) or pass the folder of the built files`);
    }
    const immutablePrefix = props.immutablePrefix ?? "assets/";
    if (!/^[^/].*\/$/.test(immutablePrefix)) {
      throw new Error(`BucketContent ${this.node.path}: immutablePrefix "${immutablePrefix}" must be a key prefix ending in "/" without a leading "/", e.g. "assets/"`);
    }
    const contentTypes: Record<string, string> = { ...WEB_CONTENT_TYPES, ...props.contentTypes };

    const objects: Record<string, BucketObject> = {};
    for (const file of listFiles(directory)) {
      const key = relative(directory, file).split(sep).join("/");
      const extension = extname(file).toLowerCase();
      const contentType = contentTypes[extension];
      if (contentType === undefined) {
        throw new Error(
          `BucketContent ${this.node.path}: file "${key}" in "${props.directory}" has an extension without a known content type ("${extension}"); ` +
            `add it to contentTypes (e.g. { "${extension || ".ext"}": "application/octet-stream" }) or remove the file`,
        );
      }
      objects[key] = {
        content_type: contentType,
        cache_control: key.startsWith(immutablePrefix) ? IMMUTABLE_CACHE_CONTROL : REVALIDATE_CACHE_CONTROL,
        etag: createHash("md5").update(readFileSync(file)).digest("hex"),
      };
    }
    if (Object.keys(objects).length === 0) {
      throw new Error(`BucketContent ${this.node.path}: directory "${props.directory}" holds no files; build it first (for the web app: npm run build:web)`);
    }
    this.objects = objects;

    // A fixed folder name instead of the content hash: with the hash in every `source` path, one
    // changed file would re-upload every object; the ETags alone say which files changed.
    const asset = new TerraformAsset(this, "files", { path: directory, type: AssetType.DIRECTORY, assetHash: "current" });
    const file = TerraformIterator.fromMap(objects);
    this.resource = new S3Object(this, "object", {
      forEach: file,
      bucket: props.bucket.bucket.id,
      key: file.key,
      source: `${asset.path}/${file.key}`,
      contentType: file.getString("content_type"),
      cacheControl: file.getString("cache_control"),
      ...(props.bucket.encryptionKey
        ? { sourceHash: file.getString("etag"), serverSideEncryption: "aws:kms", kmsKeyId: props.bucket.encryptionKey.arn }
        : { etag: file.getString("etag") }),
    });
  }
}

function listFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(directory, entry.name);
      return entry.isDirectory() ? listFiles(path) : [path];
    });
}
