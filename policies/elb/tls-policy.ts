import { compliant, nonCompliant, notApplicable, type Rule } from "../core/rule";

/** ELB security policies that accept TLS 1.2 and newer only (AWS recommends TLS13-1-2-2021-06). */
export const ELB_TLS_POLICIES = [
  "ELBSecurityPolicy-TLS13-1-2-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
  "ELBSecurityPolicy-TLS13-1-3-2021-06",
  "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
  "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
  "ELBSecurityPolicy-FS-1-2-Res-2020-10",
];

export const elbTlsPolicy: Rule = {
  id: "elb-tls-policy",
  severity: "error",
  industry: "CKV_AWS_103",
  description: `An HTTPS or TLS listener uses one of the allowed security policies (TLS 1.2 or newer only): ${ELB_TLS_POLICIES.join(", ")}.`,
  fix: "Set ssl_policy = \"ELBSecurityPolicy-TLS13-1-2-2021-06\" (unset means ELBSecurityPolicy-2016-08, which accepts TLS 1.0).",
  resourceTypes: ["aws_lb_listener", "aws_alb_listener"],
  check(listener) {
    const protocol = listener.config.protocol ?? "HTTP";
    if (protocol !== "HTTPS" && protocol !== "TLS") return notApplicable(`a ${protocol} listener negotiates no TLS`);
    const policy = listener.config.ssl_policy;
    return ELB_TLS_POLICIES.includes(policy) ? compliant : nonCompliant(`ssl_policy is "${policy ?? "(unset: ELBSecurityPolicy-2016-08)"}"`);
  },
};
