import { block, fromProblems, isTrue, type Rule } from "../core/rule";

const ONE_YEAR = 31_536_000;

export const cloudfrontSecurityHeaders: Rule = {
  id: "cloudfront-security-headers",
  severity: "error",
  industry: "CKV_AWS_259",
  description: "A response headers policy sends Strict-Transport-Security for at least a year (override on), X-Content-Type-Options and X-Frame-Options.",
  fix: "In security_headers_config set strict_transport_security { access_control_max_age_sec = 31536000 (or more), include_subdomains = true, override = true }, content_type_options { override = true } and frame_options { frame_option = \"DENY\", override = true }.",
  resourceTypes: ["aws_cloudfront_response_headers_policy"],
  check(policy) {
    const headers = block(policy.config.security_headers_config);
    const hsts = block(headers.strict_transport_security);
    const problems: string[] = [];
    if (Object.keys(hsts).length === 0) problems.push("no strict_transport_security");
    else {
      if (!(Number(hsts.access_control_max_age_sec) >= ONE_YEAR)) problems.push(`strict_transport_security.access_control_max_age_sec is ${hsts.access_control_max_age_sec}, less than ${ONE_YEAR}`);
      if (!isTrue(hsts.override)) problems.push("strict_transport_security.override is not true");
    }
    if (headers.content_type_options === undefined) problems.push("no content_type_options");
    if (headers.frame_options === undefined) problems.push("no frame_options");
    return fromProblems(problems);
  },
};
