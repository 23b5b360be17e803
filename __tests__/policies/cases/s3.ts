import { change, fail, pass, policy, type RuleCase, skip, without } from "./case";

const B = "${aws_s3_bucket.site.id}";
const ARN = "${aws_s3_bucket.site.arn}";
const denyInsecure = { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*", Resource: [ARN, `${ARN}/*`], Condition: { Bool: { "aws:SecureTransport": "false" } } };

/** What SecureBucket synthesizes, for a bucket called `site`. */
const secure = {
  "aws_s3_bucket.site": { bucket: "booking-dev-site-111111111111", force_destroy: false },
  "aws_s3_bucket_public_access_block.site": { bucket: B, block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true },
  "aws_s3_bucket_versioning.site": { bucket: B, versioning_configuration: { status: "Enabled" } },
  "aws_s3_bucket_server_side_encryption_configuration.site": { bucket: B, rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: "AES256" }, bucket_key_enabled: true }] },
  "aws_s3_bucket_logging.site": { bucket: B, target_bucket: "${aws_s3_bucket.logs.id}", target_prefix: "site/" },
  "aws_s3_bucket_ownership_controls.site": { bucket: B, rule: { object_ownership: "BucketOwnerEnforced" } },
  "aws_s3_bucket_policy.site": { bucket: B, policy: policy(denyInsecure) },
};
const bucket = "aws_s3_bucket.site";
const bucketPolicy = "aws_s3_bucket_policy.site";

export const S3_CASES: RuleCase[] = [
  pass("s3-public-access-block", "a block with all four flags, by reference", bucket, secure),
  pass("s3-public-access-block", "a block naming the bucket by its literal name", bucket, change(secure, "aws_s3_bucket_public_access_block.site", { bucket: "booking-dev-site-111111111111" })),
  fail("s3-public-access-block", "an override that turns block_public_policy off", bucket, "block_public_policy", change(secure, "aws_s3_bucket_public_access_block.site", { block_public_policy: false })),
  fail("s3-public-access-block", "a block for another bucket whose name starts the same", bucket, "no aws_s3_bucket_public_access_block", change(secure, "aws_s3_bucket_public_access_block.site", { bucket: "${aws_s3_bucket.site2.id}" })),

  pass("s3-versioning", "versioning Enabled", bucket, secure),
  fail("s3-versioning", "versioning Suspended", bucket, '"Suspended"', change(secure, "aws_s3_bucket_versioning.site", { versioning_configuration: { status: "Suspended" } })),
  fail("s3-versioning", "no versioning resource", bucket, "no aws_s3_bucket_versioning", without(secure, "aws_s3_bucket_versioning.site")),

  pass("s3-encryption", "SSE-S3 by default", bucket, secure),
  fail("s3-encryption", "no encryption configuration", bucket, "no aws_s3_bucket_server_side_encryption_configuration", without(secure, "aws_s3_bucket_server_side_encryption_configuration.site")),

  pass("s3-tls-only", "a policy that denies aws:SecureTransport false", bucket, secure),
  fail("s3-tls-only", "a policy without the TLS deny", bucket, "aws:SecureTransport", change(secure, bucketPolicy, { policy: policy({ Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: `${ARN}/*` }) })),
  fail("s3-tls-only", "no bucket policy", bucket, "no aws_s3_bucket_policy", without(secure, bucketPolicy)),

  pass("s3-access-logs", "server access logging to the log bucket", bucket, secure),
  fail("s3-access-logs", "no logging resource", bucket, "no aws_s3_bucket_logging", without(secure, "aws_s3_bucket_logging.site")),

  pass("s3-acls-disabled", "BucketOwnerEnforced", bucket, secure),
  fail("s3-acls-disabled", "BucketOwnerPreferred", bucket, '"BucketOwnerPreferred"', change(secure, "aws_s3_bucket_ownership_controls.site", { rule: { object_ownership: "BucketOwnerPreferred" } })),
  fail("s3-acls-disabled", "no ownership controls", bucket, "ACLs are enabled", without(secure, "aws_s3_bucket_ownership_controls.site")),

  pass("s3-no-public-principal", "Deny to * and Allow to a service pinned by aws:SourceArn", bucketPolicy, change(secure, bucketPolicy, {
    policy: policy(denyInsecure, { Sid: "AllowCloudFront", Effect: "Allow", Principal: { Service: "cloudfront.amazonaws.com" }, Action: "s3:GetObject", Resource: `${ARN}/*`, Condition: { StringEquals: { "AWS:SourceArn": "${aws_cloudfront_distribution.site.arn}" } } }),
  })),
  pass("s3-no-public-principal", "Principal * pinned to the organization", bucketPolicy, change(secure, bucketPolicy, {
    policy: policy({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${ARN}/*`, Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abc123" } } }),
  })),
  fail("s3-no-public-principal", "Allow s3:GetObject to Principal *", bucketPolicy, 'statement PublicRead allows s3:GetObject to Principal "*"', change(secure, bucketPolicy, {
    policy: policy(denyInsecure, { Sid: "PublicRead", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: `${ARN}/*` }),
  })),
  fail("s3-no-public-principal", 'Allow to {"AWS": ["*"]}', bucketPolicy, 'Principal "*"', change(secure, bucketPolicy, {
    policy: policy({ Effect: "Allow", Principal: { AWS: ["*"] }, Action: ["s3:PutObject"], Resource: `${ARN}/*` }),
  })),
  skip("s3-no-public-principal", "a bucket without an inline policy", bucket, secure),

  pass("s3-no-public-acl", "a private ACL", "aws_s3_bucket_acl.site", { ...secure, "aws_s3_bucket_acl.site": { bucket: B, acl: "private" } }),
  fail("s3-no-public-acl", "public-read", "aws_s3_bucket_acl.site", '"public-read"', { ...secure, "aws_s3_bucket_acl.site": { bucket: B, acl: "public-read" } }),
  fail("s3-no-public-acl", "a grant to AllUsers", "aws_s3_bucket_acl.site", "AllUsers", {
    ...secure,
    "aws_s3_bucket_acl.site": { bucket: B, access_control_policy: { grant: [{ permission: "READ", grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" } }], owner: { id: "x" } } },
  }),
  skip("s3-no-public-acl", "a bucket that declares no ACL", bucket, secure),
];
