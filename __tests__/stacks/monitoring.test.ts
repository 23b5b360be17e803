import { join } from "node:path";
import { SRE_WORKBOOK_WINDOWS } from "../../constructs/burn-rate-alarms";
import { buildEnvironment } from "../../stacks";
import { resources, scrub, synth, synthesizedEnvironment, testConfig, Testing, type Json } from "../helpers";

const WEB_FIXTURE = join(__dirname, "..", "fixtures", "web-dist");

/** The default configuration's stacks come from the run's shared synth; overrides build their own. */
function build(env: "dev" | "prod", overrides: Record<string, string> = {}) {
  if (Object.keys(overrides).length === 0) return { config: testConfig(env), ...synthesizedEnvironment(env) };
  const config = testConfig(env, overrides);
  const app = Testing.app();
  const stacks = buildEnvironment(app, config, WEB_FIXTURE);
  const all = [stacks.dns, stacks.site, stacks.api, stacks.workflow, stacks.network, stacks.monitoring];
  for (const stack of all) stack.prepareStack();
  return {
    config,
    api: synth(stacks.api),
    workflow: synth(stacks.workflow),
    network: synth(stacks.network),
    site: synth(stacks.site),
    monitoring: synth(stacks.monitoring),
  };
}

const alarms = (json: Json): Json[] => Object.values(resources(json, "aws_cloudwatch_metric_alarm"));
const alarmNamed = (json: Json, name: string): Json => {
  const found = alarms(json).find((a) => a.alarm_name === name);
  if (!found) throw new Error(`no alarm ${name}; alarms: ${alarms(json).map((a) => a.alarm_name).join(", ")}`);
  return found;
};
/** Every metric an alarm reads, as "<namespace> <metric> <stat>". */
const metricsOf = (alarm: Json): string[] =>
  alarm.metric_name
    ? [`${alarm.namespace} ${alarm.metric_name} ${alarm.statistic ?? alarm.extended_statistic}`]
    : alarm.metric_query.filter((q: Json) => q.metric).map((q: Json) => `${q.metric.namespace} ${q.metric.metric_name} ${q.metric.stat}`);

describe.each(["dev", "prod"] as const)("alarms of %s", (env) => {
  const built = build(env);
  const { config } = built;
  const topic = `arn:aws:sns:${config.region}:${config.accountId}:booking-${env}-alarms`;
  const p = `booking-${env}`;

  test("every metric alarm says what to do without data and notifies the topic of its region (or is a composite's condition)", () => {
    for (const stack of [built.api, built.workflow, built.network]) {
      for (const a of alarms(stack)) {
        expect(["breaching", "notBreaching", "ignore"]).toContain(a.treat_missing_data);
        if (!a.alarm_name.includes("-burn-")) expect(a.alarm_actions).toEqual([topic]);
      }
    }
    const cloudfront = alarmNamed(built.site, `${p}-site-cloudfront-5xx-rate`);
    expect(cloudfront.alarm_actions).toEqual([`arn:aws:sns:us-east-1:${config.accountId}:booking-${env}-alarms-us-east-1`]);
    expect(cloudfront.provider).toBe("aws.us_east_1");
    expect(cloudfront.dimensions).toEqual({ DistributionId: expect.stringContaining("aws_cloudfront_distribution."), Region: "Global" });
    expect(cloudfront.threshold).toBe(config.alarms.cloudfront5xxPercent);
  });

  test("the API stack alarms on Lambda errors and throttles, API 5xx and p99 latency, and DynamoDB throttles and system errors, at the configured thresholds", () => {
    const a = built.api;
    expect(alarmNamed(a, `${p}-api-lambda-errors`)).toMatchObject({ namespace: "AWS/Lambda", metric_name: "Errors", threshold: config.alarms.lambdaErrors, treat_missing_data: "notBreaching", comparison_operator: "GreaterThanThreshold" });
    expect(alarmNamed(a, `${p}-api-lambda-throttles`)).toMatchObject({ metric_name: "Throttles", threshold: config.alarms.lambdaThrottles });
    expect(alarmNamed(a, `${p}-api-5xx`)).toMatchObject({ namespace: "AWS/ApiGateway", metric_name: "5xx", threshold: config.alarms.apiServerErrors });
    expect(alarmNamed(a, `${p}-api-latency-p99`)).toMatchObject({ extended_statistic: "p99", threshold: config.alarms.apiLatencyP99Ms, evaluate_low_sample_count_percentiles: "evaluate" });
    for (const table of ["apartments", "reservations", "nights"]) {
      expect(metricsOf(alarmNamed(a, `${p}-${table}-table-throttles`))).toEqual(["AWS/DynamoDB ReadThrottleEvents Sum", "AWS/DynamoDB WriteThrottleEvents Sum"]);
      // One per operation the API calls: GetItem, PutItem, UpdateItem, Scan, TransactWriteItems, BatchGetItem, DeleteItem.
      expect(metricsOf(alarmNamed(a, `${p}-${table}-table-system-errors`))).toHaveLength(7);
    }
  });

  test("the API's SLOs have multiwindow burn-rate alarms (1h/5m at 14.4x, 6h/30m at 6x) joined by composite alarms that notify", () => {
    const composites = Object.values(resources(built.api, "aws_cloudwatch_composite_alarm"));
    expect(composites.map((c) => c.alarm_name).sort()).toEqual([
      `${p}-api-availability-burn-1h-5m`, `${p}-api-availability-burn-6h-30m`, `${p}-api-latency-burn-1h-5m`, `${p}-api-latency-burn-6h-30m`,
    ]);
    for (const c of composites) {
      expect(c.alarm_actions).toEqual([topic]);
      expect(c.alarm_rule).toMatch(/^ALARM\("\$\{aws_cloudwatch_metric_alarm\.[\w-]+\.alarm_name\}"\) AND ALARM\("\$\{aws_cloudwatch_metric_alarm\.[\w-]+\.alarm_name\}"\)$/);
    }
    const budget = (100 - config.slo.availabilityPercent) / 100;
    for (const [window, burn, period] of [["1h", 14.4, 3600], ["5m", 14.4, 300], ["6h", 6, 21600], ["30m", 6, 1800]] as const) {
      const tier = burn === 14.4 ? "1h-5m" : "6h-30m";
      const a = alarmNamed(built.api, `${p}-api-availability-burn-${tier}-${window}`);
      expect(a).toMatchObject({ threshold: burn, treat_missing_data: "notBreaching", evaluation_periods: 1, alarm_actions: [] });
      const expression = a.metric_query.find((q: Json) => q.expression).expression as string;
      expect(expression).toBe(`(IF(m1 > 0, FILL(m0, 0) / m1, 0)) / ${Number(budget.toPrecision(12))}`);
      expect(a.metric_query.filter((q: Json) => q.metric).map((q: Json) => [q.metric.metric_name, q.metric.period])).toEqual([["5xx", period], ["Count", period]]);
    }
    const latency = alarmNamed(built.api, `${p}-api-latency-burn-1h-5m-1h`);
    expect(metricsOf(latency)).toEqual([`AWS/ApiGateway Latency PR(:${config.slo.latencyThresholdMs})`]);
    expect(SRE_WORKBOOK_WINDOWS).toHaveLength(2);
  });

  test("the workflow stack alarms on failed and timed-out executions and on the two failure outcomes, counted from its log", () => {
    const w = built.workflow;
    expect(alarmNamed(w, `${p}-booking-workflow-failed`)).toMatchObject({ namespace: "AWS/States", metric_name: "ExecutionsFailed", dimensions: { StateMachineArn: expect.stringContaining("aws_sfn_state_machine.") } });
    expect(alarmNamed(w, `${p}-booking-workflow-timed-out`)).toMatchObject({ metric_name: "ExecutionsTimedOut" });
    expect(alarmNamed(w, `${p}-booking-workflow-cleanup-failed`)).toMatchObject({ namespace: "Booking", metric_name: "WorkflowCleanupFailed", threshold: 0 });
    expect(alarmNamed(w, `${p}-booking-workflow-paid-not-settled`)).toMatchObject({ namespace: "Booking", metric_name: "WorkflowPaidNotSettled", threshold: 0 });
    const filters = Object.values(resources(w, "aws_cloudwatch_log_metric_filter")).map((f) => [f.metric_transformation.name, f.pattern]);
    expect(filters).toEqual(expect.arrayContaining([
      ["WorkflowCleanupFailed", '{ $.type = "ExecutionFailed" && $.details.error = "Booking.CleanupFailed" }'],
      ["WorkflowPaidNotSettled", '{ $.type = "ExecutionFailed" && $.details.error = "Booking.PaidNotSettled" }'],
    ]));
  });

  test("the network stack alarms on load balancer 5xx, unhealthy hosts and a fleet with no healthy host (missing data breaches)", () => {
    const n = built.network;
    expect(metricsOf(alarmNamed(n, `${p}-reporting-alb-5xx`))).toEqual(["AWS/ApplicationELB HTTPCode_ELB_5XX_Count Sum", "AWS/ApplicationELB HTTPCode_Target_5XX_Count Sum"]);
    expect(alarmNamed(n, `${p}-reporting-unhealthy-hosts`)).toMatchObject({ metric_name: "UnHealthyHostCount", treat_missing_data: "breaching", threshold: config.alarms.unhealthyHosts, dimensions: { LoadBalancer: expect.stringContaining("arn_suffix"), TargetGroup: expect.stringContaining("arn_suffix") } });
    expect(alarmNamed(n, `${p}-reporting-no-healthy-host`)).toMatchObject({ metric_name: "HealthyHostCount", comparison_operator: "LessThanThreshold", threshold: 1, treat_missing_data: "breaching" });
  });
});

describe("monitoring stack", () => {
  const prod = build("prod", { "alarms.emails": '["oncall@example.com","ops@example.com"]' });
  const m = prod.monitoring;

  test("owns an alarm topic per region, encrypted with a customer-managed key CloudWatch may use, with the configured e-mail subscriptions", () => {
    const topics = Object.values(resources(m, "aws_sns_topic"));
    expect(topics.map((t) => t.name).sort()).toEqual(["booking-prod-alarms", "booking-prod-alarms-us-east-1"]);
    for (const t of topics) expect(t.kms_master_key_id).toMatch(/^\$\{aws_kms_key\.[\w-]+\.arn\}$/);
    for (const key of Object.values(resources(m, "aws_kms_key"))) {
      expect(key.enable_key_rotation).toBe(true);
      const statement = JSON.parse(key.policy).Statement.find((s: Json) => s.Sid === "CloudWatchAlarmsEncrypt");
      expect(statement).toMatchObject({ Principal: { Service: "cloudwatch.amazonaws.com" }, Action: ["kms:Decrypt", "kms:GenerateDataKey*"], Condition: { StringEquals: { "aws:SourceAccount": "222222222222" } } });
    }
    const subscriptions = Object.values(resources(m, "aws_sns_topic_subscription"));
    expect(subscriptions.map((s) => [s.protocol, s.endpoint])).toEqual([
      ["email", "oncall@example.com"], ["email", "ops@example.com"], ["email", "oncall@example.com"], ["email", "ops@example.com"],
    ]);
  });

  test("its dashboard shows every tier: API, Lambda, DynamoDB, workflow and its outcomes, load balancer, CloudFront, WAF and business metrics", () => {
    const dashboard = Object.values(resources(m, "aws_cloudwatch_dashboard"))[0];
    const widgets = JSON.parse(dashboard.dashboard_body).widgets as Json[];
    const byTitle = new Map(widgets.map((w) => [w.properties.title as string, w.properties]));
    const names = (title: string) => {
      const w = byTitle.get(title);
      if (!w) throw new Error(`no widget "${title}"; widgets: ${[...byTitle.keys()].join(", ")}`);
      return w.metrics.map((metric: unknown[]) => `${metric[1]}${(metric[metric.length - 1] as Json).stat ? ` ${(metric[metric.length - 1] as Json).stat}` : ""}`);
    };
    expect(names("API latency (ms)")).toEqual(["Latency p50", "Latency p99"]);
    expect(names("API requests, 4xx and 5xx")).toEqual(["Count", "4xx", "5xx"]);
    expect(names("API Lambda errors and throttles")).toEqual(expect.arrayContaining(["Errors", "Throttles"]));
    expect(names("API Lambda duration (ms) and concurrency")).toEqual(["Duration p50", "Duration p99", "ConcurrentExecutions Maximum"]);
    expect(names("DynamoDB throttles")).toEqual(expect.arrayContaining(["ReadThrottleEvents", "WriteThrottleEvents"]));
    expect(names("DynamoDB latency (ms, average)")).toContain("SuccessfulRequestLatency");
    expect(names("Booking workflow executions")).toEqual(["ExecutionsStarted", "ExecutionsSucceeded", "ExecutionsFailed", "ExecutionsTimedOut"]);
    expect(names("Booking workflow outcomes")).toEqual(["WorkflowCleanupFailed", "WorkflowPaidNotSettled", "ReservationExpired"]);
    expect(names("Reporting load balancer 5xx and response time")).toEqual(["HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count", "TargetResponseTime p99"]);
    expect(names("Reporting fleet health")).toEqual(["HealthyHostCount", "UnHealthyHostCount Maximum"]);
    expect(byTitle.get("CloudFront error rates (%)")).toMatchObject({ region: "us-east-1" });
    expect(names("CloudFront error rates (%)")).toEqual(["4xxErrorRate", "5xxErrorRate", "TotalErrorRate"]);
    expect(byTitle.get("WAF blocked requests")).toMatchObject({ region: "us-east-1" });
    expect(names("WAF blocked requests")).toContain("BlockedRequests");
    expect(names("Business events")).toEqual(["ReservationCreated", "ReservationConflict", "ReservationPaid", "PaymentAfterDeadline", "ReservationExpired"]);
    // No dimension of any widget is a reservation id; the API's business metrics are by service only.
    for (const metric of byTitle.get("Business events")!.metrics.slice(0, 4)) expect(metric.slice(2, -1)).toEqual(["service", "booking-api"]);
  });

  test("has no WAF widget where the environment runs without WAF", () => {
    const dev = build("dev");
    const widgets = JSON.parse(Object.values(resources(dev.monitoring, "aws_cloudwatch_dashboard"))[0].dashboard_body).widgets as Json[];
    expect(widgets.map((w) => w.properties.title)).not.toContain("WAF blocked requests");
  });
});

describe("monitoring stack snapshot", () => {
  test("prod, default configuration (the run's shared synth)", () => {
    // Without cdktf's "//" metadata (it names the cdktf version; CI also runs the tests on CDK Terrain).
    expect(JSON.parse(JSON.stringify(scrub(build("prod").monitoring), (key, value) => (key === "//" ? undefined : value)))).toMatchSnapshot();
  });
});
