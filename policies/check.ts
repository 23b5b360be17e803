import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Json, Result, Rule } from "./core/rule";
import { StackContext } from "./core/stack-context";
import { rulesByResourceType } from "./rules";
import { SUPPRESSIONS_KEY, suppressionProblem } from "./suppress";

/** The outcome of one rule on one resource. */
export interface Finding {
  readonly stack: string;
  readonly address: string;
  /** Construct path, from cdktf's metadata. */
  readonly path?: string;
  readonly rule: Rule;
  readonly result: Result;
  /** The reason of the suppression that excuses a non-compliant result. */
  readonly suppressedBecause?: string;
}

/** A suppression that cannot be honoured (error) or that excuses nothing (warning). */
export interface SuppressionProblem {
  readonly stack: string;
  readonly address: string;
  readonly ruleId: string;
  readonly severity: "error" | "warning";
  readonly message: string;
}

export interface PolicyReport {
  readonly stacks: readonly string[];
  readonly findings: readonly Finding[];
  readonly suppressionProblems: readonly SuppressionProblem[];
  readonly milliseconds: number;
}

/** Runs every applicable rule over every resource of the given stacks (`{ stackName: cdk.tf.json }`). */
export function checkStacks(stacks: Readonly<Record<string, Json>>): PolicyReport {
  const started = performance.now();
  const rulesFor = rulesByResourceType();
  const findings: Finding[] = [];
  const suppressionProblems: SuppressionProblem[] = [];
  for (const [stackName, json] of Object.entries(stacks)) {
    const stack = new StackContext(stackName, json);
    for (const resource of stack.resources) {
      const meta: Json = resource.config["//"] ?? {};
      const suppressions: Json = meta[SUPPRESSIONS_KEY] ?? {};
      const rules = rulesFor.get(resource.type) ?? [];
      for (const [ruleId, reason] of Object.entries(suppressions)) {
        const problem = suppressionProblem(ruleId, reason);
        const at = { stack: stackName, address: resource.address, ruleId };
        if (problem) suppressionProblems.push({ ...at, severity: "error", message: `the suppression ${problem}` });
        else if (!rules.some((r) => r.id === ruleId)) suppressionProblems.push({ ...at, severity: "warning", message: `rule "${ruleId}" does not check ${resource.type}; remove the suppression` });
      }
      for (const rule of rules) {
        let result: Result;
        try {
          result = rule.check(resource, stack);
        } catch (error) {
          throw new Error(`policy rule ${rule.id} crashed on ${stackName} ${resource.address}: ${(error as Error).message}`);
        }
        const reason = suppressions[rule.id];
        const valid = reason !== undefined && suppressionProblem(rule.id, reason) === undefined;
        findings.push({
          stack: stackName,
          address: resource.address,
          path: meta.metadata?.path,
          rule,
          result,
          suppressedBecause: valid && result.status === "non-compliant" ? String(reason).trim() : undefined,
        });
        if (valid && result.status !== "non-compliant") {
          suppressionProblems.push({ stack: stackName, address: resource.address, ruleId: rule.id, severity: "warning", message: `unused suppression: the resource is ${result.status} now; remove the suppression` });
        }
      }
    }
  }
  return { stacks: Object.keys(stacks), findings, suppressionProblems, milliseconds: performance.now() - started };
}

/** Every stack's cdk.tf.json under a synth output folder (`<outdir>/stacks/<stack>/cdk.tf.json`). */
export function readSynthesizedStacks(outdir: string): Record<string, Json> {
  const stacksDir = join(outdir, "stacks");
  const stacks: Record<string, Json> = {};
  if (!existsSync(stacksDir)) return stacks;
  for (const name of readdirSync(stacksDir).sort()) {
    const file = join(stacksDir, name, "cdk.tf.json");
    if (existsSync(file)) stacks[name] = JSON.parse(readFileSync(file, "utf8"));
  }
  return stacks;
}

/** Non-compliant findings of `severity` that no suppression excuses. */
export function unsuppressed(report: PolicyReport, severity: "error" | "warning"): Finding[] {
  return report.findings.filter((f) => f.result.status === "non-compliant" && f.rule.severity === severity && f.suppressedBecause === undefined);
}

export function suppressed(report: PolicyReport): Finding[] {
  return report.findings.filter((f) => f.suppressedBecause !== undefined);
}

/** Whether synth must stop: an unsuppressed error, or a suppression that names no rule or gives no reason. */
export function hasErrors(report: PolicyReport): boolean {
  return unsuppressed(report, "error").length > 0 || report.suppressionProblems.some((p) => p.severity === "error");
}
