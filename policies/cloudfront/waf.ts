import { compliant, isSet, nonCompliant, type Rule } from "../core/rule";

export const cloudfrontWaf: Rule = {
  id: "cloudfront-waf",
  severity: "warning",
  industry: "CKV_AWS_68, AwsSolutions-CFR2",
  description: "A distribution is protected by a WAFv2 web ACL (web_acl_id). A warning: the WAF is a per-environment cost decision (config site.waf).",
  fix: "Turn on site.waf in the environment's config (the site stack then sets web_acl_id), or suppress in environments that deliberately run without WAF.",
  resourceTypes: ["aws_cloudfront_distribution"],
  check(distribution) {
    return isSet(distribution.config.web_acl_id) ? compliant : nonCompliant("no web_acl_id: requests reach the origin without WAF rules or rate limiting");
  },
};
