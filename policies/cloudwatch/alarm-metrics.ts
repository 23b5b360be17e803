import type { StackContext } from "../core/stack-context";
import { blocks, type Json, type Resource } from "../core/rule";

/** One metric an alarm reads: its own, or one of its metric math queries. */
export interface WatchedMetric {
  readonly namespace?: string;
  readonly metricName?: string;
  readonly dimensions: Json;
}

/** Every metric of a `aws_cloudwatch_metric_alarm` (top level and `metric_query { metric }`). */
export function metricsOf(alarm: Resource): WatchedMetric[] {
  const c = alarm.config;
  const found: WatchedMetric[] = [];
  if (c.metric_name) found.push({ namespace: c.namespace, metricName: c.metric_name, dimensions: c.dimensions ?? {} });
  for (const query of blocks(c.metric_query)) {
    for (const m of blocks(query.metric)) found.push({ namespace: m.namespace, metricName: m.metric_name, dimensions: m.dimensions ?? {} });
  }
  return found;
}

/**
 * The alarms of the stack on one of `metricNames` in `namespace` whose `dimension` points at
 * `target` (by one of `targetAttributes`, or by its literal value).
 */
export function alarmsOn(stack: StackContext, target: Resource, namespace: string, metricNames: readonly string[], dimension: string, targetAttributes: readonly string[]): Resource[] {
  return stack
    .ofType("aws_cloudwatch_metric_alarm")
    .filter((alarm) =>
      metricsOf(alarm).some((m) => m.namespace === namespace && metricNames.includes(String(m.metricName)) && stack.refersTo(m.dimensions[dimension], target, targetAttributes)),
    );
}
