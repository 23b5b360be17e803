import { existsSync } from "node:fs";
import { join } from "node:path";
import { CloudfrontFunction } from "@cdktf/provider-aws/lib/cloudfront-function";
import { CloudfrontDistribution, type CloudfrontDistributionOrderedCacheBehavior, type CloudfrontDistributionOrigin } from "@cdktf/provider-aws/lib/cloudfront-distribution";
import { CloudfrontOriginAccessControl } from "@cdktf/provider-aws/lib/cloudfront-origin-access-control";
import { CloudfrontResponseHeadersPolicy } from "@cdktf/provider-aws/lib/cloudfront-response-headers-policy";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { S3Object } from "@cdktf/provider-aws/lib/s3-object";
import type { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { siteSecurityHeaders } from "../lib/security-headers";
import { isDomainName } from "../lib/validation";
import { BucketContent } from "./bucket-content";
import { Certificate } from "./certificate";
import { suppress } from "../lib/suppress";
import type { KmsKey } from "./kms-key";
import { SecureBucket } from "./secure-bucket";

/** IDs of CloudFront's managed cache policies (the same in every account). */
export const ManagedCachePolicy = {
  CACHING_OPTIMIZED: "658327ea-f89d-4fab-a63d-7e88639e58f6",
  CACHING_DISABLED: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
} as const;

/** IDs of CloudFront's managed origin request policies (the same in every account). */
export const ManagedOriginRequestPolicy = {
  ALL_VIEWER_EXCEPT_HOST_HEADER: "b689b0a8-53d0-40ab-baf2-68738e2966ac",
} as const;

/**
 * Viewer-request function of the default (bucket) behaviour only. The web app routes by hash
 * (web/src/router.ts: `#/reservations/<id>`), so the server needs no per-route fallback: a path
 * without a file extension (a page path typed or linked by hand, e.g. `/reservations`) is answered
 * with the app's index.html, whose router shows its own not-found view; files are served as they are.
 * It replaces the distribution-wide custom_error_response that turned every 403/404, the API's and
 * WAF's included, into `200 index.html`: other behaviours (`/api/*`) and WAF answers pass unchanged.
 * cloudfront-js-2.0 (ES 5.1 plus some ES6), run by tests as plain JavaScript.
 */
export const PAGE_PATH_FUNCTION_CODE = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf("/") + 1);
  if (request.uri !== "/" && last.indexOf(".") === -1) {
    request.uri = "/index.html";
  }
  return request;
}
`;


const CONTENT_ORIGIN_ID = "content-bucket";
/** Object key of the run-time settings (StaticSiteProps.siteConfig); web/src/api.ts reads it. */
export const SITE_CONFIG_KEY = "site-config.json";

export interface StaticSiteProps {
  /** Domain the site is served at, inside `zone` (it gets A and AAAA alias records there). */
  readonly domainName: string;
  /** Hosted zone of `domainName`: alias records and certificate validation records. */
  readonly zone: Route53Zone;
  /** A provider in us-east-1 (`stack.usEast1Provider`): CloudFront takes certificates only from there. */
  readonly usEast1Provider: AwsProvider;
  /** Directory of the built web app (web/dist); must contain index.html. */
  readonly contentDirectory: string;
  /** Name of the private bucket holding the web app (`Names.bucket`). */
  readonly bucketName: string;
  /** Name of the bucket receiving CloudFront standard logs and the content bucket's access logs. */
  readonly logBucketName: string;
  /** Name of the origin access control and the response headers policy (`Names.of`). */
  readonly name: string;
  /**
   * Edge locations that serve the site.
   * @default "PriceClass_100" - North America and Europe
   */
  readonly priceClass?: "PriceClass_All" | "PriceClass_200" | "PriceClass_100";
  /**
   * ARN of a WAFv2 web ACL (scope CLOUDFRONT) in front of the distribution.
   * @default - no web ACL
   */
  readonly webAclArn?: string;
  /**
   * Content-Security-Policy header of every response.
   * @default - DEFAULT_CONTENT_SECURITY_POLICY (lib/security-headers.ts): same-origin only
   */
  readonly contentSecurityPolicy?: string;
  /**
   * Settings the web app reads at run time, uploaded as `/site-config.json` (JSON, revalidated on
   * every load like index.html): one build of web/ serves every environment, so what differs per
   * environment (e.g. the payment window the booking form states) travels here.
   * @default - no site-config.json (the web app words its texts without those settings)
   */
  readonly siteConfig?: Readonly<Record<string, string | number | boolean>>;
  /**
   * Days log files are kept in the log bucket.
   * @default 90
   */
  readonly logRetentionDays?: number;
  /**
   * Customer-managed key of the content bucket; the key policy lets this distribution's origin
   * access control decrypt with it. The log bucket keeps SSE-S3 (AWS log delivery writes it; see the
   * suppression's reason).
   * @default - SSE-S3
   */
  readonly encryptionKey?: KmsKey;
  /**
   * Empty the buckets (every object version) when the site is destroyed.
   * @default false - destroying the site fails while a bucket still holds object versions
   */
  readonly forceDestroy?: boolean;
}

/** Where a path pattern other than the web app's goes (see {@link StaticSite.addBehavior}). */
export interface HttpsBehaviorOptions {
  /** Domain of the origin, reached over HTTPS only with TLS 1.2 (an API Gateway custom domain, a load balancer, …). */
  readonly originDomainName: string;
  /**
   * Cache policy of the behaviour.
   * @default ManagedCachePolicy.CACHING_DISABLED - every request reaches the origin
   */
  readonly cachePolicyId?: string;
  /**
   * Origin request policy of the behaviour.
   * @default ManagedOriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER - every viewer header, cookie and query string but Host, so the origin sees its own name
   */
  readonly originRequestPolicyId?: string;
  /**
   * Headers CloudFront adds to every request it sends to this origin (e.g. a proof-of-origin header).
   * @default - none
   */
  readonly originCustomHeaders?: ReadonlyArray<{ readonly name: string; readonly value: string }>;
}

/**
 * A single-page web app on a private S3 bucket behind CloudFront. The bucket is never public: only
 * this distribution reads it, through origin access control (SigV4), as its bucket policy says.
 * Viewers are redirected to HTTPS (TLS 1.2+, HTTP/2 and HTTP/3, compression) and every response
 * carries security headers (HSTS with preload, CSP, frame options, nosniff, referrer policy).
 * Page paths without a file extension answer index.html (a viewer-request function on the default
 * behaviour only, see PAGE_PATH_FUNCTION_CODE); errors of other behaviours and of WAF pass unchanged.
 * CloudFront standard logs and the bucket's access logs go to a log bucket. The certificate is issued
 * in us-east-1 and validated in `zone`; A and AAAA alias records point `domainName` at the site.
 * More origins are routed with {@link addBehavior} (e.g. `/api/*` to the API).
 */
export class StaticSite extends Construct {
  public readonly bucket: SecureBucket;
  public readonly logBucket: SecureBucket;
  public readonly content: BucketContent;
  public readonly certificate: Certificate;
  public readonly responseHeadersPolicy: CloudfrontResponseHeadersPolicy;
  public readonly distribution: CloudfrontDistribution;
  public readonly pagePathFunction: CloudfrontFunction;
  /** `https://<domainName>` */
  public readonly url: string;
  private readonly origins: CloudfrontDistributionOrigin[];
  private readonly behaviors: CloudfrontDistributionOrderedCacheBehavior[] = [];

  constructor(scope: Construct, id: string, props: StaticSiteProps) {
    super(scope, id);
    const { domainName, usEast1Provider } = props;
    if (!Token.isUnresolved(domainName) && !isDomainName(domainName)) {
      throw new Error(`StaticSite ${this.node.path}: domainName "${domainName}" must be a lower-case fully qualified domain name without a trailing dot, e.g. "dev.example.com"`);
    }
    if (!Token.isUnresolved(usEast1Provider.region) && usEast1Provider.region !== "us-east-1") {
      throw new Error(`StaticSite ${this.node.path}: usEast1Provider has region "${usEast1Provider.region}", but CloudFront accepts certificates only from us-east-1; pass stack.usEast1Provider`);
    }
    if (!existsSync(join(props.contentDirectory, "index.html"))) {
      throw new Error(`StaticSite ${this.node.path}: contentDirectory "${props.contentDirectory}" has no index.html, which the site serves for "/" and every unknown path; build the web app (npm run build:web) or pass the folder that holds index.html`);
    }

    this.logBucket = new SecureBucket(this, "log-bucket", {
      bucketName: props.logBucketName,
      allowAclLogDelivery: true,
      expirationDays: props.logRetentionDays ?? 90,
      forceDestroy: props.forceDestroy,
    });
    suppress(this.logBucket, "s3-access-logs", "this bucket is the access-log destination (CloudFront standard logs and the content bucket's S3 access logs); logging it into itself would loop");
    suppress(this.logBucket, "s3-kms-encryption", "AWS log delivery writes this bucket: CloudFront standard logs (legacy, with the awslogsdelivery ACL) and S3 server access logs, whose guides document SSE-S3 destinations (https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html); an SSE-KMS destination would need key grants to the delivery services that cannot be proven without an account. The logs hold request metadata; the content bucket uses the key");
    this.bucket = new SecureBucket(this, "bucket", {
      bucketName: props.bucketName,
      accessLogs: { bucket: this.logBucket, prefix: "s3-access/" },
      // Old versions are only needed to roll back a bad deploy.
      noncurrentVersionExpirationDays: 30,
      forceDestroy: props.forceDestroy,
      encryptionKey: props.encryptionKey,
    });
    this.content = new BucketContent(this, "content", { bucket: this.bucket, directory: props.contentDirectory });
    if (props.siteConfig) {
      if (existsSync(join(props.contentDirectory, SITE_CONFIG_KEY))) {
        throw new Error(`StaticSite ${this.node.path}: contentDirectory "${props.contentDirectory}" already has a ${SITE_CONFIG_KEY}, which the siteConfig prop writes; remove the file from the web app (web/public) or drop siteConfig`);
      }
      const key = props.encryptionKey;
      new S3Object(this, "site-config", {
        bucket: this.bucket.bucket.id,
        key: SITE_CONFIG_KEY,
        content: JSON.stringify(props.siteConfig),
        contentType: "application/json",
        cacheControl: "no-cache",
        ...(key ? { serverSideEncryption: "aws:kms", kmsKeyId: key.arn } : {}),
      });
    }

    this.certificate = new Certificate(this, "certificate", { domainName, zone: props.zone, provider: usEast1Provider });

    const originAccessControl = new CloudfrontOriginAccessControl(this, "origin-access-control", {
      name: props.name,
      description: `CloudFront reads ${props.bucketName} with SigV4`,
      originAccessControlOriginType: "s3",
      signingBehavior: "always",
      signingProtocol: "sigv4",
    });
    // lib/security-headers.ts is the one definition; `npm run dev -- --preview` sends the same.
    const headers = siteSecurityHeaders(props.contentSecurityPolicy);
    const hsts = headers.strictTransportSecurity;
    this.responseHeadersPolicy = new CloudfrontResponseHeadersPolicy(this, "security-headers", {
      name: props.name,
      comment: `Security headers of ${domainName}`,
      securityHeadersConfig: {
        strictTransportSecurity: { accessControlMaxAgeSec: hsts.maxAgeSeconds, includeSubdomains: hsts.includeSubdomains, preload: hsts.preload, override: true },
        contentSecurityPolicy: { contentSecurityPolicy: headers.contentSecurityPolicy, override: true },
        frameOptions: { frameOption: headers.frameOptions, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: { referrerPolicy: headers.referrerPolicy, override: true },
      },
      // Headers without a security_headers_config field go in custom_headers_config of the same
      // policy (CloudFront Developer Guide, "Understand response headers policies": custom headers).
      customHeadersConfig: {
        items: [{ header: "Cross-Origin-Opener-Policy", value: headers.crossOriginOpenerPolicy, override: true }],
      },
    });

    this.pagePathFunction = new CloudfrontFunction(this, "page-paths", {
      name: `${props.name}-page-paths`,
      runtime: "cloudfront-js-2.0",
      comment: `${domainName}: extension-less page paths answer the app's index.html`,
      code: PAGE_PATH_FUNCTION_CODE,
      publish: true,
    });

    this.origins = [{ originId: CONTENT_ORIGIN_ID, domainName: this.bucket.bucket.bucketRegionalDomainName, originAccessControlId: originAccessControl.id }];
    this.distribution = new CloudfrontDistribution(this, "distribution", {
      enabled: true,
      comment: domainName,
      aliases: [domainName],
      defaultRootObject: "index.html",
      httpVersion: "http2and3",
      isIpv6Enabled: true,
      priceClass: props.priceClass ?? "PriceClass_100",
      webAclId: props.webAclArn,
      origin: this.origins,
      defaultCacheBehavior: {
        targetOriginId: CONTENT_ORIGIN_ID,
        viewerProtocolPolicy: "redirect-to-https",
        allowedMethods: ["GET", "HEAD"],
        cachedMethods: ["GET", "HEAD"],
        compress: true,
        // Honours the objects' Cache-Control: a year for hashed assets, revalidation for index.html.
        cachePolicyId: ManagedCachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicyId: this.responseHeadersPolicy.id,
        functionAssociation: [{ eventType: "viewer-request", functionArn: this.pagePathFunction.arn }],
      },
      // No custom_error_response: it is distribution-wide and would rewrite the API's 404/409 and
      // WAF's 403 too. A missing file (not a page path) is the bucket's 403.
      loggingConfig: { bucket: this.logBucket.bucket.bucketDomainName, prefix: "cloudfront/", includeCookies: false },
      restrictions: { geoRestriction: { restrictionType: "none" } },
      viewerCertificate: { acmCertificateArn: this.certificate.arn, sslSupportMethod: "sni-only", minimumProtocolVersion: "TLSv1.2_2021" },
      // Standard logging needs the log bucket's ACLs enabled (BucketOwnerPreferred) before it is turned on.
      dependsOn: [this.logBucket.ownershipControls],
    });

    this.bucket.addToResourcePolicy({
      Sid: "AllowCloudFrontOriginAccessControlRead",
      Effect: "Allow",
      Principal: { Service: "cloudfront.amazonaws.com" },
      Action: "s3:GetObject",
      Resource: `${this.bucket.arn}/*`,
      Condition: { StringEquals: { "AWS:SourceArn": this.distribution.arn } },
    });
    // SSE-KMS objects: the origin access control needs the key too, for this distribution only.
    // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html#create-oac-overview-s3
    props.encryptionKey?.allowServicePrincipal("CloudFrontOriginAccessControl", "cloudfront.amazonaws.com", ["kms:Decrypt"], {
      StringEquals: { "AWS:SourceArn": this.distribution.arn },
    });

    for (const type of ["A", "AAAA"]) {
      new Route53Record(this, `alias-${type.toLowerCase()}`, {
        zoneId: props.zone.zoneId,
        name: domainName,
        type,
        alias: { name: this.distribution.domainName, zoneId: this.distribution.hostedZoneId, evaluateTargetHealth: false },
      });
    }
    this.url = `https://${domainName}`;
  }

  /**
   * Sends requests matching `pathPattern` (e.g. "/api/*") to an HTTPS origin instead of the bucket:
   * every method, redirect to HTTPS, the same security headers, and by default no caching with every
   * viewer header but Host forwarded. Behaviours are matched in the order they are added.
   */
  public addBehavior(pathPattern: string, options: HttpsBehaviorOptions): string {
    const { originDomainName } = options;
    if (!/^[A-Za-z0-9_\-.*$/~"'@:+&]{1,255}$/.test(pathPattern) || pathPattern === "*") {
      throw new Error(`StaticSite ${this.node.path}: pathPattern "${pathPattern}" must be a CloudFront path pattern other than the default "*", e.g. "/api/*"`);
    }
    if (this.behaviors.some((b) => b.pathPattern === pathPattern)) {
      throw new Error(`StaticSite ${this.node.path}: pathPattern "${pathPattern}" already has a behaviour; add each path pattern once`);
    }
    if (!Token.isUnresolved(originDomainName) && !isDomainName(originDomainName)) {
      throw new Error(`StaticSite ${this.node.path}: originDomainName "${originDomainName}" of "${pathPattern}" must be a lower-case fully qualified domain name, e.g. "api.dev.example.com"`);
    }
    const originId = `https-${originDomainName}`;
    if (!this.origins.some((o) => o.originId === originId)) {
      this.origins.push({
        originId,
        domainName: originDomainName,
        customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: "https-only", originSslProtocols: ["TLSv1.2"] },
        customHeader: options.originCustomHeaders?.map((h) => ({ name: h.name, value: h.value })),
      });
      this.distribution.putOrigin(this.origins);
    }
    this.behaviors.push({
      pathPattern,
      targetOriginId: originId,
      viewerProtocolPolicy: "redirect-to-https",
      allowedMethods: ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"],
      cachedMethods: ["GET", "HEAD"],
      compress: true,
      cachePolicyId: options.cachePolicyId ?? ManagedCachePolicy.CACHING_DISABLED,
      originRequestPolicyId: options.originRequestPolicyId ?? ManagedOriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      responseHeadersPolicyId: this.responseHeadersPolicy.id,
    });
    this.distribution.putOrderedCacheBehavior(this.behaviors);
    return originId;
  }
}
