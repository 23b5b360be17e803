import { compliant, nonCompliant, notApplicable, type Rule } from "../core/rule";

/**
 * Runtimes AWS still supports and does not deprecate soon. nodejs20.x is left out: it reaches the end
 * of support on Lambda in 2026 (DESIGN.md: the project runs nodejs22.x).
 */
export const SUPPORTED_LAMBDA_RUNTIMES = ["nodejs22.x", "nodejs24.x", "python3.12", "python3.13", "java21", "provided.al2023"];

export const lambdaRuntime: Rule = {
  id: "lambda-runtime",
  severity: "error",
  industry: "CKV_AWS_363, AwsSolutions-L1",
  description: `A Lambda function (zip package) runs on a supported, current runtime: ${SUPPORTED_LAMBDA_RUNTIMES.join(", ")}.`,
  fix: "Set runtime = \"nodejs22.x\" (or newer) and keep the code compatible with it.",
  resourceTypes: ["aws_lambda_function"],
  check(fn) {
    if (fn.config.package_type === "Image") return notApplicable("a container image brings its own runtime");
    const runtime = fn.config.runtime;
    return SUPPORTED_LAMBDA_RUNTIMES.includes(runtime) ? compliant : nonCompliant(`runtime "${runtime ?? "(unset)"}" is deprecated or not on the list`);
  },
};
