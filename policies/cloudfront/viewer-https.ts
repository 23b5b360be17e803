import { fromProblems, type Rule } from "../core/rule";
import { cacheBehaviours } from "./distribution";

const HTTPS_POLICIES = ["redirect-to-https", "https-only"];

export const cloudfrontViewerHttps: Rule = {
  id: "cloudfront-viewer-https",
  severity: "error",
  industry: "CKV_AWS_34",
  description: "Every cache behaviour of a distribution (default and ordered) has viewer_protocol_policy \"redirect-to-https\" or \"https-only\".",
  fix: "Set viewer_protocol_policy = \"redirect-to-https\" on the default and every ordered cache behaviour.",
  resourceTypes: ["aws_cloudfront_distribution"],
  check(distribution) {
    return fromProblems(
      cacheBehaviours(distribution)
        .filter((b) => !HTTPS_POLICIES.includes(b.config.viewer_protocol_policy))
        .map((b) => `${b.name} has viewer_protocol_policy "${b.config.viewer_protocol_policy ?? "(unset)"}"`),
    );
  },
};
