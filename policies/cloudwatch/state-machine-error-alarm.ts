import { compliant, nonCompliant, type Rule } from "../core/rule";
import { alarmsOn } from "./alarm-metrics";

export const cloudwatchStateMachineErrorAlarm: Rule = {
  id: "cloudwatch-state-machine-error-alarm",
  severity: "error",
  industry: "none in checkov (AWS Well-Architected REL06-BP01: monitor all components)",
  description: "Every Step Functions state machine has a CloudWatch alarm, in its own stack, on AWS/States ExecutionsFailed (dimension StateMachineArn).",
  fix: "Add an aws_cloudwatch_metric_alarm on namespace AWS/States, metric ExecutionsFailed, dimensions { StateMachineArn = <the state machine's arn> } (stacks/alarms.ts), notifying the alarm topic.",
  resourceTypes: ["aws_sfn_state_machine"],
  check(machine, stack) {
    if (alarmsOn(stack, machine, "AWS/States", ["ExecutionsFailed"], "StateMachineArn", ["arn", "id"]).length > 0) return compliant;
    return nonCompliant(`state machine ${machine.config.name ?? machine.name} has no alarm on AWS/States ExecutionsFailed with StateMachineArn = its arn in this stack`);
  },
};
