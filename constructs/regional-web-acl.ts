import { Wafv2WebAcl } from "@cdktf/provider-aws/lib/wafv2-web-acl";
import { Wafv2WebAclAssociation } from "@cdktf/provider-aws/lib/wafv2-web-acl-association";
import { Token } from "cdktf";
import { Construct } from "constructs";
import { managedRulesThenRateLimit, wafVisibility } from "./waf-rules";

export interface RegionalWebAclProps {
  /** Name of the web ACL and prefix of its metric names. */
  readonly name: string;
  /** ARN of the load balancer (or other regional resource) the web ACL protects. */
  readonly resourceArn: string;
  /** Requests one IP may send in 5 minutes before it is blocked (WAF minimum: 10). */
  readonly rateLimit: number;
}

/** AWS managed rule groups of the regional web ACL, in order. */
export const REGIONAL_RULE_GROUPS = ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesCommonRuleSet"] as const;

/** A REGIONAL WAFv2 web ACL (managed rules and a per-IP rate limit) associated with a load balancer. */
export class RegionalWebAcl extends Construct {
  public readonly webAcl: Wafv2WebAcl;

  constructor(scope: Construct, id: string, props: RegionalWebAclProps) {
    super(scope, id);
    const { name, rateLimit } = props;
    if (!Token.isUnresolved(rateLimit) && (!Number.isInteger(rateLimit) || rateLimit < 10 || rateLimit > 2_000_000_000)) {
      throw new Error(`RegionalWebAcl ${this.node.path}: rateLimit ${rateLimit} must be a whole number of requests per 5 minutes from 10 to 2000000000, e.g. 1000`);
    }
    this.webAcl = new Wafv2WebAcl(this, "web-acl", {
      name,
      description: `Load balancer: AWS managed rules and a limit of ${rateLimit} requests per 5 minutes per IP`,
      scope: "REGIONAL",
      defaultAction: { allow: {} },
      visibilityConfig: wafVisibility(name),
      rule: [
        ...managedRulesThenRateLimit(name, REGIONAL_RULE_GROUPS, rateLimit),
      ],
    });
    new Wafv2WebAclAssociation(this, "association", { resourceArn: props.resourceArn, webAclArn: this.webAcl.arn });
  }
}
