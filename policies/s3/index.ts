import type { Rule } from "../core/rule";
import { s3KmsEncryption } from "./kms-encryption";
import { s3AccessLogs } from "./access-logs";
import { s3AclsDisabled } from "./acls-disabled";
import { s3Encryption } from "./encryption";
import { s3NoPublicAcl } from "./no-public-acl";
import { s3NoPublicPrincipal } from "./no-public-principal";
import { s3PublicAccessBlock } from "./public-access-block";
import { s3TlsOnly } from "./tls-only";
import { s3Versioning } from "./versioning";

export const S3_RULES: readonly Rule[] = [
  s3PublicAccessBlock, s3Versioning, s3Encryption, s3TlsOnly, s3AccessLogs, s3AclsDisabled, s3NoPublicPrincipal, s3NoPublicAcl, s3KmsEncryption];
