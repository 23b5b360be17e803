import { LbTargetGroup } from "@cdktf/provider-aws/lib/lb-target-group";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { API_SERVICE_NAME, BUSINESS_METRICS, METRICS_NAMESPACE } from "../app/metrics";
import type { EnvironmentConfig } from "../config/schema";
import { AlarmTopic } from "../constructs/alarm-topic";
import { Dashboard, type DashboardMetric, type MetricWidget } from "../constructs/dashboard";
import { API_TABLE_OPERATIONS } from "./alarms";
import type { ApiStack } from "./api-stack";
import { EnvironmentStack } from "./environment-stack";
import type { NetworkStack } from "./network-stack";
import type { SiteStack } from "./site-stack";

export interface MonitoringStackProps {
  readonly api: ApiStack;
  readonly site: SiteStack;
  readonly network: NetworkStack;
}

/**
 * Where an operator looks: the environment's alarm topics (its region, and us-east-1 for CloudFront's
 * alarms), encrypted with keys of their own, with the configured e-mail subscriptions, and one
 * dashboard of every tier. Deployed last: it reads ids from the other stacks, which in turn notify
 * its topics by ARNs built from config (see stacks/alarms.ts), so there is no cycle.
 */
export class MonitoringStack extends EnvironmentStack {
  public readonly topic: AlarmTopic;
  public readonly usEast1Topic: AlarmTopic;
  public readonly dashboard: Dashboard;

  constructor(scope: Construct, config: EnvironmentConfig, props: MonitoringStackProps) {
    super(scope, "monitoring", config);
    const emails = config.alarms.emails;
    this.topic = new AlarmTopic(this, "alarm-topic", { topicName: this.names.alarmTopic(), accountId: config.accountId, region: config.region, emails });
    this.usEast1Topic = new AlarmTopic(this, "alarm-topic-us-east-1", {
      topicName: this.names.alarmTopic("us-east-1"),
      accountId: config.accountId,
      region: "us-east-1",
      emails,
      provider: this.usEast1Provider,
    });
    this.dashboard = new Dashboard(this, "dashboard", { dashboardName: this.names.of("operations"), region: config.region, widgets: this.widgets(config, props) });

    new TerraformOutput(this, "alarm_topic_arn", { value: this.topic.topic.arn, description: `SNS topic every alarm of ${config.name} in ${config.region} notifies` });
    new TerraformOutput(this, "alarm_topic_us_east_1_arn", { value: this.usEast1Topic.topic.arn, description: "SNS topic CloudFront's alarms (us-east-1) notify" });
    new TerraformOutput(this, "dashboard_url", {
      value: `https://${config.region}.console.aws.amazon.com/cloudwatch/home?region=${config.region}#dashboards/dashboard/${this.dashboard.dashboard.dashboardName}`,
      description: "The operations dashboard in the CloudWatch console",
    });
  }

  private widgets(config: EnvironmentConfig, props: MonitoringStackProps): MetricWidget[] {
    const apiId = props.api.httpApi.api.id;
    const functionName = props.api.function.function.functionName;
    const stateMachineArn = this.names.bookingStateMachineArn;
    const tables = Object.values(props.api.tables).map((t) => t.table.name);
    const lb = props.network.loadBalancer.arnSuffix;
    const targetGroups = props.network.node.findAll().filter((c): c is LbTargetGroup => c instanceof LbTargetGroup);
    const distributionId = props.site.site.distribution.id;
    const m = (namespace: string, metricName: string, dimensions: Record<string, string>, extra: Partial<DashboardMetric> = {}): DashboardMetric => ({ namespace, metricName, dimensions, ...extra });
    const api = (name: string, extra?: Partial<DashboardMetric>) => m("AWS/ApiGateway", name, { ApiId: apiId }, extra);
    const lambda = (name: string, extra?: Partial<DashboardMetric>) => m("AWS/Lambda", name, { FunctionName: functionName }, extra);
    const states = (name: string) => m("AWS/States", name, { StateMachineArn: stateMachineArn });
    const alb = (name: string, extra?: Partial<DashboardMetric>) => m("AWS/ApplicationELB", name, { LoadBalancer: lb }, extra);
    const cloudfront = (name: string) => m("AWS/CloudFront", name, { DistributionId: distributionId, Region: "Global" });
    const business = (name: string) => m(METRICS_NAMESPACE, name, { service: API_SERVICE_NAME });
    const widgets: MetricWidget[] = [
      { title: "API latency (ms)", stat: "p50", metrics: [api("Latency", { stat: "p50", label: "p50" }), api("Latency", { stat: "p99", label: "p99" })] },
      { title: "API requests, 4xx and 5xx", metrics: [api("Count"), api("4xx"), api("5xx")] },
      { title: "API Lambda errors and throttles", metrics: [lambda("Errors"), lambda("Throttles"), lambda("Invocations")] },
      { title: "API Lambda duration (ms) and concurrency", stat: "p99", metrics: [lambda("Duration", { stat: "p50", label: "duration p50" }), lambda("Duration", { stat: "p99", label: "duration p99" }), lambda("ConcurrentExecutions", { stat: "Maximum", label: "concurrency (max)" })] },
      {
        title: "DynamoDB throttles",
        metrics: tables.flatMap((TableName) => ["ReadThrottleEvents", "WriteThrottleEvents"].map((name) => m("AWS/DynamoDB", name, { TableName }))),
      },
      {
        title: "DynamoDB latency (ms, average)",
        stat: "Average",
        metrics: tables.flatMap((TableName) => API_TABLE_OPERATIONS.slice(0, 2).map((Operation) => m("AWS/DynamoDB", "SuccessfulRequestLatency", { TableName, Operation }))),
      },
      { title: "Booking workflow executions", metrics: [states("ExecutionsStarted"), states("ExecutionsSucceeded"), states("ExecutionsFailed"), states("ExecutionsTimedOut")] },
      {
        title: "Booking workflow outcomes",
        metrics: [
          m(METRICS_NAMESPACE, BUSINESS_METRICS.workflowCleanupFailed, {}, { label: "Booking.CleanupFailed" }),
          m(METRICS_NAMESPACE, BUSINESS_METRICS.workflowPaidNotSettled, {}, { label: "Booking.PaidNotSettled" }),
          m(METRICS_NAMESPACE, BUSINESS_METRICS.reservationExpired, {}, { label: "expired (released unpaid)" }),
        ],
      },
      { title: "Reporting load balancer 5xx and response time", metrics: [alb("HTTPCode_Target_5XX_Count"), alb("HTTPCode_ELB_5XX_Count"), alb("TargetResponseTime", { stat: "p99", label: "target response time p99 (s)" })] },
      {
        title: "Reporting fleet health",
        stat: "Minimum",
        metrics: targetGroups.flatMap((tg) => [
          m("AWS/ApplicationELB", "HealthyHostCount", { LoadBalancer: lb, TargetGroup: tg.arnSuffix }),
          m("AWS/ApplicationELB", "UnHealthyHostCount", { LoadBalancer: lb, TargetGroup: tg.arnSuffix }, { stat: "Maximum" }),
        ]),
        periodSeconds: 60,
      },
      { title: "CloudFront error rates (%)", stat: "Average", region: "us-east-1", metrics: [cloudfront("4xxErrorRate"), cloudfront("5xxErrorRate"), cloudfront("TotalErrorRate")] },
      {
        title: "Business events",
        metrics: [
          business(BUSINESS_METRICS.reservationCreated),
          business(BUSINESS_METRICS.reservationConflict),
          business(BUSINESS_METRICS.reservationPaid),
          business(BUSINESS_METRICS.paymentAfterDeadline),
          m(METRICS_NAMESPACE, BUSINESS_METRICS.reservationExpired, {}),
        ],
      },
    ];
    if (config.site.waf) {
      // A CloudFront web ACL's metrics: us-east-1, dimensions WebACL and Rule, no Region.
      widgets.push({ title: "WAF blocked requests", region: "us-east-1", metrics: [m("AWS/WAFV2", "BlockedRequests", { WebACL: this.names.of("site", "wafWebAcl"), Rule: "ALL" }), m("AWS/WAFV2", "AllowedRequests", { WebACL: this.names.of("site", "wafWebAcl"), Rule: "ALL" })] });
    }
    return widgets;
  }
}
