/**
 * The IAM documents of the bootstrap stack, as pure functions (tests read them without a synth).
 * Sources: GitHub "OpenID Connect" (sub/aud claims, immutable subjects), AWS IAM "Create a role for
 * OpenID Connect federation" (condition keys `<provider host>:aud` / `:sub`), HCP Terraform "Dynamic
 * Credentials with the AWS Provider" (audience aws.workload.identity, subject
 * organization:<org>:project:<project>:workspace:<workspace>:run_phase:<phase>), Terraform S3 backend
 * docs (permissions: s3:ListBucket on the bucket, s3:GetObject/PutObject on the key, and
 * s3:GetObject/PutObject/DeleteObject on `<key>.tflock` with use_lockfile).
 */

import { policy, type PolicyDocument, type PolicyStatement } from "../lib/iam";

export const GITHUB_OIDC_HOST = "token.actions.githubusercontent.com";
export const GITHUB_OIDC_AUDIENCE = "sts.amazonaws.com";
export const HCP_AUDIENCE = "aws.workload.identity";

/** `repo:owner/name` or, with ids, GitHub's immutable `repo:owner@123/name@456`. */
export function githubSubjectPrefix(repository: string, ids?: { owner: number; repository: number }): string {
  const [owner, name] = repository.split("/");
  return ids ? `repo:${owner}@${ids.owner}/${name}@${ids.repository}` : `repo:${owner}/${name}`;
}

/** Trust for exactly these subjects of GitHub's OIDC provider, with the STS audience. */
export function githubTrustPolicy(providerArn: string, subjects: readonly string[]): PolicyDocument {
  for (const subject of subjects) {
    if (/[*?]/.test(subject)) throw new Error(`bootstrap: OIDC subject "${subject}" must be exact (no "*" or "?"), e.g. "repo:acme/booking:pull_request"`);
  }
  return policy(
    {
      Sid: "GitHubActions",
      Effect: "Allow",
      Principal: { Federated: providerArn },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: {
          [`${GITHUB_OIDC_HOST}:aud`]: GITHUB_OIDC_AUDIENCE,
          [`${GITHUB_OIDC_HOST}:sub`]: subjects.length === 1 ? subjects[0] : [...subjects],
        },
      },
    },
  );
}

/** Trust for HCP Terraform runs (plan and apply) of exactly these workspaces. */
export function hcpTrustPolicy(providerArn: string, host: string, organization: string, project: string, workspaces: readonly string[]): PolicyDocument {
  return policy(
    {
      Sid: "HcpTerraformRuns",
      Effect: "Allow",
      Principal: { Federated: providerArn },
      Action: "sts:AssumeRoleWithWebIdentity",
      Condition: {
        StringEquals: { [`${host}:aud`]: HCP_AUDIENCE },
        // run_phase is "plan" or "apply": the only wildcard, at the end of an otherwise exact subject.
        StringLike: { [`${host}:sub`]: workspaces.map((w) => `organization:${organization}:project:${project}:workspace:${w}:run_phase:*`) },
      },
    },
  );
}

export interface StateAccess {
  readonly bucket: string;
  readonly keyPrefix: string;
  /** Stack-id patterns whose state this role uses, e.g. ["dev-*"]. */
  readonly stacks: readonly string[];
  /** Stack ids whose state it only reads (a preview reads its base's dns outputs). @default none */
  readonly readOnlyStacks?: readonly string[];
  /** The KMS key the state objects are encrypted with, by alias. @default - SSE-S3 */
  readonly kms?: { readonly region: string; readonly accountId: string; readonly alias: string };
}

/**
 * Reading and writing SSE-KMS state objects needs the key too (S3 User Guide, "Using SSE-KMS":
 * kms:Decrypt to read, kms:GenerateDataKey to write). The key is the state stack's, known here by
 * its alias only: kms:ResourceAliases names it, kms:ViaService keeps its use to S3.
 */
function stateKeyStatements(s: StateAccess): PolicyStatement[] {
  if (!s.kms) return [];
  return [
    {
      Sid: "StateKey",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: `arn:aws:kms:${s.kms.region}:${s.kms.accountId}:key/*`,
      Condition: { "ForAnyValue:StringEquals": { "kms:ResourceAliases": `alias/${s.kms.alias}` }, StringEquals: { "kms:ViaService": `s3.${s.kms.region}.amazonaws.com` } },
    },
  ];
}

const stateObjects = (s: StateAccess, stacks: readonly string[], suffix: string) =>
  stacks.map((p) => `arn:aws:s3:::${s.bucket}/${s.keyPrefix}/${p}.tfstate${suffix}`);

/** Plan role: read state, write only the lock files; everything else comes from ReadOnlyAccess. */
export function planRolePolicy(state: StateAccess | undefined, dataTables: string, assumeRoles: readonly string[] = []): PolicyDocument {
  return policy(
    ...assumeRoleStatements(assumeRoles),
    ...(state
      ? ([
          { Sid: "StateList", Effect: "Allow", Action: ["s3:ListBucket"], Resource: `arn:aws:s3:::${state.bucket}` },
          { Sid: "StateRead", Effect: "Allow", Action: ["s3:GetObject"], Resource: [...stateObjects(state, state.stacks, ""), ...stateObjects(state, state.readOnlyStacks ?? [], "")] },
          { Sid: "StateLock", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: stateObjects(state, state.stacks, ".tflock") },
          ...stateKeyStatements(state),
        ] satisfies PolicyStatement[])
      : []),
    // ReadOnlyAccess reads data too; a plan never needs the guests' bookings.
    { Sid: "NoGuestData", Effect: "Deny", Action: ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:Scan", "dynamodb:GetRecords"], Resource: dataTables },
  );
}

/** What the plan role gets from AWS: Get/List/Describe of every service, so `terraform plan` can refresh. */
export const PLAN_MANAGED_POLICY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

/**
 * The DNS stack's parent-zone provider assumes a role in the parent zone's account, in plans and
 * applies alike; a cross-account AssumeRole needs an allow in the caller's identity policy too
 * (IAM User Guide, "Cross account resource access in IAM").
 */
function assumeRoleStatements(roles: readonly string[]): PolicyStatement[] {
  return roles.length > 0 ? [{ Sid: "ParentZoneDelegation", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: roles.length === 1 ? roles[0] : [...roles] }] : [];
}

const VERBS = ["Create*", "Delete*", "Describe*", "Get*", "List*", "Put*", "Update*", "Tag*", "Untag*"];

/** Services whose resources carry generated ids (no name to scope an ARN by), with the verbs the stacks need. */
export const ID_ADDRESSED_ACTIONS: readonly string[] = [
  ...["ec2"].flatMap((s) => [...VERBS, "Modify*", "Associate*", "Disassociate*", "Attach*", "Detach*", "Authorize*", "Revoke*", "Allocate*", "Release*", "Replace*", "RunInstances", "TerminateInstances"].map((v) => `${s}:${v}`)),
  ...["elasticloadbalancing"].flatMap((s) => [...VERBS, "Modify*", "Add*", "Remove*", "Set*", "Register*", "Deregister*"].map((v) => `${s}:${v}`)),
  ...["autoscaling"].flatMap((s) => [...VERBS, "Attach*", "Detach*", "Set*", "StartInstanceRefresh", "CancelInstanceRefresh"].map((v) => `${s}:${v}`)),
  ...["route53"].flatMap((s) => [...VERBS, "ChangeResourceRecordSets", "ChangeTagsForResource"].map((v) => `${s}:${v}`)),
  ...["acm"].flatMap((s) => [...VERBS, "RequestCertificate", "AddTagsToCertificate", "RemoveTagsFromCertificate"].map((v) => `${s}:${v}`)),
  ...["cloudfront", "wafv2", "apigateway", "cloudwatch", "sns", "kms", "xray", "cognito-idp"].flatMap((s) => VERBS.map((v) => `${s}:${v}`)),
  "apigateway:POST", "apigateway:PATCH", "apigateway:DELETE", "apigateway:GET", "apigateway:PUT",
  "cloudfront:AssociateAlias", "cloudfront:PublishFunction", "wafv2:AssociateWebACL", "wafv2:DisassociateWebACL",
  // Topic policies and attributes, and the alarm topics' e-mail subscriptions.
  "sns:SetTopicAttributes", "sns:Subscribe", "sns:Unsubscribe", "sns:SetSubscriptionAttributes",
  // Keys: rotation on, deletion on destroy, and S3 objects written with SSE-KMS (the key policies
  // leave use through S3 to IAM policies).
  "kms:EnableKeyRotation", "kms:DisableKeyRotation", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion", "kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey",
  // The user pool's MFA setting (user pools are addressed by generated id).
  "cognito-idp:SetUserPoolMfaConfig",
  "ssm:GetParameter", "ssm:GetParameters", "sts:GetCallerIdentity",
];

/**
 * Apply role: what the environment's stacks create, scoped by the `<project>-<env>-` name prefix
 * wherever the ARN carries the name; the services that address resources by generated id get
 * `Resource: "*"` limited to the environment's regions. Denied: anything on the CI roles and OIDC
 * providers (no self-escalation), IAM users and keys, and deleting or opening the state bucket.
 */
export function applyRolePolicy(options: {
  readonly namePrefix: string;
  readonly accountId: string;
  readonly regions: readonly string[];
  /** The S3 state the role reads and writes. @default - none (HCP Terraform keeps the state) */
  readonly state?: StateAccess;
  /** Name prefixes of other environments in the account the prefix would also match (`booking-pr` vs `booking-prod-`). */
  readonly denyPrefixes?: readonly string[];
  /** Roles in other accounts the stacks' providers assume (the parent zone's delegation role). @default none */
  readonly assumeRoles?: readonly string[];
}): PolicyDocument {
  const { namePrefix: p, accountId: a, state } = options;
  const deny = options.denyPrefixes ?? [];
  return policy(
    ...(state
      ? ([
          { Sid: "StateList", Effect: "Allow", Action: ["s3:ListBucket"], Resource: `arn:aws:s3:::${state.bucket}` },
          { Sid: "StateReadWrite", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: [...stateObjects(state, state.stacks, ""), ...stateObjects(state, state.stacks, ".tflock")] },
          ...(state.readOnlyStacks?.length ? [{ Sid: "StateReadBase", Effect: "Allow", Action: ["s3:GetObject"], Resource: stateObjects(state, state.readOnlyStacks, "") } satisfies PolicyStatement] : []),
          ...stateKeyStatements(state),
        ] satisfies PolicyStatement[])
      : []),
    {
      Sid: "Buckets",
      Effect: "Allow",
      Action: ["s3:CreateBucket", "s3:DeleteBucket", "s3:Get*", "s3:List*", "s3:Put*", "s3:DeleteObject", "s3:DeleteObjectVersion", "s3:DeleteBucketPolicy", "s3:DeleteBucketOwnershipControls"],
      Resource: [`arn:aws:s3:::${p}*`, `arn:aws:s3:::${p}*/*`],
    },
    {
      Sid: "Functions",
      Effect: "Allow",
      Action: ["lambda:CreateFunction", "lambda:DeleteFunction", "lambda:Get*", "lambda:List*", "lambda:Update*", "lambda:AddPermission", "lambda:RemovePermission", "lambda:PutFunctionConcurrency", "lambda:DeleteFunctionConcurrency", "lambda:TagResource", "lambda:UntagResource", "lambda:PublishVersion"],
      Resource: `arn:aws:lambda:*:${a}:function:${p}*`,
    },
    {
      Sid: "Tables",
      Effect: "Allow",
      Action: ["dynamodb:CreateTable", "dynamodb:DeleteTable", "dynamodb:Describe*", "dynamodb:UpdateTable", "dynamodb:UpdateContinuousBackups", "dynamodb:UpdateTimeToLive", "dynamodb:TagResource", "dynamodb:UntagResource", "dynamodb:ListTagsOfResource"],
      Resource: `arn:aws:dynamodb:*:${a}:table/${p}*`,
    },
    {
      Sid: "StateMachines",
      Effect: "Allow",
      Action: ["states:CreateStateMachine", "states:DeleteStateMachine", "states:DescribeStateMachine", "states:UpdateStateMachine", "states:ValidateStateMachineDefinition", "states:TagResource", "states:UntagResource", "states:ListTagsForResource", "states:ListStateMachineVersions"],
      Resource: `arn:aws:states:*:${a}:stateMachine:${p}*`,
    },
    {
      Sid: "LogGroups",
      Effect: "Allow",
      Action: ["logs:CreateLogGroup", "logs:DeleteLogGroup", "logs:PutRetentionPolicy", "logs:DeleteRetentionPolicy", "logs:TagResource", "logs:UntagResource", "logs:TagLogGroup", "logs:ListTagsForResource", "logs:ListTagsLogGroup", "logs:AssociateKmsKey", "logs:DisassociateKmsKey"],
      Resource: [`arn:aws:logs:*:${a}:log-group:*${p}*`],
    },
    { Sid: "DescribeLogs", Effect: "Allow", Action: ["logs:DescribeLogGroups", "logs:DescribeMetricFilters"], Resource: "*" },
    { Sid: "MetricFilters", Effect: "Allow", Action: ["logs:PutMetricFilter", "logs:DeleteMetricFilter"], Resource: `arn:aws:logs:*:${a}:log-group:${p}*` },
    {
      // Vended logs (WAF logging, HTTP API access logs): the caller sets up the delivery and the log
      // group's resource policy. CloudWatch Logs User Guide, "Logs sent to CloudWatch Logs" (user
      // permissions; the resource-policy actions on log-group:*, the delivery actions on "*").
      Sid: "LogDelivery",
      Effect: "Allow",
      Action: ["logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery", "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DeleteResourcePolicy"],
      Resource: "*",
    },
    {
      Sid: "Secrets",
      Effect: "Allow",
      Action: [
        "secretsmanager:CreateSecret", "secretsmanager:DeleteSecret", "secretsmanager:DescribeSecret", "secretsmanager:UpdateSecret", "secretsmanager:TagResource", "secretsmanager:UntagResource",
        "secretsmanager:GetResourcePolicy", "secretsmanager:PutResourcePolicy", "secretsmanager:DeleteResourcePolicy", "secretsmanager:RotateSecret", "secretsmanager:CancelRotateSecret",
      ],
      Resource: `arn:aws:secretsmanager:*:${a}:secret:${p}*`,
    },
    {
      Sid: "Schedules",
      Effect: "Allow",
      Action: ["scheduler:CreateSchedule", "scheduler:GetSchedule", "scheduler:UpdateSchedule", "scheduler:DeleteSchedule"],
      Resource: `arn:aws:scheduler:*:${a}:schedule/*/${p}*`,
    },
    ...assumeRoleStatements(options.assumeRoles ?? []),
    {
      Sid: "Roles",
      Effect: "Allow",
      Action: [
        "iam:CreateRole", "iam:DeleteRole", "iam:GetRole", "iam:UpdateRole", "iam:UpdateRoleDescription", "iam:UpdateAssumeRolePolicy", "iam:TagRole", "iam:UntagRole",
        "iam:PutRolePolicy", "iam:GetRolePolicy", "iam:DeleteRolePolicy", "iam:ListRolePolicies", "iam:ListAttachedRolePolicies", "iam:ListInstanceProfilesForRole", "iam:PassRole",
        "iam:CreateInstanceProfile", "iam:DeleteInstanceProfile", "iam:GetInstanceProfile", "iam:AddRoleToInstanceProfile", "iam:RemoveRoleFromInstanceProfile", "iam:TagInstanceProfile", "iam:UntagInstanceProfile",
      ],
      // Path "/" only: the CI roles live under /ci/, so this never matches them.
      Resource: [`arn:aws:iam::${a}:role/${p}*`, `arn:aws:iam::${a}:instance-profile/${p}*`],
    },
    {
      Sid: "ManagedPoliciesTheStacksAttach",
      Effect: "Allow",
      Action: ["iam:AttachRolePolicy", "iam:DetachRolePolicy"],
      Resource: `arn:aws:iam::${a}:role/${p}*`,
      Condition: { ArnEquals: { "iam:PolicyARN": ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"] } },
    },
    { Sid: "ServiceLinkedRoles", Effect: "Allow", Action: ["iam:CreateServiceLinkedRole"], Resource: `arn:aws:iam::${a}:role/aws-service-role/*` },
    {
      Sid: "IdAddressedServices",
      Effect: "Allow",
      Action: [...ID_ADDRESSED_ACTIONS],
      Resource: "*",
      // CloudFront, Route53, WAF for CloudFront and ACM for CloudFront are global or us-east-1.
      Condition: { StringEquals: { "aws:RequestedRegion": [...new Set([...options.regions, "us-east-1"])] } },
    },
    {
      Sid: "NeverTheCiRolesUsersOrProviders",
      Effect: "Deny",
      Action: ["iam:*"],
      Resource: [`arn:aws:iam::${a}:role/ci/*`, `arn:aws:iam::${a}:user/*`, `arn:aws:iam::${a}:oidc-provider/*`, `arn:aws:iam::${a}:policy/*`],
    },
    ...(state ? stateDenies(state) : []),
    ...(deny.length > 0
      ? [{ Sid: "NotOtherEnvironments", Effect: "Deny", Action: ["s3:*", "lambda:*", "dynamodb:*", "states:*", "logs:*", "iam:*"], Resource: deny.flatMap((d) => [`arn:aws:s3:::${d}*`, `arn:aws:lambda:*:${a}:function:${d}*`, `arn:aws:dynamodb:*:${a}:table/${d}*`, `arn:aws:states:*:${a}:stateMachine:${d}*`, `arn:aws:iam::${a}:role/${d}*`]) } satisfies PolicyStatement]
      : []),
  );
}

/** No CI role may delete or re-configure the state bucket, or write the bootstrap stack's state. */
function stateDenies(s: StateAccess): PolicyStatement[] {
  return [
    {
      Sid: "NeverTheStateBucket",
      Effect: "Deny",
      Action: ["s3:DeleteBucket", "s3:PutBucketPolicy", "s3:DeleteBucketPolicy", "s3:PutBucketAcl", "s3:PutBucketVersioning", "s3:PutBucketPublicAccessBlock", "s3:PutEncryptionConfiguration", "s3:PutLifecycleConfiguration", "s3:PutBucketOwnershipControls", "s3:PutBucketLogging"],
      Resource: `arn:aws:s3:::${s.bucket}`,
    },
    { Sid: "NeverTheBootstrapState", Effect: "Deny", Action: ["s3:PutObject", "s3:DeleteObject", "s3:DeleteObjectVersion"], Resource: `arn:aws:s3:::${s.bucket}/${s.keyPrefix}/bootstrap-*` },
  ];
}
