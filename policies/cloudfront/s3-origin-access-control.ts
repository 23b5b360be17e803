import { block, blocks, fromProblems, isSet, notApplicable, type Rule } from "../core/rule";
import { isS3Origin, originName } from "./distribution";

export const cloudfrontS3OriginAccessControl: Rule = {
  id: "cloudfront-s3-origin-oac",
  severity: "error",
  industry: "CKV2_AWS_46, AwsSolutions-CFR7",
  description: "Every S3 origin of a distribution uses an origin access control (no legacy origin access identity), and that OAC signs every request with SigV4.",
  fix: "Create an aws_cloudfront_origin_access_control (origin type \"s3\", signing_behavior \"always\", signing_protocol \"sigv4\"), set the origin's origin_access_control_id to it and remove s3_origin_config.origin_access_identity.",
  resourceTypes: ["aws_cloudfront_distribution"],
  check(distribution, stack) {
    const origins = blocks(distribution.config.origin).map((o, i) => ({ o, name: originName(o, i) })).filter(({ o }) => isS3Origin(o));
    if (origins.length === 0) return notApplicable("the distribution has no S3 origin");
    const problems: string[] = [];
    for (const { o, name } of origins) {
      if (isSet(block(o.s3_origin_config).origin_access_identity)) problems.push(`${name} uses a legacy origin access identity`);
      if (!isSet(o.origin_access_control_id)) {
        problems.push(`${name} has no origin_access_control_id`);
        continue;
      }
      for (const oac of stack.resolve(o.origin_access_control_id, "aws_cloudfront_origin_access_control")) {
        const c = oac.config;
        if (c.signing_behavior !== "always" || c.signing_protocol !== "sigv4" || c.origin_access_control_origin_type !== "s3") {
          problems.push(`${oac.address} must have origin type "s3", signing_behavior "always" and signing_protocol "sigv4" (has "${c.origin_access_control_origin_type}", "${c.signing_behavior}", "${c.signing_protocol}")`);
        }
      }
    }
    return fromProblems(problems);
  },
};
