import { CloudwatchDashboard } from "@cdktf/provider-aws/lib/cloudwatch-dashboard";
import { Construct } from "constructs";

/** One line of a metric widget: namespace, metric name, dimensions, and how to show it. */
export interface DashboardMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions?: Record<string, string>;
  /** @default - the widget's stat */
  readonly stat?: string;
  /** @default - the metric name */
  readonly label?: string;
}

export interface MetricWidget {
  readonly title: string;
  readonly metrics: readonly DashboardMetric[];
  /** @default "Sum" */
  readonly stat?: string;
  /** @default 300 */
  readonly periodSeconds?: number;
  /**
   * Region the metrics are published in (CloudFront and its WAF: us-east-1).
   * @default - the dashboard's region
   */
  readonly region?: string;
}

export interface DashboardProps {
  readonly dashboardName: string;
  /** Region of the dashboard; widgets show its metrics unless they name another. */
  readonly region: string;
  /** Widgets in reading order, two per row. */
  readonly widgets: readonly MetricWidget[];
}

/**
 * A CloudWatch dashboard of time-series metric widgets, laid out two per row. The body follows
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 */
export class Dashboard extends Construct {
  public readonly dashboard: CloudwatchDashboard;
  /** The dashboard body as written (tests read it). */
  public readonly body: { widgets: unknown[] };

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    const where = this.node.path;
    if (!/^[A-Za-z0-9_-]{1,255}$/.test(props.dashboardName)) {
      throw new Error(`${where}: dashboardName "${props.dashboardName}" must be 1-255 letters, digits, "-" or "_", e.g. "booking-dev"`);
    }
    // The API allows at most 500 widgets per dashboard.
    if (props.widgets.length === 0 || props.widgets.length > 500) {
      throw new Error(`${where}: widgets must hold 1 to 500 widgets, received ${props.widgets.length}`);
    }
    this.body = {
      widgets: props.widgets.map((w, i) => {
        if (w.metrics.length === 0) throw new Error(`${where}: widget "${w.title}" must show at least one metric`);
        return {
          type: "metric",
          x: (i % 2) * 12,
          y: Math.floor(i / 2) * 6,
          width: 12,
          height: 6,
          properties: {
            title: w.title,
            view: "timeSeries",
            region: w.region ?? props.region,
            stat: w.stat ?? "Sum",
            period: w.periodSeconds ?? 300,
            metrics: w.metrics.map((m) => {
              const options: Record<string, string> = {};
              if (m.stat) options.stat = m.stat;
              options.label = m.label ?? m.metricName;
              return [m.namespace, m.metricName, ...Object.entries(m.dimensions ?? {}).flat(), options];
            }),
          },
        };
      }),
    };
    this.dashboard = new CloudwatchDashboard(this, "dashboard", { dashboardName: props.dashboardName, dashboardBody: JSON.stringify(this.body) });
  }
}
