/**
 * The one plan comment per environment on a pull request, found by its hidden marker and updated
 * in place; and, after the merge, the fingerprints of the plans that were reviewed there.
 *
 *   tsx scripts/ci/pr-comment.ts upsert <env> <comment.md>          (PR_NUMBER)
 *   tsx scripts/ci/pr-comment.ts reviewed <env> <fingerprints.json>  (GITHUB_SHA: the merge commit)
 *
 * Environment: GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name), GITHUB_API_URL (default api.github.com).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { commentMarker, fingerprintsFromComment } from "./plan-summary";

type Fetch = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<{ ok: boolean; status: number; json(): Promise<any>; text(): Promise<string> }>;

export interface GitHub {
  readonly api: string;
  readonly repository: string;
  readonly token: string;
  readonly fetch: Fetch;
}

async function call(gh: GitHub, path: string, method = "GET", body?: unknown): Promise<any> {
  const response = await gh.fetch(`${gh.api}${path}`, {
    method,
    headers: { Authorization: `Bearer ${gh.token}`, Accept: "application/vnd.github+json", "X-GitHub-Api-Version": "2022-11-28", "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`GitHub API ${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** The pull request's comment that carries the environment's marker, if any. */
export async function findComment(gh: GitHub, issue: number, environment: string): Promise<{ id: number; body: string } | undefined> {
  const marker = commentMarker(environment);
  for (let page = 1; ; page++) {
    const comments = (await call(gh, `/repos/${gh.repository}/issues/${issue}/comments?per_page=100&page=${page}`)) as Array<{ id: number; body?: string }>;
    const found = comments.find((c) => c.body?.includes(marker));
    if (found) return { id: found.id, body: found.body! };
    if (comments.length < 100) return undefined;
  }
}

/** Updates the environment's comment in place, or creates it: never a second one per environment. */
export async function upsertComment(gh: GitHub, issue: number, environment: string, body: string): Promise<"created" | "updated"> {
  if (!body.includes(commentMarker(environment))) throw new Error(`comment body must carry ${commentMarker(environment)}`);
  const existing = await findComment(gh, issue, environment);
  if (existing) {
    await call(gh, `/repos/${gh.repository}/issues/comments/${existing.id}`, "PATCH", { body });
    return "updated";
  }
  await call(gh, `/repos/${gh.repository}/issues/${issue}/comments`, "POST", { body });
  return "created";
}

/** Fingerprints from the plan comment of the pull request merged as `sha`. */
export async function reviewedFingerprints(gh: GitHub, sha: string, environment: string): Promise<{ pr: number; fingerprints: Record<string, string> }> {
  const pulls = (await call(gh, `/repos/${gh.repository}/commits/${sha}/pulls`)) as Array<{ number: number; merged_at: string | null }>;
  const pr = pulls.find((p) => p.merged_at) ?? pulls[0];
  if (!pr) throw new Error(`commit ${sha} belongs to no pull request: nothing was reviewed, so nothing is applied to ${environment}`);
  const comment = await findComment(gh, pr.number, environment);
  if (!comment) throw new Error(`pull request #${pr.number} has no ${environment} plan comment: nothing was reviewed, so nothing is applied`);
  return { pr: pr.number, fingerprints: fingerprintsFromComment(comment.body) };
}

async function main(): Promise<void> {
  const [command, environment, file] = process.argv.slice(2);
  const gh: GitHub = {
    api: process.env.GITHUB_API_URL || "https://api.github.com",
    repository: process.env.GITHUB_REPOSITORY ?? "",
    token: process.env.GITHUB_TOKEN ?? "",
    fetch: globalThis.fetch as unknown as Fetch,
  };
  if (!gh.repository || !gh.token || !environment || !file) throw new Error("usage: GITHUB_TOKEN=… GITHUB_REPOSITORY=owner/name tsx scripts/ci/pr-comment.ts upsert|reviewed <env> <file>");
  if (command === "upsert") {
    const issue = Number(process.env.PR_NUMBER);
    if (!Number.isInteger(issue) || issue <= 0) throw new Error(`PR_NUMBER must be the pull request number, received ${JSON.stringify(process.env.PR_NUMBER)}`);
    console.log(`${environment} plan comment ${await upsertComment(gh, issue, environment, readFileSync(file, "utf8"))} on #${issue}`);
  } else if (command === "reviewed") {
    const { pr, fingerprints } = await reviewedFingerprints(gh, process.env.GITHUB_SHA ?? "", environment);
    writeFileSync(file, JSON.stringify(fingerprints, null, 2));
    console.log(`reviewed on #${pr}: ${Object.entries(fingerprints).map(([s, f]) => `${s}=${f}`).join(", ")}`);
  } else throw new Error(`unknown command "${command}"; use upsert or reviewed`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error((e as Error).message);
    process.exitCode = 1;
  });
}
