import { fromProblems, isSet, type Rule } from "../core/rule";
import { cacheBehaviours } from "./distribution";

export const cloudfrontResponseHeadersPolicy: Rule = {
  id: "cloudfront-response-headers-policy",
  severity: "error",
  industry: "CKV2_AWS_32",
  description: "Every cache behaviour of a distribution attaches a response headers policy (security headers: HSTS, nosniff, frame options, …).",
  fix: "Create an aws_cloudfront_response_headers_policy with security_headers_config and set response_headers_policy_id on the default and every ordered cache behaviour.",
  resourceTypes: ["aws_cloudfront_distribution"],
  check(distribution) {
    return fromProblems(
      cacheBehaviours(distribution)
        .filter((b) => !isSet(b.config.response_headers_policy_id))
        .map((b) => `${b.name} has no response_headers_policy_id`),
    );
  },
};
