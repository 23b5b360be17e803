import type { Rule } from "../core/rule";
import { cloudfrontWafManagedRules } from "./waf-managed-rules";
import { cloudfrontDefaultRootObject } from "./default-root-object";
import { cloudfrontErrorPagesScope } from "./error-pages-scope";
import { cloudfrontLoggingAclReady } from "./logging-acl-ready";
import { cloudfrontLogging } from "./logging";
import { cloudfrontOriginHttps } from "./origin-https";
import { cloudfrontResponseHeadersPolicy } from "./response-headers-policy";
import { cloudfrontS3OriginAccessControl } from "./s3-origin-access-control";
import { cloudfrontSecurityHeaders } from "./security-headers";
import { cloudfrontTlsMinimum } from "./tls-minimum";
import { cloudfrontViewerHttps } from "./viewer-https";
import { cloudfrontWaf } from "./waf";

export const CLOUDFRONT_RULES: readonly Rule[] = [
  cloudfrontViewerHttps, cloudfrontTlsMinimum, cloudfrontS3OriginAccessControl, cloudfrontOriginHttps,
  cloudfrontResponseHeadersPolicy, cloudfrontSecurityHeaders, cloudfrontLogging, cloudfrontWaf, cloudfrontDefaultRootObject,
  cloudfrontErrorPagesScope, cloudfrontLoggingAclReady, cloudfrontWafManagedRules,
];
