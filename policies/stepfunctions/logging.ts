import { block, fromProblems, isSet, isTrue, type Rule } from "../core/rule";

export const stepfunctionsLogging: Rule = {
  id: "stepfunctions-logging",
  severity: "error",
  industry: "CKV_AWS_285, AwsSolutions-SF1",
  description: "A state machine logs every event (logging_configuration level \"ALL\", include_execution_data = true) to a CloudWatch log group.",
  fix: "Set logging_configuration { level = \"ALL\", include_execution_data = true, log_destination = \"${<log group>.arn}:*\" } and give the log group a retention.",
  resourceTypes: ["aws_sfn_state_machine"],
  check(machine, stack) {
    const logging = block(machine.config.logging_configuration);
    const problems: string[] = [];
    if (logging.level !== "ALL") problems.push(`logging_configuration.level is "${logging.level ?? "(unset: OFF)"}"`);
    if (!isTrue(logging.include_execution_data)) problems.push("logging_configuration.include_execution_data is not true");
    const destination = logging.log_destination;
    if (!isSet(destination)) problems.push("logging_configuration has no log_destination");
    else if (String(destination).includes("${aws_cloudwatch_log_group.") && stack.resolve(destination, "aws_cloudwatch_log_group").length === 0) {
      problems.push(`log_destination ${destination} names a log group that is not in this stack`);
    }
    return fromProblems(problems);
  },
};
