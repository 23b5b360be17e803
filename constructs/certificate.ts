import { AcmCertificate } from "@cdktf/provider-aws/lib/acm-certificate";
import { AcmCertificateValidation } from "@cdktf/provider-aws/lib/acm-certificate-validation";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import type { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { TerraformIterator, Token } from "cdktf";
import { Construct } from "constructs";
import { isDomainName } from "../lib/validation";

export interface CertificateProps {
  /** The certificate's main name, inside `zone`. */
  readonly domainName: string;
  /**
   * More names on the same certificate.
   * @default - none
   */
  readonly subjectAlternativeNames?: string[];
  /** Hosted zone that receives the DNS validation records. */
  readonly zone: Route53Zone;
  /**
   * Provider (region) the certificate is issued in; CloudFront needs us-east-1.
   * @default - the stack's default provider (the environment's region)
   */
  readonly provider?: AwsProvider;
}

/**
 * An ACM certificate validated through DNS records in the zone, with certificate transparency
 * logging on and create-before-destroy (a renamed certificate never leaves a listener without one).
 * Use {@link arn}: it resolves only once the certificate is issued.
 */
export class Certificate extends Construct {
  public readonly certificate: AcmCertificate;
  public readonly validation: AcmCertificateValidation;

  constructor(scope: Construct, id: string, props: CertificateProps) {
    super(scope, id);
    for (const name of [props.domainName, ...(props.subjectAlternativeNames ?? [])]) {
      if (!Token.isUnresolved(name) && !isDomainName(name, { wildcard: true })) {
        throw new Error(`Certificate ${this.node.path}: domain name "${name}" must be a lower-case fully qualified domain name, e.g. "api.example.com"`);
      }
    }
    this.certificate = new AcmCertificate(this, "certificate", {
      provider: props.provider,
      domainName: props.domainName,
      subjectAlternativeNames: props.subjectAlternativeNames,
      validationMethod: "DNS",
      options: { certificateTransparencyLoggingPreference: "ENABLED" },
      lifecycle: { createBeforeDestroy: true },
    });
    // One record per domain name; names that share a validation record (a.com and *.a.com) write
    // the same record, which allow_overwrite permits.
    const options = TerraformIterator.fromComplexList(this.certificate.domainValidationOptions, "domain_name");
    const records = new Route53Record(this, "validation-record", {
      forEach: options,
      zoneId: props.zone.zoneId,
      name: options.getString("resource_record_name"),
      type: options.getString("resource_record_type"),
      records: [options.getString("resource_record_value")],
      ttl: 60,
      allowOverwrite: true,
    });
    this.validation = new AcmCertificateValidation(this, "validation", {
      provider: props.provider,
      certificateArn: this.certificate.arn,
      validationRecordFqdns: Token.asList(`\${[for record in ${records.fqn} : record.fqdn]}`),
    });
  }

  /** ARN of the issued certificate (waits for validation). */
  public get arn(): string {
    return this.validation.certificateArn;
  }
}
