import { block, compliant, nonCompliant, type Rule } from "../core/rule";

export const acmTransparencyLogging: Rule = {
  id: "acm-transparency-logging",
  severity: "error",
  industry: "CKV_AWS_234",
  description: "A certificate is published to certificate transparency logs (options.certificate_transparency_logging_preference not \"DISABLED\"), so browsers trust it and mis-issuance is visible.",
  fix: "Create certificates with the Certificate construct, or set options { certificate_transparency_logging_preference = \"ENABLED\" }.",
  resourceTypes: ["aws_acm_certificate"],
  check(certificate) {
    const preference = block(certificate.config.options).certificate_transparency_logging_preference;
    return preference === "DISABLED" ? nonCompliant("certificate_transparency_logging_preference is \"DISABLED\"") : compliant;
  },
};
