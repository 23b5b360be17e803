/**
 * Turns `terraform show -json <planfile>` of each stack of one environment into the pull request
 * comment: a table of adds/changes/destroys per stack, every replacement and destroy spelled out,
 * a fingerprint per stack (so the apply after merge can prove it applies what was reviewed), cut
 * under GitHub's comment limit (65,536 characters) without breaking a line or the table.
 *
 *   tsx scripts/ci/plan-summary.ts <env> <plans dir> [synth diff .md] > comment.md
 *
 * <plans dir> holds <stack>.json (plan JSON), and optionally <stack>.url (an HCP Terraform run link)
 * and <stack>.error (why the plan failed), as `npm run plan -- <env> --plan-dir <dir>` writes them.
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** GitHub rejects issue comments longer than this many characters. */
export const GITHUB_COMMENT_LIMIT = 65_536;

type Action = "no-op" | "create" | "read" | "update" | "delete";
export interface PlanJson {
  readonly resource_changes?: ReadonlyArray<{
    readonly address: string;
    readonly mode?: string;
    readonly action_reason?: string;
    readonly change: { readonly actions: readonly Action[]; readonly replace_paths?: unknown };
  }>;
  readonly resource_drift?: ReadonlyArray<unknown>;
}

export interface StackPlan {
  readonly stack: string;
  readonly plan?: PlanJson;
  /** HCP Terraform run URL (CLI-driven runs). */
  readonly runUrl?: string;
  /** Why no plan was made. */
  readonly error?: string;
  /** Counts from `terraform plan`'s text when there is no plan JSON (HCP Terraform speculative runs). */
  readonly textCounts?: { readonly add: number; readonly change: number; readonly destroy: number };
}

/** "Plan: 1 to add, 2 to change, 0 to destroy." or "No changes." from terraform plan's output. */
export function countsFromText(text: string): StackPlan["textCounts"] {
  if (/No changes\./.test(text)) return { add: 0, change: 0, destroy: 0 };
  const m = /Plan: (\d+) to add, (\d+) to change, (\d+) to destroy/.exec(text);
  return m ? { add: Number(m[1]), change: Number(m[2]), destroy: Number(m[3]) } : undefined;
}

export interface PlanCounts {
  readonly add: number;
  readonly change: number;
  readonly destroy: number;
  /** Addresses replaced (destroyed and created again), with Terraform's reason when it gave one. */
  readonly replaced: ReadonlyArray<{ address: string; reason?: string }>;
  /** Addresses destroyed for good. */
  readonly destroyed: readonly string[];
  readonly drifted: number;
}

/** The counts `terraform plan` prints: a replacement is one add and one destroy. */
export function countChanges(plan: PlanJson): PlanCounts {
  let add = 0, change = 0, destroy = 0;
  const replaced: Array<{ address: string; reason?: string }> = [];
  const destroyed: string[] = [];
  for (const rc of plan.resource_changes ?? []) {
    if (rc.mode === "data") continue;
    const a = rc.change.actions;
    if (a.includes("create") && a.includes("delete")) {
      add++; destroy++;
      replaced.push({ address: rc.address, reason: rc.action_reason });
    } else if (a.includes("create")) add++;
    else if (a.includes("delete")) {
      destroy++;
      destroyed.push(rc.address);
    } else if (a.includes("update")) change++;
  }
  return { add, change, destroy, replaced, destroyed, drifted: plan.resource_drift?.length ?? 0 };
}

/**
 * What a plan would do, independent of values that are only known at apply: the sorted list of
 * changed addresses with their actions, hashed. Same config + same state = same fingerprint.
 */
export function planFingerprint(plan: PlanJson): string {
  const lines = (plan.resource_changes ?? [])
    .filter((rc) => rc.mode !== "data" && !(rc.change.actions.length === 1 && (rc.change.actions[0] === "no-op" || rc.change.actions[0] === "read")))
    .map((rc) => `${rc.address} ${rc.change.actions.join(",")}`)
    .sort();
  return createHash("sha256").update(lines.join("\n")).digest("hex").slice(0, 16);
}

export function commentMarker(environment: string): string {
  return `<!-- booking-plan:${environment} -->`;
}

const FINGERPRINTS_RE = /<!-- fingerprints:(\{[^>]*\}) -->/;

/** The per-stack fingerprints a plan comment carries (empty when the comment has none). */
export function fingerprintsFromComment(body: string): Record<string, string> {
  const match = FINGERPRINTS_RE.exec(body);
  return match ? (JSON.parse(match[1]) as Record<string, string>) : {};
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

export interface RenderOptions {
  /** @default GITHUB_COMMENT_LIMIT */
  readonly limit?: number;
  /** Markdown of what changed in the synthesized JSON (scripts/ci/synth-diff.ts). */
  readonly synthDiff?: string;
  /** Where the full plans are (job summary, artifact). */
  readonly fullPlansUrl?: string;
}

/** The comment body: always the marker, the table and the fingerprints; details as far as they fit. */
export function renderComment(environment: string, stacks: readonly StackPlan[], options: RenderOptions = {}): string {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const fingerprints: Record<string, string> = {};
  const head: string[] = [commentMarker(environment), `### Terraform plan: ${code(environment)}`, "", "| stack | add | change | destroy | |", "|---|---:|---:|---:|---|"];
  const details: string[] = [];
  let failed = 0;
  for (const s of stacks) {
    if (!s.plan && s.textCounts && !s.error) {
      const t = s.textCounts;
      head.push(`| ${code(s.stack)} | ${t.add} | ${t.change} | ${t.destroy}${t.destroy > 0 ? " ⚠️" : ""} | ${s.runUrl ? `[run](${s.runUrl}): replacements and destroys listed there` : ""} |`);
      continue;
    }
    if (!s.plan) {
      failed++;
      head.push(`| ${code(s.stack)} | – | – | – | **plan failed**${s.runUrl ? ` ([run](${s.runUrl}))` : ""} |`);
      if (s.error) details.push(`- ${code(s.stack)}: plan failed: ${s.error.split("\n")[0].slice(0, 300)}`);
      continue;
    }
    const c = countChanges(s.plan);
    fingerprints[s.stack] = planFingerprint(s.plan);
    const notes = [c.drifted > 0 ? `${c.drifted} drifted` : "", s.runUrl ? `[run](${s.runUrl})` : ""].filter(Boolean).join(" · ");
    head.push(`| ${code(s.stack)} | ${c.add} | ${c.change} | ${c.destroy}${c.destroy > 0 ? " ⚠️" : ""} | ${notes} |`);
    for (const r of c.replaced) details.push(`- ${code(s.stack)}: **replace** ${code(r.address)}${r.reason ? ` (${r.reason})` : ""}`);
    for (const d of c.destroyed) details.push(`- ${code(s.stack)}: **destroy** ${code(d)}`);
  }
  const tail = [
    "",
    `Full plans: ${options.fullPlansUrl ? `[job summary and artifact](${options.fullPlansUrl})` : "the job summary and the workflow artifact"}.`,
    `<!-- fingerprints:${JSON.stringify(fingerprints)} -->`,
  ];
  if (failed > 0) head.push("", `**${failed} stack${failed === 1 ? "" : "s"} could not be planned.**`);

  const parts = [...head];
  let size = [...head, ...tail].join("\n").length;
  const budget = limit - 200; // room for the "more" notes below
  const add = (lines: string[], more: (left: number) => string) => {
    for (let i = 0; i < lines.length; i++) {
      if (size + lines[i].length + 1 > budget) {
        const note = more(lines.length - i);
        parts.push(note);
        size += note.length + 1;
        return;
      }
      parts.push(lines[i]);
      size += lines[i].length + 1;
    }
  };
  if (details.length > 0) {
    add(["", "**Replaced or destroyed:**", ...details], (left) => `- … and ${left} more: see the full plans.`);
  } else {
    add(["", "Nothing is replaced or destroyed."], () => "");
  }
  if (options.synthDiff) {
    const lines = ["", "<details><summary>What changed in the synthesized JSON</summary>", "", ...options.synthDiff.trimEnd().split("\n")];
    add(lines, (left) => `- … ${left} more lines: see the job summary.`);
    add(["", "</details>"], () => "</details>");
  }
  return [...parts, ...tail].join("\n");
}

function main(): void {
  const [environment, dir, synthDiffFile] = process.argv.slice(2);
  if (!environment || !dir) {
    console.error("usage: tsx scripts/ci/plan-summary.ts <env> <plans dir> [synth diff .md]");
    process.exit(2);
  }
  const read = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").trim() : undefined);
  const stackIds = [...new Set(readdirSync(dir).map((f) => f.replace(/\.(json|url|error|txt)$/, "")))].sort();
  const stacks: StackPlan[] = stackIds.map((stack) => {
    const json = read(join(dir, `${stack}.json`));
    const text = read(join(dir, `${stack}.txt`));
    return {
      stack,
      plan: json ? (JSON.parse(json) as PlanJson) : undefined,
      runUrl: read(join(dir, `${stack}.url`)),
      error: read(join(dir, `${stack}.error`)),
      textCounts: text ? countsFromText(text) : undefined,
    };
  });
  const runUrl = process.env.GITHUB_SERVER_URL && process.env.GITHUB_RUN_ID ? `${process.env.GITHUB_SERVER_URL}/${process.env.GITHUB_REPOSITORY}/actions/runs/${process.env.GITHUB_RUN_ID}` : undefined;
  process.stdout.write(renderComment(environment, stacks, { synthDiff: synthDiffFile ? read(synthDiffFile) : undefined, fullPlansUrl: runUrl }) + "\n");
}

if (require.main === module) main();
