import { block, blocks, fromProblems, notApplicable, strings, type Rule } from "../core/rule";
import { isCustomOrigin, originName } from "./distribution";

export const cloudfrontOriginHttps: Rule = {
  id: "cloudfront-origin-https",
  severity: "error",
  industry: "AwsSolutions-CFR5",
  description: "Every custom origin of a distribution is reached over HTTPS only (origin_protocol_policy \"https-only\") with origin_ssl_protocols [\"TLSv1.2\"].",
  fix: "In custom_origin_config set origin_protocol_policy = \"https-only\" and origin_ssl_protocols = [\"TLSv1.2\"].",
  resourceTypes: ["aws_cloudfront_distribution"],
  check(distribution) {
    const origins = blocks(distribution.config.origin).map((o, i) => ({ o, name: originName(o, i) })).filter(({ o }) => isCustomOrigin(o));
    if (origins.length === 0) return notApplicable("the distribution has no custom origin");
    const problems: string[] = [];
    for (const { o, name } of origins) {
      const custom = block(o.custom_origin_config);
      if (custom.origin_protocol_policy !== "https-only") problems.push(`${name} has origin_protocol_policy "${custom.origin_protocol_policy}"`);
      const protocols = strings(custom.origin_ssl_protocols);
      const weak = protocols.filter((p) => p !== "TLSv1.2");
      if (weak.length > 0 || protocols.length === 0) problems.push(`${name} allows origin_ssl_protocols ${JSON.stringify(protocols)}`);
    }
    return fromProblems(problems);
  },
};
