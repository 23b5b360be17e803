import { block, compliant, isTrue, nonCompliant, type Rule } from "../core/rule";

export const acmCreateBeforeDestroy: Rule = {
  id: "acm-create-before-destroy",
  severity: "error",
  industry: "CKV_AWS_233",
  description: "A certificate is replaced create-before-destroy, so a listener or distribution is never left without one.",
  fix: "Create certificates with the Certificate construct, or set lifecycle { create_before_destroy = true }.",
  resourceTypes: ["aws_acm_certificate"],
  check(certificate) {
    return isTrue(block(certificate.config.lifecycle).create_before_destroy) ? compliant : nonCompliant("lifecycle.create_before_destroy is not true");
  },
};
