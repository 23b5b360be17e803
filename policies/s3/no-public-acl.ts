import { block, blocks, fromProblems, notApplicable, type Rule } from "../core/rule";

const PUBLIC_ACLS = ["public-read", "public-read-write", "authenticated-read"];
const PUBLIC_GROUPS = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];

export const s3NoPublicAcl: Rule = {
  id: "s3-no-public-acl",
  severity: "error",
  industry: "CKV_AWS_20, CKV_AWS_57",
  description: "No bucket ACL grants access to everyone (public-read, public-read-write, authenticated-read, or a grant to the AllUsers / AuthenticatedUsers groups).",
  fix: "Remove the ACL (SecureBucket disables ACLs) and serve public content through CloudFront with origin access control.",
  resourceTypes: ["aws_s3_bucket_acl", "aws_s3_bucket"],
  check(resource) {
    const { acl } = resource.config;
    const grants = blocks(block(resource.config.access_control_policy).grant).filter((g) => PUBLIC_GROUPS.includes(block(g.grantee).uri));
    if (acl === undefined && grants.length === 0 && resource.type === "aws_s3_bucket") return notApplicable("the bucket declares no ACL");
    return fromProblems([
      ...(PUBLIC_ACLS.includes(acl) ? [`acl is "${acl}"`] : []),
      ...grants.map((g) => `grants ${g.permission} to ${block(g.grantee).uri}`),
    ]);
  },
};
