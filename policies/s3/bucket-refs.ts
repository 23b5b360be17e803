import type { Resource } from "../core/rule";
import type { StackContext } from "../core/stack-context";

/** The attributes of aws_s3_bucket that bucket sub-resources point at (`bucket = aws_s3_bucket.x.id`). */
export const BUCKET_ATTRIBUTES = ["id", "bucket"] as const;

/** The resources of a per-bucket configuration type (versioning, logging, …) that configure `bucket`. */
export function bucketConfigs(stack: StackContext, type: string, bucket: Resource): Resource[] {
  return stack.referencing(type, "bucket", bucket, BUCKET_ATTRIBUTES);
}
