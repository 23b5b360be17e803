import { change, fail, pass, type RuleCase, skip, without } from "./case";

const TOPIC = "arn:aws:sns:eu-west-1:111111111111:booking-dev-alarms";
const alarm = (namespace: string, metric_name: string, dimensions: Record<string, string>) => ({
  alarm_name: `booking-dev-${metric_name}`,
  namespace,
  metric_name,
  dimensions,
  statistic: "Sum",
  period: 300,
  evaluation_periods: 1,
  threshold: 0,
  comparison_operator: "GreaterThanThreshold",
  treat_missing_data: "notBreaching",
  alarm_actions: [TOPIC],
});

const watched = {
  "aws_lambda_function.api": { function_name: "booking-dev-api", runtime: "nodejs22.x" },
  "aws_sfn_state_machine.booking": { name: "booking-dev-booking", definition: "{}" },
  "aws_lb.alb": { name: "booking-dev-reporting", load_balancer_type: "application" },
  "aws_lb.nlb": { name: "booking-dev-nlb", load_balancer_type: "network" },
  "aws_cloudwatch_metric_alarm.lambda-errors": alarm("AWS/Lambda", "Errors", { FunctionName: "${aws_lambda_function.api.function_name}" }),
  "aws_cloudwatch_metric_alarm.executions-failed": alarm("AWS/States", "ExecutionsFailed", { StateMachineArn: "${aws_sfn_state_machine.booking.arn}" }),
  // Metric math, as stacks/alarms.ts writes the load balancer's 5xx alarm.
  "aws_cloudwatch_metric_alarm.alb-5xx": {
    alarm_name: "booking-dev-reporting-alb-5xx",
    evaluation_periods: 1,
    threshold: 5,
    comparison_operator: "GreaterThanThreshold",
    treat_missing_data: "notBreaching",
    alarm_actions: [TOPIC],
    metric_query: [
      { id: "m0", return_data: false, metric: { namespace: "AWS/ApplicationELB", metric_name: "HTTPCode_ELB_5XX_Count", dimensions: { LoadBalancer: "${aws_lb.alb.arn_suffix}" }, period: 300, stat: "Sum" } },
      { id: "e", expression: "FILL(m0, 0)", return_data: true },
    ],
  },
  "aws_cloudwatch_metric_alarm.burn-long": { ...alarm("AWS/ApiGateway", "5xx", { ApiId: "abc" }), alarm_name: "booking-dev-burn-1h", alarm_actions: [] },
  "aws_cloudwatch_metric_alarm.burn-short": { ...alarm("AWS/ApiGateway", "5xx", { ApiId: "abc" }), alarm_name: "booking-dev-burn-5m", alarm_actions: undefined },
  "aws_cloudwatch_composite_alarm.burn": {
    alarm_name: "booking-dev-burn",
    alarm_rule: 'ALARM("${aws_cloudwatch_metric_alarm.burn-long.alarm_name}") AND ALARM("booking-dev-burn-5m")',
    alarm_actions: ["${aws_sns_topic.alarms.arn}"],
  },
};

const fn = "aws_lambda_function.api";
const sm = "aws_sfn_state_machine.booking";
const lb = "aws_lb.alb";

export const CLOUDWATCH_CASES: RuleCase[] = [
  pass("cloudwatch-lambda-error-alarm", "an Errors alarm on the function's name", fn, watched),
  pass("cloudwatch-lambda-error-alarm", "an Errors alarm naming the function literally", fn, change(watched, "aws_cloudwatch_metric_alarm.lambda-errors", { dimensions: { FunctionName: "booking-dev-api" } })),
  fail("cloudwatch-lambda-error-alarm", "no alarm", fn, "booking-dev-api has no alarm on AWS/Lambda Errors", without(watched, "aws_cloudwatch_metric_alarm.lambda-errors")),
  fail("cloudwatch-lambda-error-alarm", "only a Throttles alarm", fn, "has no alarm on AWS/Lambda Errors", change(watched, "aws_cloudwatch_metric_alarm.lambda-errors", { metric_name: "Throttles" })),
  fail("cloudwatch-lambda-error-alarm", "an Errors alarm on another function", fn, "has no alarm", change(watched, "aws_cloudwatch_metric_alarm.lambda-errors", { dimensions: { FunctionName: "booking-dev-other" } })),

  pass("cloudwatch-state-machine-error-alarm", "an ExecutionsFailed alarm on its arn", sm, watched),
  fail("cloudwatch-state-machine-error-alarm", "only a timed-out alarm", sm, "booking-dev-booking has no alarm on AWS/States ExecutionsFailed", change(watched, "aws_cloudwatch_metric_alarm.executions-failed", { metric_name: "ExecutionsTimedOut" })),

  pass("cloudwatch-load-balancer-error-alarm", "a 5xx alarm by metric math on its arn_suffix", lb, watched),
  fail("cloudwatch-load-balancer-error-alarm", "no alarm", lb, "booking-dev-reporting has no alarm on HTTPCode_ELB_5XX_Count", without(watched, "aws_cloudwatch_metric_alarm.alb-5xx")),
  skip("cloudwatch-load-balancer-error-alarm", "a network load balancer", "aws_lb.nlb", watched),

  pass("cloudwatch-alarm-notifies-topic", "an alarm with the topic ARN built from config", "aws_cloudwatch_metric_alarm.lambda-errors", watched),
  pass("cloudwatch-alarm-notifies-topic", "a composite alarm with a topic reference", "aws_cloudwatch_composite_alarm.burn", watched),
  pass("cloudwatch-alarm-notifies-topic", "a condition of a notifying composite (by reference)", "aws_cloudwatch_metric_alarm.burn-long", watched),
  pass("cloudwatch-alarm-notifies-topic", "a condition of a notifying composite (by name)", "aws_cloudwatch_metric_alarm.burn-short", watched),
  fail("cloudwatch-alarm-notifies-topic", "an alarm without actions", "aws_cloudwatch_metric_alarm.lambda-errors", "has no SNS topic in alarm_actions", change(watched, "aws_cloudwatch_metric_alarm.lambda-errors", { alarm_actions: undefined })),
  fail("cloudwatch-alarm-notifies-topic", "an alarm whose only action is not a topic", "aws_cloudwatch_metric_alarm.lambda-errors", "has no SNS topic", change(watched, "aws_cloudwatch_metric_alarm.lambda-errors", { alarm_actions: ["arn:aws:automate:eu-west-1:ec2:reboot"] })),
  fail("cloudwatch-alarm-notifies-topic", "actions disabled", "aws_cloudwatch_metric_alarm.lambda-errors", "actions_enabled = false", change(watched, "aws_cloudwatch_metric_alarm.lambda-errors", { actions_enabled: false })),
  fail("cloudwatch-alarm-notifies-topic", "a composite without actions", "aws_cloudwatch_composite_alarm.burn", "has no SNS topic in alarm_actions", change(watched, "aws_cloudwatch_composite_alarm.burn", { alarm_actions: [] })),
  fail("cloudwatch-alarm-notifies-topic", "a condition of a composite that notifies nobody", "aws_cloudwatch_metric_alarm.burn-long", "is no condition of a composite alarm that notifies", change(watched, "aws_cloudwatch_composite_alarm.burn", { alarm_actions: [] })),
];
