/** CloudWatch metrics and sampled requests for a web ACL or one of its rules. */
export function wafVisibility(metricName: string) {
  return { cloudwatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName };
}

/**
 * The rules both web ACLs start with: AWS managed rule groups in the given order (their own actions),
 * then a per-IP rate limit over 5 minutes that blocks. Metric names are `<aclName>-<rule>`.
 */
export function managedRulesThenRateLimit(aclName: string, groups: readonly string[], rateLimit: number) {
  return [
    ...groups.map((group, priority) => ({
      name: group,
      priority,
      overrideAction: { none: {} },
      statement: { managed_rule_group_statement: { vendor_name: "AWS", name: group } },
      visibilityConfig: wafVisibility(`${aclName}-${group}`),
    })),
    {
      name: "rate-limit-per-ip",
      priority: groups.length,
      action: { block: {} },
      statement: { rate_based_statement: { limit: rateLimit, aggregate_key_type: "IP", evaluation_window_sec: 300 } },
      visibilityConfig: wafVisibility(`${aclName}-rate-limit-per-ip`),
    },
  ];
}
