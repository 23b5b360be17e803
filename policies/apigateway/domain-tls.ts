import { block, compliant, nonCompliant, type Rule } from "../core/rule";

const TLS_1_2_OR_NEWER = /^(TLS_1_2|SecurityPolicy_TLS13_)/;

export const apigatewayDomainTls: Rule = {
  id: "apigateway-domain-tls",
  severity: "error",
  industry: "CKV_AWS_206",
  description: "An API Gateway custom domain name negotiates TLS 1.2 or newer (security_policy \"TLS_1_2\" or a SecurityPolicy_TLS13_* policy).",
  fix: "Set security_policy = \"TLS_1_2\" (v2: in domain_name_configuration).",
  resourceTypes: ["aws_apigatewayv2_domain_name", "aws_api_gateway_domain_name"],
  check(domain) {
    const policy = domain.type === "aws_apigatewayv2_domain_name" ? block(domain.config.domain_name_configuration).security_policy : domain.config.security_policy;
    return typeof policy === "string" && TLS_1_2_OR_NEWER.test(policy) ? compliant : nonCompliant(`security_policy is "${policy ?? "(unset)"}"`);
  },
};
