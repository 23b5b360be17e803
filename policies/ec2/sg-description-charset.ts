import { describeCharacter, firstBadCharacter, isExpression } from "../core/characters";
import { blocks, fromProblems, type Rule } from "../core/rule";
import { SECURITY_GROUP_RULE_TYPES } from "../core/security-group-rules";

/**
 * EC2 API Reference, CreateSecurityGroup (GroupName, GroupDescription) and IpRange / Ipv6Range /
 * UserIdGroupPair / PrefixListId / SecurityGroupRuleRequest Description: "Up to 255 characters in
 * length. Valid characters: a-z, A-Z, 0-9, spaces, and ._-:/()#,@[]+=&;{}!$*"; a group name "cannot
 * start with sg-". The provider checks only the length, so `terraform plan` passes and
 * CreateSecurityGroup / AuthorizeSecurityGroupIngress fail at apply (InvalidParameterValue).
 */
export const EC2_DESCRIPTION_CHARACTER = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]$/u;
export const EC2_DESCRIPTION_MAX_LENGTH = 255;
const ALLOWED_TEXT = "a-z A-Z 0-9, space and . _ - : / ( ) # , @ [ ] + = & ; { } ! $ *";

export const ec2SgDescriptionCharset: Rule = {
  id: "ec2-sg-description-charset",
  severity: "error",
  industry: "none in checkov",
  description: `Security group names and descriptions, and every rule description, use only the characters EC2 accepts (${ALLOWED_TEXT}), at most 255 of them; a group name does not start with "sg-".`,
  fix: "Reword the text without the offending character (an apostrophe becomes \"the instance port\", quotes and accents go), or shorten it to 255 characters.",
  resourceTypes: SECURITY_GROUP_RULE_TYPES,
  check(resource) {
    const c = resource.config;
    const texts: Array<[string, unknown]> = [["description", c.description]];
    if (resource.type === "aws_security_group") {
      texts.push(["name", c.name]);
      for (const direction of ["ingress", "egress"] as const) blocks(c[direction]).forEach((r, i) => texts.push([`${direction}[${i}].description`, r.description]));
    }
    const problems: string[] = [];
    for (const [field, value] of texts) {
      if (typeof value !== "string" || isExpression(value)) continue;
      const bad = firstBadCharacter(value, EC2_DESCRIPTION_CHARACTER);
      if (bad) problems.push(`${field} ${JSON.stringify(value)} contains ${describeCharacter(bad)}, which EC2 rejects (allowed: ${ALLOWED_TEXT})`);
      if ([...value].length > EC2_DESCRIPTION_MAX_LENGTH) problems.push(`${field} is ${[...value].length} characters long, more than EC2's ${EC2_DESCRIPTION_MAX_LENGTH}`);
    }
    if (resource.type === "aws_security_group" && typeof c.name === "string" && c.name.startsWith("sg-")) problems.push(`name ${JSON.stringify(c.name)} starts with "sg-", which EC2 reserves for group ids`);
    return fromProblems(problems);
  },
};
