/**
 * What changed in the synthesized Terraform JSON between two synths (the pull request's base and
 * head): per stack, the resources, data sources and outputs added, removed or changed. Metadata
 * (`//` keys) and asset hashes are left out, so a rebuild with the same content shows nothing.
 *
 *   tsx scripts/ci/synth-diff.ts <base cdktf.out> <head cdktf.out> [env] > synth-diff.md
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

type Json = Record<string, any>;

export interface StackDiff {
  readonly stack: string;
  readonly status: "added" | "removed" | "changed";
  readonly added: string[];
  readonly removed: string[];
  readonly changed: string[];
}

/** `aws_s3_bucket.site`, `data.aws_iam_policy_document.x`, `output.zone_id` -> normalized block. */
export function addresses(config: Json): Map<string, string> {
  const result = new Map<string, string>();
  const strip = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(strip) : value && typeof value === "object" ? Object.fromEntries(Object.entries(value).filter(([k]) => k !== "//").map(([k, v]) => [k, strip(v)])) : value;
  for (const [type, blocks] of Object.entries<Json>(config.resource ?? {})) for (const [name, block] of Object.entries(blocks)) result.set(`${type}.${name}`, JSON.stringify(strip(block)));
  for (const [type, blocks] of Object.entries<Json>(config.data ?? {})) for (const [name, block] of Object.entries(blocks)) result.set(`data.${type}.${name}`, JSON.stringify(strip(block)));
  for (const [name, block] of Object.entries<Json>(config.output ?? {})) result.set(`output.${name}`, JSON.stringify(strip(block)));
  return result;
}

export function diffStacks(base: Record<string, Json>, head: Record<string, Json>): StackDiff[] {
  const diffs: StackDiff[] = [];
  for (const stack of [...new Set([...Object.keys(base), ...Object.keys(head)])].sort()) {
    const a = base[stack] ? addresses(base[stack]) : new Map<string, string>();
    const b = head[stack] ? addresses(head[stack]) : new Map<string, string>();
    const added = [...b.keys()].filter((k) => !a.has(k));
    const removed = [...a.keys()].filter((k) => !b.has(k));
    const changed = [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k));
    if (added.length + removed.length + changed.length === 0) continue;
    diffs.push({ stack, status: !base[stack] ? "added" : !head[stack] ? "removed" : "changed", added, removed, changed });
  }
  return diffs;
}

export function renderSynthDiff(diffs: readonly StackDiff[]): string {
  if (diffs.length === 0) return "The synthesized Terraform JSON is unchanged.";
  const lines: string[] = [];
  for (const d of diffs) {
    lines.push(`- \`${d.stack}\` (${d.status}): ${d.added.length} added, ${d.changed.length} changed, ${d.removed.length} removed`);
    for (const [verb, list] of [["added", d.added], ["changed", d.changed], ["removed", d.removed]] as const) {
      for (const address of list) lines.push(`  - ${verb} \`${address}\``);
    }
  }
  return lines.join("\n");
}

function readOut(dir: string, environment?: string): Record<string, Json> {
  const stacksDir = join(dir, "stacks");
  if (!existsSync(stacksDir)) return {};
  const result: Record<string, Json> = {};
  for (const stack of readdirSync(stacksDir)) {
    if (environment && !stack.startsWith(`${environment}-`)) continue;
    const file = join(stacksDir, stack, "cdk.tf.json");
    if (existsSync(file)) result[stack] = JSON.parse(readFileSync(file, "utf8")) as Json;
  }
  return result;
}

if (require.main === module) {
  const [base, head, environment] = process.argv.slice(2);
  if (!base || !head) {
    console.error("usage: tsx scripts/ci/synth-diff.ts <base cdktf.out> <head cdktf.out> [env]");
    process.exit(2);
  }
  process.stdout.write(renderSynthDiff(diffStacks(readOut(base, environment), readOut(head, environment))) + "\n");
}
