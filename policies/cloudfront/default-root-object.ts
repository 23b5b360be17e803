import { compliant, isSet, nonCompliant, type Rule } from "../core/rule";

export const cloudfrontDefaultRootObject: Rule = {
  id: "cloudfront-default-root-object",
  severity: "warning",
  industry: "CKV_AWS_305",
  description: "A distribution names a default_root_object, so a request for \"/\" never lists or exposes the origin's root.",
  fix: "Set default_root_object = \"index.html\".",
  resourceTypes: ["aws_cloudfront_distribution"],
  check(distribution) {
    return isSet(distribution.config.default_root_object) ? compliant : nonCompliant("no default_root_object");
  },
};
