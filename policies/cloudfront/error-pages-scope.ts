import { blocks, fromProblems, isSet, notApplicable, type Rule } from "../core/rule";

/**
 * custom_error_response is distribution-wide (CloudFront Developer Guide, "Generating custom error
 * responses": it applies to every cache behaviour and to the 403s AWS WAF returns). Mapping an error
 * to a success status there turns the API's 404/409 and WAF blocks into `200 index.html`.
 */
export const cloudfrontErrorPagesScope: Rule = {
  id: "cloudfront-error-pages-scope",
  severity: "error",
  industry: "none in checkov",
  description: "A distribution that serves more than its bucket (another behaviour or a web ACL) does not rewrite error statuses into successes with custom_error_response, so API and WAF answers keep their status and body.",
  fix: "Remove the custom_error_response (or keep its status code); answer page paths with a viewer-request CloudFront Function on the default behaviour only (constructs/static-site.ts PAGE_PATH_FUNCTION_CODE).",
  resourceTypes: ["aws_cloudfront_distribution"],
  check(distribution) {
    const c = distribution.config;
    const rewrites = blocks(c.custom_error_response).filter((e) => isSet(e.response_code) && Number(e.response_code) < 400);
    if (rewrites.length === 0) return fromProblems([]);
    const shared = [blocks(c.ordered_cache_behavior).length > 0 ? "other cache behaviours" : "", isSet(c.web_acl_id) ? "a web ACL" : ""].filter(Boolean);
    if (shared.length === 0) return notApplicable("the distribution serves only its default behaviour and has no web ACL");
    return fromProblems(rewrites.map((e) => `custom_error_response turns ${e.error_code} into ${e.response_code} ${e.response_page_path ?? ""} for the whole distribution, including ${shared.join(" and ")}`.replace(/ +/g, " ")));
  },
};
