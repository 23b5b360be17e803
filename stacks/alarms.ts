/**
 * The alarms each stack carries for what it runs (see docs/operations.md for what each means and what
 * to check first). They live in the stack of the resource they watch, so a stack's contract includes
 * its alarms and the guardrail rules (policies/cloudwatch/) can check each stack on its own; they
 * notify the environment's alarm topic by an ARN built from config (the monitoring stack owns the
 * topic and depends on these stacks for its dashboard, so a reference would make a cycle).
 */
import { CloudwatchLogMetricFilter } from "@cdktf/provider-aws/lib/cloudwatch-log-metric-filter";
import type { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { BUSINESS_METRICS, METRICS_NAMESPACE } from "../app/metrics";
import { Alarm, type AlarmMetric } from "../constructs/alarm";
import { BurnRateAlarms } from "../constructs/burn-rate-alarms";
import type { ApiStack } from "./api-stack";
import type { EnvironmentStack } from "./environment-stack";
import type { NetworkStack } from "./network-stack";
import type { SiteStack } from "./site-stack";
import type { WorkflowStack } from "./workflow-stack";

const FIVE_MINUTES = 300;

/** The DynamoDB operations the API calls (app/api/store.ts); SystemErrors is published per operation. */
export const API_TABLE_OPERATIONS = ["GetItem", "PutItem", "UpdateItem", "Scan", "TransactWriteItems", "BatchGetItem", "DeleteItem"] as const;

/** Metrics the booking workflow's log metric filters publish (namespace METRICS_NAMESPACE, no dimension). */
export const WORKFLOW_METRICS = {
  cleanupFailed: BUSINESS_METRICS.workflowCleanupFailed,
  paidNotSettled: BUSINESS_METRICS.workflowPaidNotSettled,
  reservationExpired: BUSINESS_METRICS.reservationExpired,
} as const;

function alarmName(stack: EnvironmentStack, purpose: string): string {
  return stack.names.of(purpose, "alarm");
}

/** A sum of counts that may be missing in a period (no event published), as one series. */
function sumOf(metrics: readonly AlarmMetric[]): string {
  return metrics.map((_, i) => `FILL(m${i}, 0)`).join(" + ");
}

/**
 * Errors of a helper function that runs on a schedule or an event (the hold sweeper, the secret
 * rotation): one failed run is worth a look, and no runs means no data, which is fine.
 */
export function addFunctionErrorAlarm(stack: EnvironmentStack, id: string, purpose: string, functionName: string): void {
  new Alarm(stack, id, {
    alarmName: alarmName(stack, `${purpose}-errors`),
    description: `Lambda ${functionName}: a failed run in 5 minutes. Check its log group for level ERROR lines and the cause.`,
    metric: { namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: functionName }, stat: "Sum" },
    periodSeconds: FIVE_MINUTES,
    evaluationPeriods: 1,
    threshold: 0,
    comparison: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
    topicArn: stack.names.alarmTopicArn(),
  });
}

export function addApiAlarms(stack: ApiStack): void {
  addFunctionErrorAlarm(stack, "alarm-sweeper-errors", "hold-sweeper", stack.sweeper.function.functionName);
  const { config } = stack;
  const t = config.alarms;
  const topicArn = stack.names.alarmTopicArn();
  const functionName = stack.function.function.functionName;
  const apiId = stack.httpApi.api.id;
  const lambda = (metricName: string): AlarmMetric => ({ namespace: "AWS/Lambda", metricName, dimensions: { FunctionName: functionName }, stat: "Sum" });
  const api = (metricName: string, stat = "Sum"): AlarmMetric => ({ namespace: "AWS/ApiGateway", metricName, dimensions: { ApiId: apiId }, stat });

  // No invocations, no errors: missing data is fine for counts of bad events.
  new Alarm(stack, "alarm-lambda-errors", {
    alarmName: alarmName(stack, "api-lambda-errors"),
    description: `API Lambda ${functionName}: more than ${t.lambdaErrors} failed invocations in 5 minutes. Check its log group for level ERROR lines.`,
    metric: lambda("Errors"),
    periodSeconds: FIVE_MINUTES,
    evaluationPeriods: 1,
    threshold: t.lambdaErrors,
    comparison: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
    topicArn,
  });
  new Alarm(stack, "alarm-lambda-throttles", {
    alarmName: alarmName(stack, "api-lambda-throttles"),
    description: `API Lambda ${functionName}: more than ${t.lambdaThrottles} throttled invocations in 5 minutes. Check the account's concurrency and the ConcurrentExecutions widget.`,
    metric: lambda("Throttles"),
    periodSeconds: FIVE_MINUTES,
    evaluationPeriods: 1,
    threshold: t.lambdaThrottles,
    comparison: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
    topicArn,
  });
  new Alarm(stack, "alarm-api-5xx", {
    alarmName: alarmName(stack, "api-5xx"),
    description: `Booking API: more than ${t.apiServerErrors} 5xx answers in 5 minutes. Check the request lines with status >= 500 in the API Lambda's logs.`,
    metric: api("5xx"),
    periodSeconds: FIVE_MINUTES,
    evaluationPeriods: 1,
    threshold: t.apiServerErrors,
    comparison: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
    topicArn,
  });
  // Two of three 5-minute periods: one slow cold start is not an incident.
  new Alarm(stack, "alarm-api-latency", {
    alarmName: alarmName(stack, "api-latency-p99"),
    description: `Booking API: p99 latency above ${t.apiLatencyP99Ms} ms in 2 of 3 five-minute periods. Check DynamoDB latency and Lambda duration on the dashboard.`,
    metric: api("Latency", "p99"),
    periodSeconds: FIVE_MINUTES,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    threshold: t.apiLatencyP99Ms,
    comparison: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
    topicArn,
  });

  for (const [key, table] of Object.entries(stack.tables)) {
    const tableName = table.table.name;
    const throttles: AlarmMetric[] = ["ReadThrottleEvents", "WriteThrottleEvents"].map((metricName) => ({ namespace: "AWS/DynamoDB", metricName, dimensions: { TableName: tableName }, stat: "Sum" }));
    new Alarm(stack, `alarm-${key}-throttles`, {
      alarmName: alarmName(stack, `${key}-table-throttles`),
      description: `DynamoDB table ${key}: more than ${t.dynamodbThrottles} throttled reads and writes in 5 minutes (on-demand tables throttle past their peak or on a hot key). Check the table's consumed capacity.`,
      expression: sumOf(throttles),
      metrics: throttles,
      periodSeconds: FIVE_MINUTES,
      evaluationPeriods: 1,
      threshold: t.dynamodbThrottles,
      comparison: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
      topicArn,
    });
    const systemErrors: AlarmMetric[] = API_TABLE_OPERATIONS.map((Operation) => ({ namespace: "AWS/DynamoDB", metricName: "SystemErrors", dimensions: { TableName: tableName, Operation }, stat: "Sum" }));
    new Alarm(stack, `alarm-${key}-system-errors`, {
      alarmName: alarmName(stack, `${key}-table-system-errors`),
      description: `DynamoDB table ${key}: DynamoDB answered 500s in the last 5 minutes. Check the AWS Health Dashboard for DynamoDB in ${config.region}.`,
      expression: sumOf(systemErrors),
      metrics: systemErrors,
      periodSeconds: FIVE_MINUTES,
      evaluationPeriods: 1,
      threshold: 0,
      comparison: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
      topicArn,
    });
  }

  const { slo } = config;
  new BurnRateAlarms(stack, "slo-availability", {
    namePrefix: alarmName(stack, "api-availability"),
    objective: `${slo.availabilityPercent}% of API requests answer without a 5xx`,
    objectivePercent: slo.availabilityPercent,
    errorRatio: { metrics: [api("5xx"), api("Count")], expression: "IF(m1 > 0, FILL(m0, 0) / m1, 0)" },
    topicArn,
  });
  new BurnRateAlarms(stack, "slo-latency", {
    namePrefix: alarmName(stack, "api-latency"),
    objective: `${slo.latencyPercent}% of API requests answer within ${slo.latencyThresholdMs} ms`,
    objectivePercent: slo.latencyPercent,
    // PR(:x) is the percentage of requests at or under x ms (CloudWatch percentile rank).
    errorRatio: { metrics: [api("Latency", `PR(:${slo.latencyThresholdMs})`)], expression: "(100 - m0) / 100" },
    topicArn,
  });
}

export function addWorkflowAlarms(stack: WorkflowStack, logGroup: CloudwatchLogGroup): void {
  const t = stack.config.alarms;
  const topicArn = stack.names.alarmTopicArn();
  const states = (metricName: string): AlarmMetric => ({ namespace: "AWS/States", metricName, dimensions: { StateMachineArn: stack.stateMachine.arn }, stat: "Sum" });
  for (const [id, metricName, what] of [
    ["failed", "ExecutionsFailed", "failed"],
    ["timed-out", "ExecutionsTimedOut", "timed out"],
  ] as const) {
    new Alarm(stack, `alarm-executions-${id}`, {
      alarmName: alarmName(stack, `booking-workflow-${id}`),
      description: `Booking workflow: more than ${t.workflowFailures} executions ${what} in 5 minutes. Open the failed executions in the Step Functions console; the error names the outcome (Booking.*).`,
      metric: states(metricName),
      periodSeconds: FIVE_MINUTES,
      evaluationPeriods: 1,
      threshold: t.workflowFailures,
      comparison: "GreaterThanThreshold",
      treatMissingData: "notBreaching",
      topicArn,
    });
  }

  // The workflow's own outcomes, counted from its execution log (level ALL logs every event).
  const filter = (id: string, metricName: string, pattern: string) =>
    new CloudwatchLogMetricFilter(stack, `metric-${id}`, {
      name: metricName,
      logGroupName: logGroup.name,
      pattern,
      metricTransformation: { name: metricName, namespace: METRICS_NAMESPACE, value: "1", unit: "Count" },
    });
  filter("cleanup-failed", WORKFLOW_METRICS.cleanupFailed, '{ $.type = "ExecutionFailed" && $.details.error = "Booking.CleanupFailed" }');
  filter("paid-not-settled", WORKFLOW_METRICS.paidNotSettled, '{ $.type = "ExecutionFailed" && $.details.error = "Booking.PaidNotSettled" }');
  filter("reservation-expired", WORKFLOW_METRICS.reservationExpired, '{ $.type = "SucceedStateEntered" && $.details.name = "Released" }');
  for (const [id, metricName, meaning] of [
    ["cleanup-failed", WORKFLOW_METRICS.cleanupFailed, "Booking.CleanupFailed: DynamoDB kept failing on the error path and an apartment may stay reserved. Once DynamoDB is healthy, start the execution again with the same input."],
    ["paid-not-settled", WORKFLOW_METRICS.paidNotSettled, "Booking.PaidNotSettled: a paid reservation is not confirmed yet. Start the execution again with the same input to finish it."],
  ] as const) {
    new Alarm(stack, `alarm-${id}`, {
      alarmName: alarmName(stack, `booking-workflow-${id}`),
      description: `Booking workflow outcome ${meaning}`,
      metric: { namespace: METRICS_NAMESPACE, metricName, dimensions: {}, stat: "Sum" },
      periodSeconds: FIVE_MINUTES,
      evaluationPeriods: 1,
      threshold: 0,
      comparison: "GreaterThanThreshold",
      // The filter publishes only when the outcome happens.
      treatMissingData: "notBreaching",
      topicArn,
    });
  }
}

export function addNetworkAlarms(stack: NetworkStack): void {
  const t = stack.config.alarms;
  const topicArn = stack.names.alarmTopicArn();
  const lb = stack.loadBalancer.arnSuffix;
  // Found rather than passed: wherever the reporting tier keeps it, the stack has one target group.
  const targetGroups = stack.node.findAll().filter((c): c is LbTargetGroup => c instanceof LbTargetGroup);
  const fiveXx: AlarmMetric[] = ["HTTPCode_ELB_5XX_Count", "HTTPCode_Target_5XX_Count"].map((metricName) => ({ namespace: "AWS/ApplicationELB", metricName, dimensions: { LoadBalancer: lb }, stat: "Sum" }));
  new Alarm(stack, "alarm-alb-5xx", {
    alarmName: alarmName(stack, "reporting-alb-5xx"),
    description: `Reporting load balancer: more than ${t.loadBalancer5xx} 5xx answers (its own and the instances') in 5 minutes. Check the target health and the reporting service's journal (SSM Session Manager).`,
    expression: sumOf(fiveXx),
    metrics: fiveXx,
    periodSeconds: FIVE_MINUTES,
    evaluationPeriods: 1,
    threshold: t.loadBalancer5xx,
    comparison: "GreaterThanThreshold",
    treatMissingData: "notBreaching",
    topicArn,
  });
  targetGroups.forEach((tg, i) => {
    const dimensions = { LoadBalancer: lb, TargetGroup: tg.arnSuffix };
    const suffix = i === 0 ? "" : `-${i}`;
    // The load balancer reports host counts every minute: no data means it is not watching.
    new Alarm(stack, `alarm-unhealthy-hosts${suffix}`, {
      alarmName: alarmName(stack, `reporting-unhealthy-hosts${suffix}`),
      description: `Reporting fleet: more than ${t.unhealthyHosts} instances failed health checks for 3 minutes. Check the target group's health reasons and the instance's journal.`,
      metric: { namespace: "AWS/ApplicationELB", metricName: "UnHealthyHostCount", dimensions, stat: "Maximum" },
      periodSeconds: 60,
      evaluationPeriods: 3,
      threshold: t.unhealthyHosts,
      comparison: "GreaterThanThreshold",
      treatMissingData: "breaching",
      topicArn,
    });
    new Alarm(stack, `alarm-no-healthy-host${suffix}`, {
      alarmName: alarmName(stack, `reporting-no-healthy-host${suffix}`),
      description: "Reporting fleet: no healthy instance for 3 minutes, the reporting service is down. Check the Auto Scaling group's activity and the instances' user data log.",
      metric: { namespace: "AWS/ApplicationELB", metricName: "HealthyHostCount", dimensions, stat: "Minimum" },
      periodSeconds: 60,
      evaluationPeriods: 3,
      threshold: 1,
      comparison: "LessThanThreshold",
      treatMissingData: "breaching",
      topicArn,
    });
  });
}

/** CloudFront publishes its metrics in us-east-1: the alarm and the topic it notifies live there. */
export function addSiteAlarms(stack: SiteStack): void {
  const t = stack.config.alarms;
  if (stack.originVerify) addFunctionErrorAlarm(stack, "alarm-origin-verify-rotation-errors", "site-origin-verify-rotation", stack.originVerify.rotation.function.functionName);
  new Alarm(stack, "alarm-cloudfront-5xx", {
    provider: stack.usEast1Provider,
    alarmName: alarmName(stack, "site-cloudfront-5xx-rate"),
    description: `CloudFront: more than ${t.cloudfront5xxPercent}% of requests answered 5xx in 2 of 3 five-minute periods. Check which origin fails (/api/* is the API, the rest S3) on the dashboard.`,
    metric: { namespace: "AWS/CloudFront", metricName: "5xxErrorRate", dimensions: { DistributionId: stack.site.distribution.id, Region: "Global" }, stat: "Average" },
    periodSeconds: FIVE_MINUTES,
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    threshold: t.cloudfront5xxPercent,
    comparison: "GreaterThanThreshold",
    // No requests, no rate.
    treatMissingData: "notBreaching",
    topicArn: stack.names.alarmTopicArn("us-east-1"),
  });
}
