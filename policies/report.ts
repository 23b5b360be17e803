import { type Finding, hasErrors, type PolicyReport, suppressed, unsuppressed } from "./check";
import type { Rule } from "./core/rule";

/**
 * Unsuppressed errors grouped by stack and resource, each with its fix. `stoppedSynth`: the report
 * stops a synth, which therefore left cdktf.out as it was.
 */
export function formatFailure(report: PolicyReport, stoppedSynth: boolean): string {
  const errors = unsuppressed(report, "error");
  const badSuppressions = report.suppressionProblems.filter((p) => p.severity === "error");
  const count = errors.length + badSuppressions.length;
  const lines = [`policy check found ${plural(count, "error")}${stoppedSynth ? " (cdktf.out is left unchanged)" : ""}:`];
  for (const stack of report.stacks) {
    const stackErrors = errors.filter((f) => f.stack === stack);
    const stackSuppressions = badSuppressions.filter((p) => p.stack === stack);
    if (stackErrors.length + stackSuppressions.length === 0) continue;
    lines.push("", stack);
    for (const address of unique(stackErrors.map((f) => f.address))) {
      const resourceErrors = stackErrors.filter((f) => f.address === address);
      lines.push(`  ${address}${resourceErrors[0].path ? `  (${resourceErrors[0].path})` : ""}`);
      for (const f of resourceErrors) {
        lines.push(`    ✗ ${f.rule.id} [${f.rule.industry}]: ${message(f)}`, `      Fix: ${f.rule.fix}`);
      }
    }
    for (const p of stackSuppressions) lines.push(`  ${p.address}`, `    ✗ ${p.message}`);
  }
  lines.push(
    "",
    "Fix the resource; or, if the finding is deliberate, suppress it next to the resource with the reason:",
    '  suppress(construct, "<rule id>", "<why this is acceptable here>")  (policies/suppress.ts; docs/guardrails.md)',
  );
  return lines.join("\n");
}

/** Warnings and unused suppressions, one per line (printed on every synth, never fatal). */
export function formatWarnings(report: PolicyReport): string[] {
  return [
    ...unsuppressed(report, "warning").map((f) => `policy warning: ${f.stack} ${f.address}: ${f.rule.id}: ${message(f)}. Fix: ${f.rule.fix}`),
    ...report.suppressionProblems.filter((p) => p.severity === "warning").map((p) => `policy warning: ${p.stack} ${p.address}: suppression of ${p.ruleId}: ${p.message}`),
  ];
}

export function formatSummary(report: PolicyReport, ruleCount: number): string {
  const errors = unsuppressed(report, "error").length + report.suppressionProblems.filter((p) => p.severity === "error").length;
  const warnings = unsuppressed(report, "warning").length + report.suppressionProblems.filter((p) => p.severity === "warning").length;
  const counts = [plural(errors, "error"), plural(warnings, "warning"), `${suppressed(report).length} suppressed`].join(", ");
  return `policies: ${ruleCount} rules, ${report.findings.length} checks on ${plural(report.stacks.length, "stack")}: ${counts} (${report.milliseconds.toFixed(1)} ms)`;
}

/** Every check as a table (stack, resource, rule, result), then the suppressions with their reasons. */
export function formatTable(report: PolicyReport, ruleCount: number): string {
  const rows = report.findings.map((f) => [f.stack, f.address, f.rule.id, resultText(f)]);
  const header = ["stack", "resource", "rule", "result"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (i < 3 ? r[i].length : 0))));
  const line = (cells: string[]) => cells.map((c, i) => (i < 3 ? c.padEnd(widths[i]) : c)).join("  ").trimEnd();
  const out = [line(header), line(widths.map((w, i) => "-".repeat(i < 3 ? w : 6))), ...rows.map(line)];
  const reasons = suppressed(report);
  out.push("", `suppressions (${reasons.length}):`);
  for (const f of reasons) out.push(`  ${f.stack}  ${f.address}  ${f.rule.id}: ${f.suppressedBecause}`);
  for (const p of report.suppressionProblems) out.push(`  ${p.severity === "error" ? "ERROR" : "warning"}: ${p.stack}  ${p.address}  ${p.ruleId}: ${p.message}`);
  out.push("", formatSummary(report, ruleCount));
  if (hasErrors(report)) out.push("", formatFailure(report, false));
  return out.join("\n");
}

/** docs/guardrails.md's rule table, generated from the registry (`npm run policy -- --markdown`). */
export function formatRulesMarkdown(rules: readonly Rule[]): string {
  const cell = (text: string) => text.replaceAll("|", "\\|");
  return [
    "| rule | industry check | severity | what it checks | fix |",
    "|---|---|---|---|---|",
    ...rules.map((r) => `| \`${r.id}\` | ${cell(r.industry)} | ${r.severity} | ${cell(r.description)} | ${cell(r.fix)} |`),
  ].join("\n");
}

function resultText(f: Finding): string {
  switch (f.result.status) {
    case "compliant":
      return "ok";
    case "not-applicable":
      return `n/a: ${f.result.reason}`;
    case "non-compliant":
      if (f.suppressedBecause !== undefined) return `suppressed: ${f.result.message}`;
      return `${f.rule.severity === "error" ? "ERROR" : "warning"}: ${f.result.message}`;
  }
}

function message(f: Finding): string {
  return f.result.status === "non-compliant" ? f.result.message : "";
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
