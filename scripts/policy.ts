/**
 * The policy table of every synthesized stack: each rule on each resource it checks, the result, and
 * the suppressions with their reasons. Exits non-zero when a stack has an unsuppressed error.
 *
 *   npm run policy                  the table for cdktf.out (synthesizes first if missing or stale)
 *   npm run policy -- --markdown    the rule table of docs/guardrails.md, from the rule registry
 *   npm run policy -- --markdown --write   writes it into docs/guardrails.md between its markers
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { checkStacks, hasErrors, readSynthesizedStacks, RULES } from "../policies";
import { formatRulesMarkdown, formatTable } from "../policies/report";
import { ensureSynthesized } from "./validate";

const OUT = join(resolve(__dirname, ".."), "cdktf.out");

if (process.argv.includes("--markdown") && process.argv.includes("--write")) {
  const doc = join(resolve(__dirname, ".."), "docs", "guardrails.md");
  const text = readFileSync(doc, "utf8");
  const marked = /(<!-- policy-rules:start -->\n)[\s\S]*?(\n<!-- policy-rules:end -->)/;
  if (!marked.test(text)) throw new Error(`${doc} has no <!-- policy-rules:start --> … <!-- policy-rules:end --> markers`);
  writeFileSync(doc, text.replace(marked, (_, start: string, end: string) => `${start}${formatRulesMarkdown(RULES)}${end}`));
  console.log(`wrote the rule table (${RULES.length} rules) into docs/guardrails.md`);
} else if (process.argv.includes("--markdown")) {
  console.log(formatRulesMarkdown(RULES));
} else {
  // A synth that fails on a policy error prints the grouped report itself and exits non-zero here.
  ensureSynthesized();
  const report = checkStacks(readSynthesizedStacks(OUT));
  console.log(formatTable(report, RULES.length));
  if (hasErrors(report)) process.exitCode = 1;
}
