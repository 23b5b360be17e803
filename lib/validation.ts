/** Retention periods CloudWatch Logs accepts. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const DNS_LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
/** A lower-case fully qualified domain name without a trailing dot. */
export const DOMAIN_RE = new RegExp(`^(?:${DNS_LABEL}\\.)+[a-z]{2,63}$`);
const WILDCARD_DOMAIN_RE = new RegExp(`^(?:\\*\\.)?(?:${DNS_LABEL}\\.)+[a-z]{2,63}$`);

/** A lower-case fully qualified domain name without a trailing dot; `*.` in front only when allowed. */
export function isDomainName(name: string, options: { wildcard?: boolean } = {}): boolean {
  return (options.wildcard ? WILDCARD_DOMAIN_RE : DOMAIN_RE).test(name);
}

/** A retention period CloudWatch Logs accepts. */
export function isLogRetentionDays(days: number): boolean {
  return (LOG_RETENTION_DAYS as readonly number[]).includes(days);
}
