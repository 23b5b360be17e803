import { z } from "zod";
import { subnetLayoutProblems } from "./cidr";
import { DNS_LABEL, DOMAIN_RE, isDomainName, isLogRetentionDays, LOG_RETENTION_DAYS } from "../lib/validation";
import { MAX_STAY_NIGHTS, RESERVATION_TRANSACTION_OTHER_ITEMS, TRANSACT_WRITE_ITEMS_LIMIT } from "../app/tables";

// The validators constructs share live in the leaf lib/; re-exported for config's callers.
export { isDomainName, isLogRetentionDays, LOG_RETENTION_DAYS };

/** AWS commercial regions this project can deploy to. */
export const AWS_REGIONS = [
  "us-east-1", "us-east-2", "us-west-1", "us-west-2",
  "ca-central-1", "ca-west-1", "sa-east-1", "mx-central-1",
  "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-central-2",
  "eu-north-1", "eu-south-1", "eu-south-2",
  "ap-south-1", "ap-south-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
  "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
  "ap-southeast-7", "ap-east-1", "me-south-1", "me-central-1", "il-central-1", "af-south-1",
] as const;

/** Payment checks one booking execution may make (see workflow.pollIntervalSeconds). */
export const MAX_PAYMENT_CHECKS = 2000;

/** Shortest written reason an override of a production guardrail must carry. */
export const MIN_OVERRIDE_REASON = 20;

/**
 * Settings a production environment keeps safe unless `overrides` carries a written reason for the
 * unsafe value: key = the setting's path, `unsafe` = whether the environment's value is the unsafe one.
 */
export const PRODUCTION_GUARDRAILS: Record<string, { readonly safe: string; readonly unsafe: (env: { site: { waf: boolean }; deletionProtection: boolean; logRetentionDays: number }) => boolean }> = {
  "site.waf": { safe: "true (a WAF web ACL in front of CloudFront)", unsafe: (env) => !env.site.waf },
  deletionProtection: { safe: "true (tables, load balancers and state cannot be deleted by accident)", unsafe: (env) => !env.deletionProtection },
  logRetentionDays: { safe: "365 or more", unsafe: (env) => isLogRetentionDays(env.logRetentionDays) && env.logRetentionDays < 365 },
};

const region = z.enum(AWS_REGIONS, {
  errorMap: () => ({ message: `must be an AWS region such as "eu-west-1" (one of: ${AWS_REGIONS.join(", ")})` }),
});

const domainName = z
  .string()
  .max(253, "must be at most 253 characters")
  .refine((d) => d === d.toLowerCase(), (d) => {
    // Suggest the lower-case spelling only when it is itself valid ("Dev_Example.com." is not).
    const fixed = d.toLowerCase().replace(/\.$/, "");
    return { message: DOMAIN_RE.test(fixed) ? `must be lower-case, e.g. "${fixed}"` : 'must be a lower-case fully qualified domain name without a trailing dot, e.g. "dev.example.com"' };
  })
  .refine((d) => d !== d.toLowerCase() || DOMAIN_RE.test(d), {
    message: 'must be a fully qualified domain name without a trailing dot, e.g. "dev.example.com"',
  });

const bucketName = z
  .string()
  .regex(
    /^(?!xn--)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    'must be a valid S3 bucket name: 3-63 characters of a-z, 0-9, "." and "-", e.g. "booking-tfstate-123456789012"',
  );

const logRetentionDays = z
  .number()
  .refine(isLogRetentionDays, {
    message: `must be a CloudWatch Logs retention period in days (one of: ${LOG_RETENTION_DAYS.join(", ")})`,
  });

const cidrBlock = z
  .string()
  .regex(
    /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/,
    'must be an IPv4 CIDR block, e.g. "10.0.0.0/16"',
  );

const s3Backend = z
  .object({
    type: z.literal("s3"),
    bucket: bucketName,
    region,
    keyPrefix: z
      .string()
      .regex(/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/, 'must be a path without leading or trailing "/", e.g. "booking"'),
  })
  .strict();

const cloudBackend = z
  .object({
    type: z.literal("cloud"),
    organization: z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be an HCP Terraform organization name, e.g. "acme"'),
    /** HCP Terraform project the workspaces belong to. @default - the organization's default project */
    project: z.string().min(1, "must not be empty").optional(),
    /** @default "app.terraform.io" */
    hostname: z.string().regex(DOMAIN_RE, 'must be a host name, e.g. "app.terraform.io"').default("app.terraform.io"),
    /** Workspace names are `<workspacePrefix><env>-<stack>`. @default "<project>-" */
    workspacePrefix: z.string().regex(/^[A-Za-z0-9_-]*$/, 'may hold only letters, digits, "-" and "_"').optional(),
  })
  .strict();

const localBackend = z.object({ type: z.literal("local") }).strict();

const backend = z.discriminatedUnion("type", [s3Backend, cloudBackend, localBackend], {
  errorMap: (issue, ctx) =>
    issue.code === "invalid_union_discriminator"
      ? { message: 'must be one of "s3", "cloud" or "local"' }
      : { message: ctx.defaultError },
});

/** GitHub's rules for an owner (user or organization) name and a repository name. */
const GITHUB_OWNER_RE = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const GITHUB_REPO_RE = /^(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;

/** A GitHub repository as `owner/name`, the form OIDC subjects (`repo:owner/name:…`) carry. */
export function isGithubRepository(value: string): boolean {
  const [owner, name, ...rest] = value.split("/");
  return rest.length === 0 && name !== undefined && GITHUB_OWNER_RE.test(owner) && GITHUB_REPO_RE.test(name);
}

const delivery = z
  .object({
    /** The repository whose workflows may assume this environment's CI roles, `owner/name`. */
    repository: z.string().refine(isGithubRepository, {
      message: 'must be a GitHub repository as "owner/name" (owner: 1-39 letters, digits or single hyphens; name: letters, digits, ".", "-", "_"), e.g. "acme/booking"',
    }),
    /**
     * GitHub's immutable subject form `repo:OWNER@OWNER_ID/NAME@REPO_ID:…` (default for repositories
     * created or renamed from 2026-07-15): the numeric ids never change and are never reused, so a
     * deleted-and-recreated name cannot assume the roles. @default - the name-based subject `repo:owner/name:…`
     */
    repositoryIds: z
      .object({
        owner: z.number().int().positive("must be the numeric id of the repository owner (GET /repos/{owner}/{repo} .owner.id)"),
        repository: z.number().int().positive("must be the numeric id of the repository (GET /repos/{owner}/{repo} .id)"),
      })
      .strict()
      .optional(),
    /**
     * Where the workflows run Terraform: "github-actions" (on the runner, with the OIDC plan/apply
     * roles) or "hcp-terraform" (CLI-driven runs in HCP Terraform workspaces; needs backend.type "cloud").
     * @default "github-actions"
     */
    runs: z.enum(["github-actions", "hcp-terraform"]).default("github-actions"),
    /** Pull requests labelled `preview` get an environment `pr<number>` derived from this one. @default false */
    previews: z.boolean().default(false),
  })
  .strict();

/** An e-mail address SNS can subscribe (RFC 5321 local part simplified: no quotes, no spaces). */
const EMAIL_RE = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

// refine, not int(): int() reports "must be a integer, not a float".
const count = (what: string) => z.number().min(0, `must be 0 or more ${what}`).refine(Number.isInteger, `must be a whole number of ${what}`);

/**
 * Alarm thresholds and who hears about them. Each alarm fires when its metric goes ABOVE the
 * threshold (see docs/operations.md); defaults suit dev, production tightens them in its file.
 */
const alarms = z
  .object({
    /** Addresses subscribed to the environment's alarm topic (each confirms by e-mail once). */
    emails: z
      .array(z.string().regex(EMAIL_RE, 'must be an e-mail address, e.g. "oncall@example.com"').max(254, "must be at most 254 characters"))
      .default([]),
    /** Lambda errors per 5 minutes. @default 0 */
    lambdaErrors: count("errors per 5 minutes").default(0),
    /** Lambda throttles per 5 minutes. @default 0 */
    lambdaThrottles: count("throttles per 5 minutes").default(0),
    /** API Gateway 5xx answers per 5 minutes. @default 5 */
    apiServerErrors: count("5xx answers per 5 minutes").default(5),
    /** API p99 latency in milliseconds over 5 minutes. @default 3000 */
    apiLatencyP99Ms: z.number().positive("must be a positive number of milliseconds").max(30_000, "must be at most 30000 (API Gateway gives up after 30 s)").default(3000),
    /** Failed or timed-out booking executions per 5 minutes. @default 0 */
    workflowFailures: count("executions per 5 minutes").default(0),
    /** DynamoDB throttled requests per table per 5 minutes. @default 0 */
    dynamodbThrottles: count("throttled requests per 5 minutes").default(0),
    /** Load balancer and target 5xx answers per 5 minutes. @default 5 */
    loadBalancer5xx: count("5xx answers per 5 minutes").default(5),
    /** Unhealthy reporting instances tolerated (for 3 minutes). @default 0 */
    unhealthyHosts: count("instances").default(0),
    /** CloudFront 5xx error rate in percent over 5 minutes. @default 5 */
    cloudfront5xxPercent: z.number().min(0, "must be a percentage from 0 to 100").max(100, "must be a percentage from 0 to 100").default(5),
  })
  .strict();

/** Service level objectives of the booking API over a 30-day window (burn-rate alarms). */
const slo = z
  .object({
    /** Percent of requests answered without a 5xx. @default 99.9 */
    availabilityPercent: z.number().gt(0, "must be a percentage above 0 and below 100, e.g. 99.9").lt(100, "must be below 100 (an objective of 100% leaves no error budget), e.g. 99.9").default(99.9),
    /** Percent of requests answered within latencyThresholdMs. @default 99 */
    latencyPercent: z.number().gt(0, "must be a percentage above 0 and below 100, e.g. 99").lt(100, "must be below 100 (an objective of 100% leaves no error budget), e.g. 99").default(99),
    /** What counts as fast enough, in milliseconds. @default 1000 */
    latencyThresholdMs: z.number().positive("must be a positive number of milliseconds").refine(Number.isInteger, "must be a whole number of milliseconds").default(1000),
  })
  .strict();

export const environmentSchema = z
  .object({
    /** Environment name; part of every stack id (`<name>-<stack>`) and physical name. */
    name: z.string().regex(/^[a-z][a-z0-9]{1,9}$/, 'must be 2-10 lower-case letters or digits, starting with a letter, e.g. "dev"'),
    /** Short project name, the first part of every physical name. */
    project: z.string().regex(/^[a-z][a-z0-9-]{1,14}[a-z0-9]$/, 'must be 3-16 characters of a-z, 0-9 and "-", e.g. "booking"'),
    region,
    accountId: z.string().regex(/^\d{12}$/, 'must be the 12-digit AWS account id, e.g. "123456789012"'),
    /** DNS domain of this environment; a hosted zone of its own, delegated from the parent zone. */
    domain: domainName,
    /**
     * The existing zone the environment's zone is delegated from. A hosted zone belongs to one account
     * and Route 53 has no resource policies: when `accountId` is not the environment's, the NS record
     * is written through a provider that assumes `delegationRoleArn` in that account
     * (docs/dns-and-accounts.md has the role's policy).
     */
    parentZone: z
      .object({
        id: z.string().regex(/^Z[A-Z0-9]{1,31}$/, 'must be a Route53 hosted zone id, e.g. "Z0123456789ABCDEFGHIJ"'),
        name: domainName,
        /** Account that owns the parent zone. */
        accountId: z.string().regex(/^\d{12}$/, 'must be the 12-digit id of the AWS account that owns the parent zone, e.g. "222222222222"'),
        /** Role in the parent zone's account that may write this environment's NS record; required when that account is not the environment's. */
        delegationRoleArn: z
          .string()
          .regex(/^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, 'must be an IAM role ARN, e.g. "arn:aws:iam::222222222222:role/booking-dns-delegation"')
          .optional(),
      })
      .strict(),
    backend,
    /** Tags every resource gets through the provider's default_tags. */
    tags: z.record(z.string().min(1).max(128), z.string().max(256)).default({}),
    site: z
      .object({
        /** WAFv2 web ACL in front of CloudFront. */
        waf: z.boolean(),
        /** Requests per 5 minutes from one IP before WAF blocks it. */
        wafRateLimit: z.number().int().min(100, "must be at least 100 (the WAF minimum)").max(2_000_000_000),
        priceClass: z.enum(["PriceClass_All", "PriceClass_200", "PriceClass_100"]),
      })
      .strict(),
    api: z
      .object({
        /** The API is served at `<subdomain>.<domain>`. */
        subdomain: z.string().regex(new RegExp(`^${DNS_LABEL}$`), 'must be one DNS label, e.g. "api"'),
        throttleRateLimit: z.number().positive("must be a positive number of requests per second"),
        throttleBurstLimit: z.number().int().positive("must be a positive whole number of requests"),
        memoryMb: z.number().int().min(128, "must be at least 128").max(10240, "must be at most 10240"),
        /** Unpaid reservations one guest e-mail may hold at once; the next answers 429. */
        maxHoldsPerEmail: z.number().int().min(1, "must be at least 1").max(100, "must be at most 100").default(2),
        /**
         * Longest stay one reservation may book, in nights. Its nights are written in one DynamoDB
         * transaction with the reservation and the guest's hold, and a transaction holds at most
         * 100 actions: at most 98 nights.
         */
        maxNights: z
          .number()
          .int()
          .min(1, "must be at least 1 night")
          .max(
            MAX_STAY_NIGHTS,
            `must be at most ${MAX_STAY_NIGHTS}: a reservation writes its nights, the reservation and the guest's hold (${RESERVATION_TRANSACTION_OTHER_ITEMS} items) in one DynamoDB TransactWriteItems, which takes at most ${TRANSACT_WRITE_ITEMS_LIMIT} items (docs/api.md, "Longest stay")`,
          )
          .default(30),
        /** ISO 4217 code of the apartments' prices, shown with every price and total. */
        currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code of three capital letters, e.g. "EUR"').default("EUR"),
        /** Minutes between two runs of the hold sweeper (EventBridge Scheduler). */
        sweepIntervalMinutes: z.number().int().min(1, "must be at least 1").max(1440, "must be at most 1440 (a day)").default(5),
      })
      .strict(),
    workflow: z
      .object({
        /** How long a reservation holds an apartment before it is released unpaid. */
        paymentWindowSeconds: z.number().int().min(1, "must be at least 1 second").max(31_536_000, "must be at most one year"),
        /**
         * How often the booking workflow checks a pending reservation for payment: the longest a paid
         * reservation waits to be confirmed, and the lag of an expiry after its deadline.
         */
        pollIntervalSeconds: z.number().int().min(1, "must be at least 1 second").max(3600, "must be at most 3600 (one hour)"),
        /**
         * Execution logs carry each state's input and output (ids, statuses, DynamoDB responses).
         * @default - true where deletionProtection is off (development), false in production
         */
        logExecutionData: z.boolean().optional(),
      })
      .strict()
      .superRefine((w, ctx) => {
        // Each check costs about 9 history events; a Standard execution stops at 25,000.
        const checks = Math.ceil(w.paymentWindowSeconds / w.pollIntervalSeconds);
        if (checks > MAX_PAYMENT_CHECKS) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ["pollIntervalSeconds"],
            message: `makes ${checks} payment checks per reservation (paymentWindowSeconds / pollIntervalSeconds), more than the ${MAX_PAYMENT_CHECKS} that fit in a Step Functions execution history; use at least ${Math.ceil(w.paymentWindowSeconds / MAX_PAYMENT_CHECKS)}`,
          });
        }
      }),
    network: z
      .object({
        cidr: cidrBlock,
        availabilityZones: z.array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d[a-z]$/, 'must be an availability zone name, e.g. "eu-west-1a"')),
        publicSubnets: z.array(cidrBlock),
        privateSubnets: z.array(cidrBlock),
        /** "single": one NAT gateway shared by all AZs (cheaper); "per-az": one per AZ (no cross-AZ dependency). */
        natGateways: z.enum(["single", "per-az"]),
        /** A Graviton (arm64) type: the instances boot the arm64 Amazon Linux 2023 AMI. */
        instanceType: z
          .string()
          .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'must be an EC2 instance type, e.g. "t4g.small"')
          // Graviton families carry a "g" after the generation (t4g, m7g, c6gn, x2gd, is4gen); a1 is the first.
          .refine((t) => /^(a1|[a-z]+\d+[a-z]*g[a-z]*)\./.test(t), {
            message: 'must be a Graviton (arm64) instance type, because the instances run the arm64 Amazon Linux 2023 AMI, e.g. "t4g.small" or "m7g.large"',
          }),
        minInstances: z.number().int().min(2, "must be at least 2 (one per AZ for availability)"),
        maxInstances: z.number().int().min(2, "must be at least 2"),
        /** The load balancer is served at `<subdomain>.<domain>`. */
        subdomain: z.string().regex(new RegExp(`^${DNS_LABEL}$`), 'must be one DNS label, e.g. "reporting"'),
      })
      .strict(),
    logRetentionDays,
    /** Deletion protection on tables, load balancers and state; on for production. */
    deletionProtection: z.boolean(),
    /**
     * Encryption at rest of buckets, tables, log groups, the state machine and Lambda environment
     * variables: "kms" = a customer-managed KMS key per stack (rotation on, a key policy naming the
     * services that use it); "aws-managed" = SSE-S3 and the AWS-managed or AWS-owned keys (no key
     * cost, no key policy to audit). Docs: docs/data-protection.md.
     * @default - "kms" where deletionProtection is on (production), "aws-managed" elsewhere
     */
    encryption: z.enum(["kms", "aws-managed"], {
      errorMap: () => ({ message: 'must be "kms" (customer-managed keys) or "aws-managed", e.g. "kms"' }),
    }).optional(),
    /**
     * Days a reservation (with the guest's name and e-mail) is kept after it ends (expired unpaid,
     * or its stay is over) before DynamoDB's TTL deletes it.
     */
    guestDataRetentionDays: z.number().int().min(1, "must be at least 1 day").max(3650, "must be at most 3650 days (ten years)").default(30),
    /** CI/CD: the repository trusted by the bootstrap stack's OIDC roles. @default - no CI roles for this environment */
    delivery: delivery.optional(),
    /**
     * Set by config/preview.ts on a derived preview environment (never in an environment file): the
     * environment it is derived from, whose state bucket and hosted zone it shares.
     * @default - not a preview
     */
    preview: z.object({ of: z.string(), number: z.number().int().positive() }).strict().optional(),
    /** Alarm thresholds and e-mail subscribers (docs/operations.md). @default - the defaults of each threshold, no e-mail */
    alarms: alarms.default({}),
    /** The booking API's objectives (docs/operations.md). @default - 99.9% available, 99% within 1000 ms */
    slo: slo.default({}),
    /** A production environment: the PRODUCTION_GUARDRAILS settings refuse unsafe values without an override. */
    production: z.boolean().default(false),
    /**
     * Written reasons for unsafe values of guarded settings in production, by setting path, e.g.
     * `{ "site.waf": "WAF moved to the parent account's Firewall Manager policy, ticket OPS-123" }`.
     * The reason is shown in the policy report next to the finding it excuses.
     */
    overrides: z.record(z.string(), z.string()).default({}),
  })
  .strict()
  .superRefine((env, ctx) => {
    if (env.delivery?.runs === "hcp-terraform" && env.backend.type !== "cloud") {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["delivery", "runs"],
        message: `"hcp-terraform" runs Terraform in HCP Terraform workspaces, which needs backend.type "cloud" (this environment has "${env.backend.type}"); use "github-actions" or a cloud backend`,
      });
    }
    const parent = env.parentZone.name;
    if (env.domain !== parent && !env.domain.endsWith(`.${parent}`)) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["domain"],
        message: `must be inside the parent zone "${parent}", e.g. "${env.name}.${parent}"`,
      });
    }
    if (env.domain === parent) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["domain"],
        message: `must be a subdomain of the parent zone "${parent}" (the environment gets a delegated zone of its own), e.g. "${env.name}.${parent}"`,
      });
    }
    const zone = env.parentZone;
    // Compared only between well-formed account ids (a malformed one is reported once, above).
    const accountsKnown = /^\d{12}$/.test(env.accountId) && /^\d{12}$/.test(zone.accountId ?? "");
    if (accountsKnown && zone.accountId !== env.accountId && zone.delegationRoleArn === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["parentZone", "delegationRoleArn"],
        message: `is required: the parent zone "${zone.name}" is in account ${zone.accountId}, not the environment's ${env.accountId}, and Route 53 lets only the zone's own account write it`,
      });
    }
    const roleAccount = zone.delegationRoleArn && /^arn:[\w-]+:iam::(\d{12}):/.exec(zone.delegationRoleArn)?.[1];
    if (roleAccount && roleAccount !== zone.accountId) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["parentZone", "delegationRoleArn"],
        message: `must be a role in the parent zone's account ${zone.accountId} (it names account ${roleAccount}), e.g. "arn:aws:iam::${zone.accountId}:role/${env.project}-dns-delegation"`,
      });
    }
    if (accountsKnown && zone.delegationRoleArn && zone.accountId === env.accountId) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["parentZone", "delegationRoleArn"],
        message: `must be left out: the parent zone is in the environment's own account ${env.accountId}, which writes the delegation directly`,
      });
    }
    if (env.network.maxInstances < env.network.minInstances) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["network", "maxInstances"],
        message: `must be at least network.minInstances (${env.network.minInstances})`,
      });
    }
    if (env.deletionProtection && env.encryption === "aws-managed") {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["encryption"],
        message: 'must be "kms" where deletionProtection is on (production keeps guest data under a customer-managed key); remove the setting or set encryption: "kms"',
      });
    }
    for (const [setting, reason] of Object.entries(env.overrides)) {
      if (!(setting in PRODUCTION_GUARDRAILS)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["overrides", setting], message: `names no guarded setting; guarded settings are ${Object.keys(PRODUCTION_GUARDRAILS).join(", ")}` });
      } else if (reason.trim().length < MIN_OVERRIDE_REASON) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["overrides", setting], message: `must be a written reason of at least ${MIN_OVERRIDE_REASON} characters saying why ${setting} may be unsafe here` });
      }
    }
    if (env.production) {
      for (const [setting, guard] of Object.entries(PRODUCTION_GUARDRAILS)) {
        if (!guard.unsafe(env) || (env.overrides[setting] ?? "").trim().length >= MIN_OVERRIDE_REASON) continue;
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: setting.split("."),
          message: `is refused in production environment "${env.name}" (production: true; the safe value is ${guard.safe}); to run it anyway, give the reason in overrides["${setting}"], e.g. CFG__${env.name}__overrides__${setting.replaceAll(".", "__")}="<why, at least ${MIN_OVERRIDE_REASON} characters>"`,
        });
      }
    }
    for (const problem of subnetLayoutProblems({ region: env.region, ...env.network })) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["network", ...problem.path], message: problem.message });
    }
  });

/** What an environment file holds (defaults not yet applied). */
export type EnvironmentInput = z.input<typeof environmentSchema>;
/** A validated environment, as stacks and constructs receive it. */
export type EnvironmentConfig = z.output<typeof environmentSchema>;

/** The encryption an environment uses: its `encryption`, or "kms" where deletion protection is on. */
export function encryptionOf(config: Pick<EnvironmentConfig, "encryption" | "deletionProtection">): "kms" | "aws-managed" {
  return config.encryption ?? (config.deletionProtection ? "kms" : "aws-managed");
}
export type BackendConfig = EnvironmentConfig["backend"];
