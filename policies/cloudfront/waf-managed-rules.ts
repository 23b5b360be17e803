import { blocks, nonCompliant, compliant, isSet, type Json, type Rule } from "../core/rule";

/** The AWS managed rule groups CKV2_AWS_47 (Log4j and other known bad inputs) and this project require. */
export const REQUIRED_MANAGED_RULE_GROUPS = ["AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAnonymousIpList"] as const;

/** Names of the AWS managed rule groups a web ACL evaluates (statement blocks as cdktf writes them). */
function managedGroups(acl: Json): string[] {
  return blocks(acl.rule).flatMap((r) => blocks(r.statement)).flatMap((s) => blocks(s.managed_rule_group_statement)).filter((m) => m.vendor_name === "AWS").map((m) => String(m.name));
}

export const cloudfrontWafManagedRules: Rule = {
  id: "cloudfront-waf-managed-rules",
  severity: "error",
  industry: "CKV2_AWS_47",
  description: `A distribution's WAFv2 web ACL (in this stack) evaluates the AWS managed rule groups ${REQUIRED_MANAGED_RULE_GROUPS.join(" and ")} (Log4j-style exploit inputs; anonymizing proxies). Excused by suppression where config site.waf is off.`,
  fix: "Turn on site.waf (CloudFrontWebAcl carries both groups), or add the missing managed_rule_group_statement rules to the web ACL; suppress with the reason where an environment runs without WAF.",
  resourceTypes: ["aws_cloudfront_distribution"],
  check(distribution, stack) {
    const ref = distribution.config.web_acl_id;
    if (!isSet(ref)) return nonCompliant("no web_acl_id: no managed rule group inspects requests");
    const acls = stack.resolve(ref, "aws_wafv2_web_acl");
    if (acls.length === 0) return nonCompliant(`web_acl_id ${ref} names no aws_wafv2_web_acl of this stack, so its rule groups cannot be checked; create the web ACL in the distribution's stack`);
    const groups = managedGroups(acls[0].config);
    const missing = REQUIRED_MANAGED_RULE_GROUPS.filter((g) => !groups.includes(g));
    return missing.length === 0 ? compliant : nonCompliant(`${acls[0].address} lacks the managed rule group${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`);
  },
};
