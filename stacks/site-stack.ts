import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { encryptionOf, type EnvironmentConfig } from "../config/schema";
import { CloudFrontWebAcl } from "../constructs/cloudfront-web-acl";
import { KmsKey } from "../constructs/kms-key";
import { ORIGIN_VERIFY_HEADER, ORIGIN_VERIFY_PLACEHOLDER } from "../app/api/front-door";
import { OriginVerifySecret } from "../constructs/origin-verify-secret";
import { StaticSite } from "../constructs/static-site";
import { suppress } from "../policies/suppress";
import type { DnsStack } from "./dns-stack";
import { addSiteAlarms } from "./alarms";
import { EnvironmentStack } from "./environment-stack";

export interface SiteStackProps {
  readonly dns: DnsStack;
  /** The built web app to upload (web/dist, see stacks/web-build.ts). */
  readonly contentDirectory: string;
  /**
   * Domain of the API (its API Gateway custom domain); `/api/*` is routed there.
   * @default - no `/api/*` behaviour
   */
  readonly apiDomainName?: string;
}

/** The web front end at the environment's domain: CloudFront over a private bucket, optional WAF, `/api/*` to the API. */
export class SiteStack extends EnvironmentStack {
  public readonly site: StaticSite;
  public readonly webAcl?: CloudFrontWebAcl;
  /** The proof-of-origin secret and its rotation function (only when the API is routed through the site). */
  public readonly originVerify?: OriginVerifySecret;

  constructor(scope: Construct, config: EnvironmentConfig, props: SiteStackProps) {
    super(scope, "site", config);
    const kms = encryptionOf(config) === "kms";
    const contentKey = kms
      ? new KmsKey(this, "content-key", { alias: this.names.of("site-content"), description: `Web content bucket of ${config.project} ${config.name}`, accountId: config.accountId, region: config.region })
      : undefined;

    if (config.site.waf) {
      // A log group takes a key of its own region only, and WAF for CloudFront logs in us-east-1.
      const wafLogKey = kms
        ? new KmsKey(this, "waf-log-key", { alias: this.names.of("site-waf-logs"), description: `WAF logs of ${config.project} ${config.name}`, accountId: config.accountId, region: "us-east-1", provider: this.usEast1Provider })
        : undefined;
      this.webAcl = new CloudFrontWebAcl(this, "waf", {
        name: this.names.of("site", "wafWebAcl"),
        provider: this.usEast1Provider,
        rateLimit: config.site.wafRateLimit,
        logRetentionDays: config.logRetentionDays,
        encryptionKey: wafLogKey,
      });
    }
    this.site = new StaticSite(this, "site", {
      domainName: config.domain,
      zone: props.dns.zone,
      usEast1Provider: this.usEast1Provider,
      contentDirectory: props.contentDirectory,
      bucketName: this.names.bucket("site"),
      logBucketName: this.names.bucket("site-logs"),
      name: this.names.of("site"),
      priceClass: config.site.priceClass,
      webAclArn: this.webAcl?.arn,
      logRetentionDays: config.logRetentionDays,
      forceDestroy: !config.deletionProtection,
      encryptionKey: contentKey,
      // The booking form states the hold length before a guest reserves (web/src/views/apartment.ts).
      siteConfig: { paymentWindowSeconds: config.workflow.paymentWindowSeconds },
    });
    if (!this.webAcl) {
      // Production refuses WAF off without a written override (config/schema.ts PRODUCTION_GUARDRAILS).
      const override = config.overrides["site.waf"];
      suppress(this.site.distribution, "cloudfront-waf", config.production && override
        ? `site.waf is off in production environment ${config.name} by override: ${override}`
        : `site.waf is off in ${config.name} to save the web ACL's monthly cost on a non-public environment; production turns it on`);
      suppress(this.site.distribution, "cloudfront-waf-managed-rules", `site.waf is off in ${config.name}, so no web ACL carries the known-bad-inputs and anonymous-IP groups; production's web ACL has both`);
    }
    if (props.apiDomainName) {
      // The API answers only requests with this header (app/api/origin-verify.ts). Its value lives in
      // Secrets Manager and rotation writes it into the distribution; Terraform keeps the placeholder,
      // so it must not revert the rotated origins (docs/front-door.md: changing an origin).
      const apiOriginId = this.site.addBehavior("/api/*", {
        originDomainName: props.apiDomainName,
        originCustomHeaders: [{ name: ORIGIN_VERIFY_HEADER, value: ORIGIN_VERIFY_PLACEHOLDER }],
      });
      this.site.distribution.lifecycle = { ...this.site.distribution.lifecycle, ignoreChanges: ["origin"] };
      this.originVerify = new OriginVerifySecret(this, "origin-verify", {
        secretName: this.names.originVerifySecret,
        distribution: this.site.distribution,
        originId: apiOriginId,
        rotationEntry: "app/origin-verify/rotate.ts",
        rotationFunctionName: this.names.of("origin-verify-rotation", "lambda"),
        logRetentionDays: config.logRetentionDays,
        // Without deletion protection the environment may be destroyed and re-created at once, which a
        // name still held by a deleted secret (for at least 7 days) would block.
        recoveryWindowDays: config.deletionProtection ? 7 : 0,
        encryptionKey: kms
          ? new KmsKey(this, "origin-verify-key", { alias: this.names.of("origin-verify"), description: `Origin-verify rotation function of ${config.project} ${config.name}`, accountId: config.accountId, region: config.region })
          : undefined,
      });
    }

    addSiteAlarms(this);

    new TerraformOutput(this, "site_url", { value: this.site.url, description: "Address of the web app" });
    new TerraformOutput(this, "distribution_id", {
      value: this.site.distribution.id,
      description: "CloudFront distribution id (for cache invalidations)",
    });
    new TerraformOutput(this, "distribution_domain_name", {
      value: this.site.distribution.domainName,
      description: "CloudFront domain of the distribution, before DNS",
    });
    new TerraformOutput(this, "content_bucket", {
      value: this.site.bucket.bucket.bucket,
      description: "Private S3 bucket holding the web app's files",
    });
    if (this.webAcl) {
      new TerraformOutput(this, "web_acl_arn", { value: this.webAcl.arn, description: "WAFv2 web ACL in front of the distribution" });
    }
  }
}
