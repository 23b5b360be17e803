import { block, compliant, isTrue, nonCompliant, notApplicable, type Rule } from "../core/rule";

/**
 * An AAAA alias answers IPv6 clients with the target's IPv6 addresses; a target that has none (an API
 * Gateway domain with ip_address_type "ipv4", the default; a load balancer with ip_address_type
 * "ipv4"; a distribution without is_ipv6_enabled) leaves them nothing to connect to, and plan cannot tell.
 */
export const route53AaaaTargetIpv6: Rule = {
  id: "route53-aaaa-target-ipv6",
  severity: "error",
  industry: "none in checkov",
  description: "An AAAA alias record points at a target that serves IPv6: an API Gateway domain with ip_address_type dualstack, a dual-stack load balancer, or a distribution with is_ipv6_enabled.",
  fix: "Make the target dual-stack (domain_name_configuration.ip_address_type = \"dualstack\", ip_address_type = \"dualstack\" on the load balancer, is_ipv6_enabled on the distribution), or drop the AAAA record.",
  resourceTypes: ["aws_route53_record"],
  check(record, stack) {
    if (record.config.type !== "AAAA" || !record.config.alias) return notApplicable("not an AAAA alias");
    const target = block(record.config.alias).name;
    const [domain] = stack.resolve(target, "aws_apigatewayv2_domain_name");
    if (domain) {
      const type = block(domain.config.domain_name_configuration).ip_address_type ?? "ipv4";
      return type === "dualstack" ? compliant : nonCompliant(`alias target ${domain.address} has ip_address_type "${type}" (IPv4 only)`);
    }
    const [lb] = stack.resolve(target, "aws_lb");
    if (lb) {
      const type = lb.config.ip_address_type ?? "ipv4";
      return String(type).startsWith("dualstack") ? compliant : nonCompliant(`alias target ${lb.address} has ip_address_type "${type}" (IPv4 only)`);
    }
    const [cdn] = stack.resolve(target, "aws_cloudfront_distribution");
    if (cdn) return isTrue(cdn.config.is_ipv6_enabled) ? compliant : nonCompliant(`alias target ${cdn.address} does not set is_ipv6_enabled`);
    return notApplicable("the alias target is not a resource of this stack this rule knows");
  },
};
