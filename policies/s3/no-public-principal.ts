import { hasScopingCondition, isAnyone, parsePolicy } from "../core/policy-document";
import { fromProblems, notApplicable, type Rule } from "../core/rule";

export const s3NoPublicPrincipal: Rule = {
  id: "s3-no-public-principal",
  severity: "error",
  industry: "CKV_AWS_70",
  description: "No bucket policy allows anything to Principal \"*\" (or {\"AWS\": \"*\"}) unless a condition pins the caller (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID, …).",
  fix: "Grant to the exact principal instead, e.g. {\"Service\": \"cloudfront.amazonaws.com\"} with an aws:SourceArn condition naming the distribution (SecureBucket.addToResourcePolicy).",
  resourceTypes: ["aws_s3_bucket_policy", "aws_s3_bucket"],
  check(resource, stack) {
    if (resource.config.policy === undefined) return notApplicable("the bucket has no inline policy");
    const doc = parsePolicy("policy", resource.config.policy, stack);
    if (doc.error) return fromProblems([doc.error]);
    return fromProblems(
      doc.statements
        .filter((s) => s.effect === "Allow" && isAnyone(s) && !hasScopingCondition(s))
        .map((s) => `${s.sid ? `statement ${s.sid}` : "a statement"} allows ${s.actions.join(", ")} to Principal "*" without a condition that pins the caller`),
    );
  },
};
