import { NAME_LIMITS, type NameKind } from "./naming";
import type { EnvironmentInput } from "./schema";

/** A preview environment's name: `pr` and the pull request number, e.g. `pr42`. */
export const PREVIEW_NAME_RE = /^pr([1-9][0-9]*)$/;

/** The label that asks for a preview environment on a pull request. */
export const PREVIEW_LABEL = "preview";

/**
 * The physical names whose limits are tightest, as the stacks build them (`Names.of(purpose, kind)`;
 * buckets also end in `-<accountId>`). A preview name must fit all of them *without* the hash the
 * naming helper falls back to, so a preview's resources stay recognisable in the console.
 */
export const PREVIEW_NAME_CHECKS: ReadonlyArray<{ readonly purpose: string; readonly kind: NameKind | "bucket" }> = [
  { purpose: "reporting", kind: "loadBalancer" },
  { purpose: "reporting", kind: "targetGroup" },
  { purpose: "reporting-artifacts", kind: "bucket" },
  { purpose: "reporting-instance", kind: "iamRole" },
  { purpose: "booking-workflow", kind: "iamRole" },
  { purpose: "vpc-flow-logs", kind: "iamRole" },
  { purpose: "api", kind: "lambda" },
];

/**
 * ACM: "the length of the domain name (technically, the Common Name) that you provide cannot exceed
 * 64 octets (characters), including periods" (RequestCertificate DomainName, ACM API reference).
 */
export const CERTIFICATE_DOMAIN_LIMIT = 64;

/** Why `name` cannot be a preview of `base`, as one sentence per broken limit (empty when it can). */
export function previewNameProblems(name: string, base: EnvironmentInput): string[] {
  const problems: string[] = [];
  // config/schema.ts: environment names are 2-10 characters (they are part of every stack id and name).
  if (name.length > 10) problems.push(`the environment name "${name}" would be ${name.length} characters, over the 10 an environment name may have`);
  for (const { purpose, kind } of PREVIEW_NAME_CHECKS) {
    const physical = kind === "bucket" ? `${base.project}-${name}-${purpose}-${base.accountId}` : `${base.project}-${name}-${purpose}`;
    const limit = NAME_LIMITS[kind];
    if (physical.length > limit) problems.push(`the ${kind} name "${physical}" would be ${physical.length} characters, over the AWS limit of ${limit}`);
  }
  const domain = previewDomain(name, base);
  for (const sub of [base.api.subdomain, base.network.subdomain]) {
    const fqdn = `${sub}.${domain}`;
    if (fqdn.length > CERTIFICATE_DOMAIN_LIMIT) {
      problems.push(`the certificate domain "${fqdn}" would be ${fqdn.length} characters, over ACM's limit of ${CERTIFICATE_DOMAIN_LIMIT}`);
    }
  }
  if (domain.length > CERTIFICATE_DOMAIN_LIMIT) problems.push(`the site domain "${domain}" would be ${domain.length} characters, over ACM's limit of ${CERTIFICATE_DOMAIN_LIMIT}`);
  return problems;
}

/** `pr42.dev.booking.example.com`: the preview's own subdomain under its base environment's domain. */
export function previewDomain(name: string, base: EnvironmentInput): string {
  return `${name}.${base.domain}`;
}

/**
 * The environment `pr<number>` derived from `base`: same account, region and backend (its own state
 * keys, because every key carries the stack id), its own subdomain delegated from the base's zone,
 * and the cheapest settings the schema allows. It has no state stack of its own and no previews.
 */
export function previewInput(base: EnvironmentInput, number: number): EnvironmentInput {
  const name = `pr${number}`;
  return {
    ...structuredClone(base),
    name,
    domain: previewDomain(name, base),
    // The parent is the base's own zone; its id comes from the base's dns state (stacks/dns-stack.ts),
    // so the id kept here is never used for a preview.
    // The base's zone lives in the base's own account: no delegation role.
    parentZone: { id: base.parentZone.id, name: base.domain, accountId: base.accountId },
    // AWS tag values allow letters, digits, spaces and _ . : / = + - @ only (the tags-values rule): no "#".
    tags: { ...base.tags, Environment: name, Preview: `${base.name}/pull/${number}` },
    site: { ...base.site, waf: false, priceClass: "PriceClass_100" },
    api: { ...base.api, throttleRateLimit: 10, throttleBurstLimit: 20, memoryMb: 256 },
    network: { ...base.network, natGateways: "single", instanceType: "t4g.micro", minInstances: 2, maxInstances: 2 },
    logRetentionDays: 3,
    deletionProtection: false,
    delivery: base.delivery ? { ...base.delivery, previews: false } : undefined,
    preview: { of: base.name, number },
  };
}
