import { compliant, isSet, nonCompliant, strings, type Resource, type Rule } from "../core/rule";
import type { StackContext } from "../core/stack-context";

/** An SNS topic ARN, literal (`arn:aws:sns:…`, built from config) or a reference to a topic's arn. */
function isTopic(action: string): boolean {
  return action.startsWith("arn:aws:sns:") || /\$\{aws_sns_topic\.[\w-]+\.(arn|id)\}/.test(action) || /^\$\{data\.terraform_remote_state\./.test(action);
}

function topicsOf(alarm: Resource): string[] {
  return strings(alarm.config.alarm_actions).filter(isTopic);
}

/** Composite alarms of the stack whose rule names `alarm` (by reference or literal name) and that notify a topic themselves. */
function notifyingComposites(alarm: Resource, stack: StackContext): Resource[] {
  const literalName = isSet(alarm.config.alarm_name) && !String(alarm.config.alarm_name).includes("${") ? String(alarm.config.alarm_name) : undefined;
  return stack.ofType("aws_cloudwatch_composite_alarm").filter((composite) => {
    const rule = composite.config.alarm_rule;
    const names = stack.refersTo(rule, alarm, ["alarm_name", "arn"]) || (literalName !== undefined && typeof rule === "string" && rule.includes(`"${literalName}"`));
    return names && topicsOf(composite).length > 0 && composite.config.actions_enabled !== false;
  });
}

export const cloudwatchAlarmNotifiesTopic: Rule = {
  id: "cloudwatch-alarm-notifies-topic",
  severity: "error",
  industry: "none in checkov (AWS Well-Architected OPS08-BP04: create actionable alerts)",
  description: "Every CloudWatch alarm notifies an SNS topic (alarm_actions), with actions enabled; a metric alarm that is only a condition of a composite alarm may leave notifying to that composite.",
  fix: "Set alarm_actions (and ok_actions) to the environment's alarm topic ARN (Names.alarmTopicArn), or make the alarm a condition of a composite alarm that does.",
  resourceTypes: ["aws_cloudwatch_metric_alarm", "aws_cloudwatch_composite_alarm"],
  check(alarm, stack) {
    const name = alarm.config.alarm_name ?? alarm.name;
    if (alarm.config.actions_enabled === false || alarm.config.actions_enabled === "false") return nonCompliant(`alarm ${name} has actions_enabled = false: it notifies nobody`);
    if (topicsOf(alarm).length > 0) return compliant;
    if (alarm.type === "aws_cloudwatch_metric_alarm" && notifyingComposites(alarm, stack).length > 0) return compliant;
    return nonCompliant(`alarm ${name} has no SNS topic in alarm_actions${alarm.type === "aws_cloudwatch_metric_alarm" ? " and is no condition of a composite alarm that notifies one" : ""}`);
  },
};
