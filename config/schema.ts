import { z } from "zod";
import { subnetLayoutProblems } from "./cidr";

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

/** Retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922,
  3288, 3653,
] as const;

/** Payment checks one booking execution may make (see workflow.pollIntervalSeconds). */
export const MAX_PAYMENT_CHECKS = 2000;

const DNS_LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
const DOMAIN_RE = new RegExp(`^(?:${DNS_LABEL}\\.)+[a-z]{2,63}$`);
const WILDCARD_DOMAIN_RE = new RegExp(`^(?:\\*\\.)?(?:${DNS_LABEL}\\.)+[a-z]{2,63}$`);

/** A lower-case fully qualified domain name without a trailing dot; `*.` in front only when allowed. */
export function isDomainName(name: string, options: { wildcard?: boolean } = {}): boolean {
  return (options.wildcard ? WILDCARD_DOMAIN_RE : DOMAIN_RE).test(name);
}

/** A retention period CloudWatch Logs accepts. */
export function isLogRetentionDays(days: number): boolean {
  return (LOG_RETENTION_DAYS as readonly number[]).includes(days);
}

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
  .refine((d) => d === d.toLowerCase(), (d) => ({
    message: `must be lower-case, e.g. "${d.toLowerCase()}"`,
  }))
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
    parentZone: z
      .object({
        id: z.string().regex(/^Z[A-Z0-9]{1,31}$/, 'must be a Route53 hosted zone id, e.g. "Z0123456789ABCDEFGHIJ"'),
        name: domainName,
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
    if (env.network.maxInstances < env.network.minInstances) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["network", "maxInstances"],
        message: `must be at least network.minInstances (${env.network.minInstances})`,
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
          message: `is refused in production environment "${env.name}" (production: true; the safe value is ${guard.safe}); to run it anyway, give the reason in overrides["${setting}"], e.g. CFG__${env.name}__overrides__${setting}="<why, at least ${MIN_OVERRIDE_REASON} characters>"`,
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
export type BackendConfig = EnvironmentConfig["backend"];
