import type { Rule } from "../core/rule";
import { cloudwatchAlarmNotifiesTopic } from "./alarm-notifies-topic";
import { cloudwatchLambdaErrorAlarm } from "./lambda-error-alarm";
import { cloudwatchLoadBalancerErrorAlarm } from "./load-balancer-error-alarm";
import { cloudwatchStateMachineErrorAlarm } from "./state-machine-error-alarm";

export const CLOUDWATCH_RULES: readonly Rule[] = [
  cloudwatchLambdaErrorAlarm,
  cloudwatchStateMachineErrorAlarm,
  cloudwatchLoadBalancerErrorAlarm,
  cloudwatchAlarmNotifiesTopic,
];
