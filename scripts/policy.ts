/**
 * The policy table of every synthesized stack: each rule on each resource it checks, the result, and
 * the suppressions with their reasons. Exits non-zero when a stack has an unsuppressed error.
 *
 *   npm run policy                  the table for cdktf.out (synthesizes first if missing or stale)
 *   npm run policy -- --markdown    the rule table for the README, from the rule registry
 */
import { join, resolve } from "node:path";
import { checkStacks, hasErrors, readSynthesizedStacks, RULES } from "../policies";
import { formatRulesMarkdown, formatTable } from "../policies/report";
import { ensureSynthesized } from "./validate";

const OUT = join(resolve(__dirname, ".."), "cdktf.out");

if (process.argv.includes("--markdown")) {
  console.log(formatRulesMarkdown(RULES));
} else {
  // A synth that fails on a policy error prints the grouped report itself and exits non-zero here.
  ensureSynthesized();
  const report = checkStacks(readSynthesizedStacks(OUT));
  console.log(formatTable(report, RULES.length));
  if (hasErrors(report)) process.exitCode = 1;
}
