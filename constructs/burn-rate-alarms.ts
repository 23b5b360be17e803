import { CloudwatchCompositeAlarm } from "@cdktf/provider-aws/lib/cloudwatch-composite-alarm";
import { Construct } from "constructs";
import { Alarm, type AlarmMetric } from "./alarm";

/** A pair of windows that must both burn the error budget faster than `burnRate`. */
export interface BurnRateWindow {
  readonly longSeconds: number;
  readonly shortSeconds: number;
  /** How many times faster than "exactly used up at the end of the 30 days". */
  readonly burnRate: number;
}

/**
 * The two paging tiers of the Google SRE workbook's multiwindow, multi-burn-rate alerts for a 30-day
 * objective (https://sre.google/workbook/alerting-on-slos/, "Recommended parameters"): 2% of the
 * budget in 1 hour (14.4x, checked over 1 h and 5 min) and 5% in 6 hours (6x, over 6 h and 30 min).
 * The short window makes the alarm reset soon after the burning stops.
 */
export const SRE_WORKBOOK_WINDOWS: readonly BurnRateWindow[] = [
  { longSeconds: 3600, shortSeconds: 300, burnRate: 14.4 },
  { longSeconds: 21_600, shortSeconds: 1800, burnRate: 6 },
];

/** The fraction of bad events of a window, as metric math over `metrics` (m0, m1, …). */
export interface ErrorRatio {
  readonly metrics: readonly AlarmMetric[];
  /** An expression in m0, m1, … giving bad / all, between 0 and 1 (0 when nothing happened). */
  readonly expression: string;
}

export interface BurnRateAlarmsProps {
  /** Prefix of every alarm name, e.g. "booking-dev-api-availability". */
  readonly namePrefix: string;
  /** What the objective promises, for the descriptions, e.g. "99.9% of API requests answer without a 5xx". */
  readonly objective: string;
  /** The objective in percent (0 < x < 100); the error budget is 100 - x. */
  readonly objectivePercent: number;
  readonly errorRatio: ErrorRatio;
  readonly topicArn: string;
  /** @default SRE_WORKBOOK_WINDOWS */
  readonly windows?: readonly BurnRateWindow[];
}

/**
 * Multiwindow burn-rate alarms of one SLO: per window pair, a metric-math alarm on each window
 * (burn rate = error ratio / error budget) and a composite alarm `long AND short` that notifies.
 * No traffic burns no budget: missing data is not breaching.
 */
export class BurnRateAlarms extends Construct {
  public readonly composites: readonly CloudwatchCompositeAlarm[];
  public readonly windowAlarms: readonly Alarm[];

  constructor(scope: Construct, id: string, props: BurnRateAlarmsProps) {
    super(scope, id);
    const where = this.node.path;
    if (!(props.objectivePercent > 0 && props.objectivePercent < 100)) {
      throw new Error(`${where}: objectivePercent "${props.objectivePercent}" must be above 0 and below 100, e.g. 99.9`);
    }
    const budget = Number(((100 - props.objectivePercent) / 100).toPrecision(12));
    const windowAlarms: Alarm[] = [];
    const composites: CloudwatchCompositeAlarm[] = [];
    for (const w of props.windows ?? SRE_WORKBOOK_WINDOWS) {
      if (w.shortSeconds >= w.longSeconds) throw new Error(`${where}: window shortSeconds "${w.shortSeconds}" must be shorter than longSeconds (${w.longSeconds}), e.g. 300 and 3600`);
      const tier = `${label(w.longSeconds)}-${label(w.shortSeconds)}`;
      const windowAlarm = (seconds: number) =>
        new Alarm(this, `${tier}-${label(seconds)}`, {
          alarmName: `${props.namePrefix}-burn-${tier}-${label(seconds)}`,
          description: `Error budget of "${props.objective}" burning over ${w.burnRate}x over the last ${label(seconds)} (condition of ${props.namePrefix}-burn-${tier})`,
          metrics: props.errorRatio.metrics,
          expression: `(${props.errorRatio.expression}) / ${budget}`,
          periodSeconds: seconds,
          evaluationPeriods: 1,
          threshold: w.burnRate,
          comparison: "GreaterThanThreshold",
          treatMissingData: "notBreaching",
          partOfComposite: true,
        });
      const long = windowAlarm(w.longSeconds);
      const short = windowAlarm(w.shortSeconds);
      windowAlarms.push(long, short);
      composites.push(
        new CloudwatchCompositeAlarm(this, `${tier}`, {
          alarmName: `${props.namePrefix}-burn-${tier}`,
          alarmDescription:
            `SLO "${props.objective}": the error budget burns over ${w.burnRate}x its sustainable rate over both ${label(w.longSeconds)} and ${label(w.shortSeconds)} ` +
            `(at this rate ${Math.round((30 * 24) / w.burnRate)} h use up 30 days of budget). See docs/operations.md.`,
          alarmRule: `ALARM("${long.alarm.alarmName}") AND ALARM("${short.alarm.alarmName}")`,
          alarmActions: [props.topicArn],
          okActions: [props.topicArn],
          dependsOn: [long.alarm, short.alarm],
        }),
      );
    }
    this.windowAlarms = windowAlarms;
    this.composites = composites;
  }
}

function label(seconds: number): string {
  return seconds % 3600 === 0 ? `${seconds / 3600}h` : `${seconds / 60}m`;
}
