import { CloudwatchMetricAlarm, type CloudwatchMetricAlarmMetricQuery } from "@cdktf/provider-aws/lib/cloudwatch-metric-alarm";
import type { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Token } from "cdktf";
import { Construct } from "constructs";

/**
 * What an alarm does without data; chosen per alarm, never left to the default (`missing`, which
 * keeps the last state and hides a metric that stopped arriving).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#alarms-and-missing-data
 */
export type TreatMissingData = "breaching" | "notBreaching" | "ignore" | "missing";

export type Comparison = "GreaterThanThreshold" | "GreaterThanOrEqualToThreshold" | "LessThanThreshold" | "LessThanOrEqualToThreshold";

/** One metric of an alarm. */
export interface AlarmMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  /** "Sum", "Average", "Maximum", "Minimum", "SampleCount", or an extended statistic such as "p99" or "PR(:1000)". */
  readonly stat: string;
}

export interface AlarmProps {
  readonly alarmName: string;
  /** What it means and the first thing to check (docs/operations.md has the long form). */
  readonly description: string;
  /** A single metric, or `expression` over named `metrics`. */
  readonly metric?: AlarmMetric;
  /** Metric math over `metrics` (ids m0, m1, … in order), e.g. "m0 + m1". */
  readonly expression?: string;
  readonly metrics?: readonly AlarmMetric[];
  /** Seconds per datapoint: 10, 30 or a multiple of 60. */
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  /** @default - evaluationPeriods: every datapoint of the range must breach */
  readonly datapointsToAlarm?: number;
  readonly threshold: number;
  readonly comparison: Comparison;
  readonly treatMissingData: TreatMissingData;
  /**
   * Topic notified on ALARM and OK.
   * @default - none; only allowed with `partOfComposite` (the composite alarm notifies)
   */
  readonly topicArn?: string;
  /** The alarm is one condition of a composite alarm that notifies instead. @default false */
  readonly partOfComposite?: boolean;
  /** @default - the stack's default provider */
  readonly provider?: AwsProvider;
}

/**
 * A CloudWatch metric alarm that is deliberate about missing data and notifies a topic. Percentile
 * statistics ignore no data: `evaluate_low_sample_count_percentiles = "evaluate"`.
 */
export class Alarm extends Construct {
  public readonly alarm: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: AlarmProps) {
    super(scope, id);
    const where = this.node.path;
    if (!Token.isUnresolved(props.threshold) && (typeof props.threshold !== "number" || !Number.isFinite(props.threshold))) {
      throw new Error(`${where}: threshold "${props.threshold}" must be a finite number, e.g. 0`);
    }
    const period = props.periodSeconds;
    if (![10, 30].includes(period) && !(period >= 60 && period % 60 === 0)) {
      throw new Error(`${where}: periodSeconds "${period}" must be 10, 30 or a multiple of 60, e.g. 300`);
    }
    // CloudWatch: evaluation periods x period may not exceed one day.
    if (!Number.isInteger(props.evaluationPeriods) || props.evaluationPeriods < 1 || props.evaluationPeriods * period > 86_400) {
      throw new Error(`${where}: evaluationPeriods "${props.evaluationPeriods}" must be a whole number from 1 with evaluationPeriods x periodSeconds at most 86400, e.g. 1`);
    }
    const datapoints = props.datapointsToAlarm ?? props.evaluationPeriods;
    if (datapoints < 1 || datapoints > props.evaluationPeriods) {
      throw new Error(`${where}: datapointsToAlarm "${datapoints}" must be from 1 to evaluationPeriods (${props.evaluationPeriods}), e.g. ${props.evaluationPeriods}`);
    }
    if (!props.topicArn && !props.partOfComposite) {
      throw new Error(`${where}: topicArn "${props.topicArn}" must be the alarm topic's ARN, e.g. "arn:aws:sns:eu-west-1:123456789012:booking-dev-alarms"; only an alarm with partOfComposite may notify nobody`);
    }
    if (props.topicArn && !Token.isUnresolved(props.topicArn) && !props.topicArn.startsWith("arn:aws:sns:")) {
      throw new Error(`${where}: topicArn "${props.topicArn}" must be an SNS topic ARN, e.g. "arn:aws:sns:eu-west-1:123456789012:booking-dev-alarms"`);
    }
    if (!props.metric === !props.expression) {
      throw new Error(`${where}: give either metric or expression (with metrics), not ${props.metric ? "both" : "neither"}`);
    }
    const actions = props.topicArn ? [props.topicArn] : [];
    const common = {
      provider: props.provider,
      alarmName: props.alarmName,
      alarmDescription: props.description,
      evaluationPeriods: props.evaluationPeriods,
      datapointsToAlarm: datapoints,
      threshold: props.threshold,
      comparisonOperator: props.comparison,
      treatMissingData: props.treatMissingData,
      alarmActions: actions,
      okActions: actions,
    };
    if (props.metric) {
      const m = props.metric;
      const extended = isExtended(m.stat);
      this.alarm = new CloudwatchMetricAlarm(this, "alarm", {
        ...common,
        namespace: m.namespace,
        metricName: m.metricName,
        dimensions: m.dimensions,
        period,
        statistic: extended ? undefined : m.stat,
        extendedStatistic: extended ? m.stat : undefined,
        evaluateLowSampleCountPercentiles: extended ? "evaluate" : undefined,
      });
    } else {
      const queries: CloudwatchMetricAlarmMetricQuery[] = (props.metrics ?? []).map((m, i) => ({
        id: `m${i}`,
        returnData: false,
        metric: { namespace: m.namespace, metricName: m.metricName, dimensions: m.dimensions, period, stat: m.stat },
      }));
      queries.push({ id: "e", expression: props.expression!, label: props.alarmName, returnData: true });
      this.alarm = new CloudwatchMetricAlarm(this, "alarm", { ...common, metricQuery: queries });
    }
  }
}

function isExtended(stat: string): boolean {
  return !["Sum", "Average", "Maximum", "Minimum", "SampleCount"].includes(stat);
}
