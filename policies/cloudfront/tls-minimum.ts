import { block, fromProblems, isTrue, type Rule } from "../core/rule";

/** Security policies that refuse TLS below 1.2 and the weak TLS 1.2 ciphers. */
export const CLOUDFRONT_TLS_POLICIES = ["TLSv1.2_2021", "TLSv1.2_2025", "TLSv1.3_2025"];

export const cloudfrontTlsMinimum: Rule = {
  id: "cloudfront-tls-minimum",
  severity: "error",
  industry: "CKV_AWS_174, AwsSolutions-CFR4",
  description: `A distribution serves viewers with its own certificate and viewer_certificate.minimum_protocol_version one of ${CLOUDFRONT_TLS_POLICIES.join(", ")}.`,
  fix: "Give viewer_certificate an acm_certificate_arn (us-east-1) with ssl_support_method \"sni-only\" and minimum_protocol_version \"TLSv1.2_2021\".",
  resourceTypes: ["aws_cloudfront_distribution"],
  check(distribution) {
    const certificate = block(distribution.config.viewer_certificate);
    const problems: string[] = [];
    if (isTrue(certificate.cloudfront_default_certificate)) problems.push("viewer_certificate uses the *.cloudfront.net default certificate, which allows TLSv1");
    else if (!CLOUDFRONT_TLS_POLICIES.includes(certificate.minimum_protocol_version)) {
      problems.push(`viewer_certificate.minimum_protocol_version is "${certificate.minimum_protocol_version ?? "(unset)"}"`);
    }
    return fromProblems(problems);
  },
};
