import { change, fail, pass, policy, type RuleCase } from "./case";

const lambdaTrust = policy({ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" });
const grant = (...Statement: object[]) => ({ role: "${aws_iam_role.api.name}", name: "grant", policy: policy(...Statement) });
const tableArn = "${aws_dynamodb_table.reservations.arn}";

const iam = {
  "aws_iam_role.api": { name: "booking-dev-api", assume_role_policy: lambdaTrust },
  "aws_iam_role_policy.table": grant({ Effect: "Allow", Action: ["dynamodb:GetItem", "dynamodb:PutItem"], Resource: tableArn }),
  "aws_iam_role_policy.xray": grant({ Effect: "Allow", Action: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], Resource: "*" }),
  "aws_iam_role_policy.deny-all": grant({ Effect: "Deny", Action: "*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }),
  "aws_iam_role_policy_attachment.ssm": { role: "${aws_iam_role.api.name}", policy_arn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" },
  "aws_iam_policy_attachment.roles": { name: "x", policy_arn: "arn:aws:iam::111111111111:policy/read", roles: ["${aws_iam_role.api.name}"] },
};
const table = "aws_iam_role_policy.table";

export const IAM_CASES: RuleCase[] = [
  pass("iam-no-wildcard-actions", "exact DynamoDB actions", table, iam),
  pass("iam-no-wildcard-actions", "a Deny of *", "aws_iam_role_policy.deny-all", iam),
  fail("iam-no-wildcard-actions", 'Action "*"', table, 'allows Action "*"', change(iam, table, grant({ Sid: "Admin", Effect: "Allow", Action: "*", Resource: "*" }))),
  fail("iam-no-wildcard-actions", "Allow with NotAction", table, "(NotAction)", change(iam, table, grant({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }))),
  fail("iam-no-wildcard-actions", "a role's inline policy written by an escape hatch", "aws_iam_role.api", 'allows Action "*"', change(iam, "aws_iam_role.api", { inline_policy: [{ name: "x", policy: policy({ Effect: "Allow", Action: ["*"], Resource: "*" }) }] })),
  fail("iam-no-wildcard-actions", "a policy that is not JSON", table, "not a JSON policy document", change(iam, table, { policy: "${jsonencode(local.policy)}" })),

  pass("iam-no-service-wildcard-actions", "exact DynamoDB actions", table, iam),
  fail("iam-no-service-wildcard-actions", '"dynamodb:*"', table, 'allows "dynamodb:*"', change(iam, table, grant({ Effect: "Allow", Action: ["dynamodb:*"], Resource: tableArn }))),
  fail("iam-no-service-wildcard-actions", "a policy document data source with s3:*", "aws_iam_policy.from-data", 'allows "s3:*"', {
    ...iam,
    "aws_iam_policy.from-data": { name: "from-data", policy: "${data.aws_iam_policy_document.bad.json}" },
  }),

  pass("iam-no-wildcard-resources", "xray writes on *", "aws_iam_role_policy.xray", iam),
  pass("iam-no-wildcard-resources", "ec2:Describe* on *", table, change(iam, table, grant({ Effect: "Allow", Action: ["ec2:DescribeInstances", "ec2:Describe*"], Resource: "*" }))),
  pass("iam-no-wildcard-resources", "a policy document data source scoped to a table", "aws_iam_policy.from-data", { ...iam, "aws_iam_policy.from-data": { name: "ok", policy: "${data.aws_iam_policy_document.scoped.json}" } }),
  fail("iam-no-wildcard-resources", "dynamodb:GetItem on *", table, 'allows dynamodb:GetItem on Resource "*"', change(iam, table, grant({ Effect: "Allow", Action: ["dynamodb:GetItem", "xray:PutTraceSegments"], Resource: "*" }))),
  fail("iam-no-wildcard-resources", "states:StartExecution on * in a customer managed policy", "aws_iam_policy.start", "states:StartExecution", {
    ...iam,
    "aws_iam_policy.start": { name: "start", policy: policy({ Effect: "Allow", Action: "states:StartExecution", Resource: ["*"] }) },
  }),

  pass("iam-no-admin-policies", "AmazonSSMManagedInstanceCore", "aws_iam_role_policy_attachment.ssm", iam),
  fail("iam-no-admin-policies", "AdministratorAccess", "aws_iam_role_policy_attachment.ssm", "AdministratorAccess", change(iam, "aws_iam_role_policy_attachment.ssm", { policy_arn: "arn:aws:iam::aws:policy/AdministratorAccess" })),
  fail("iam-no-admin-policies", "PowerUserAccess in managed_policy_arns", "aws_iam_role.api", "PowerUserAccess", change(iam, "aws_iam_role.api", { managed_policy_arns: ["arn:aws:iam::aws:policy/PowerUserAccess"] })),

  pass("iam-trust-services-only", "lambda.amazonaws.com", "aws_iam_role.api", iam),
  pass("iam-trust-services-only", "GitHub OIDC with a sub condition", "aws_iam_role.api", change(iam, "aws_iam_role.api", {
    assume_role_policy: policy({ Effect: "Allow", Principal: { Federated: "${aws_iam_openid_connect_provider.github.arn}" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringLike: { "token.actions.githubusercontent.com:sub": "repo:acme/booking:*" } } }),
  })),
  fail("iam-trust-services-only", 'Principal "*"', "aws_iam_role.api", "trusts AWS *", change(iam, "aws_iam_role.api", { assume_role_policy: policy({ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }) })),
  fail("iam-trust-services-only", "a whole account", "aws_iam_role.api", "arn:aws:iam::333333333333:root", change(iam, "aws_iam_role.api", { assume_role_policy: policy({ Effect: "Allow", Principal: { AWS: "arn:aws:iam::333333333333:root" }, Action: "sts:AssumeRole" }) })),

  pass("iam-no-user-policies", "an attachment to roles only", "aws_iam_policy_attachment.roles", iam),
  fail("iam-no-user-policies", "an attachment to a user", "aws_iam_policy_attachment.roles", "to users deployer", change(iam, "aws_iam_policy_attachment.roles", { users: ["deployer"] })),
  fail("iam-no-user-policies", "an inline user policy", "aws_iam_user_policy.deployer", "gives permissions to user deployer", { ...iam, "aws_iam_user_policy.deployer": { user: "deployer", policy: policy() } }),
];

export const IAM_DATA = {
  "data.aws_iam_policy_document.bad": { statement: [{ effect: "Allow", actions: ["s3:*"], resources: ["${aws_s3_bucket.site.arn}"] }] },
  "data.aws_iam_policy_document.scoped": { statement: [{ actions: ["dynamodb:GetItem"], resources: [tableArn] }] },
};
