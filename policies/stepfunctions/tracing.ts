import { block, compliant, isTrue, nonCompliant, type Rule } from "../core/rule";

export const stepfunctionsTracing: Rule = {
  id: "stepfunctions-tracing",
  severity: "error",
  industry: "CKV_AWS_284, AwsSolutions-SF2",
  description: "A state machine sends traces to X-Ray (tracing_configuration.enabled = true).",
  fix: "Set tracing_configuration { enabled = true } and allow the X-Ray write actions in the state machine's role.",
  resourceTypes: ["aws_sfn_state_machine"],
  check(machine) {
    return isTrue(block(machine.config.tracing_configuration).enabled) ? compliant : nonCompliant("tracing_configuration.enabled is not true");
  },
};
