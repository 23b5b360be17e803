import { checkStacks, hasErrors, type PolicyReport, readSynthesizedStacks } from "./check";
import { formatFailure, formatSummary, formatWarnings } from "./report";
import { RULES } from "./rules";

export { checkStacks, hasErrors, readSynthesizedStacks, type PolicyReport } from "./check";
export { RULES, ruleById } from "./rules";
export { suppress } from "./suppress";

/** Synth stopped by a policy error; the message is the grouped report. */
export class PolicyError extends Error {
  constructor(public readonly report: PolicyReport) {
    super(formatFailure(report, true));
    this.name = "PolicyError";
  }
}

/**
 * The synth hook (`synthAtomically`'s `check`): runs every rule over every stack in the staging
 * folder, prints warnings and a one-line summary, and throws {@link PolicyError} on any unsuppressed
 * error, before the staging folder replaces cdktf.out.
 */
export function enforcePolicies(stagingDir: string): void {
  const report = checkStacks(readSynthesizedStacks(stagingDir));
  for (const warning of formatWarnings(report)) console.log(warning);
  if (hasErrors(report)) throw new PolicyError(report);
  console.log(formatSummary(report, RULES.length));
}
