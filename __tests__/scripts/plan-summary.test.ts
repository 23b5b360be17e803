import { readFileSync } from "node:fs";
import { join } from "node:path";
import { commentMarker, countChanges, countsFromText, fingerprintsFromComment, GITHUB_COMMENT_LIMIT, planFingerprint, renderComment, type PlanJson } from "../../scripts/ci/plan-summary";
import { findComment, reviewedFingerprints, upsertComment, type GitHub } from "../../scripts/ci/pr-comment";
import { diffStacks, renderSynthDiff } from "../../scripts/ci/synth-diff";

const fixture = (name: string) => JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "plans", `${name}.json`), "utf8")) as PlanJson;
const api = fixture("dev-api");
const dns = fixture("dev-dns");

describe("plan summary", () => {
  test("counts like terraform plan: a replacement is an add and a destroy; no-ops and data reads count nothing", () => {
    const c = countChanges(api);
    expect({ add: c.add, change: c.change, destroy: c.destroy, drifted: c.drifted }).toEqual({ add: 3, change: 1, destroy: 3, drifted: 1 });
    expect(c.replaced).toEqual([
      { address: "aws_dynamodb_table.reservations", reason: "replace_because_cannot_update" },
      { address: "aws_acm_certificate.api", reason: "replace_because_tainted" },
    ]);
    expect(c.destroyed).toEqual(["aws_cloudwatch_log_group.old"]);
  });

  test("spells out every replacement and destroy, one comment per environment with its marker", () => {
    const body = renderComment("dev", [{ stack: "dev-api", plan: api }, { stack: "dev-dns", plan: dns }]);
    expect(body.startsWith(commentMarker("dev"))).toBe(true);
    expect(body).toContain("| `dev-api` | 3 | 1 | 3 ⚠️ | 1 drifted |");
    expect(body).toContain("| `dev-dns` | 0 | 0 | 0 |  |");
    expect(body).toContain("- `dev-api`: **replace** `aws_dynamodb_table.reservations` (replace_because_cannot_update)");
    expect(body).toContain("- `dev-api`: **replace** `aws_acm_certificate.api` (replace_because_tainted)");
    expect(body).toContain("- `dev-api`: **destroy** `aws_cloudwatch_log_group.old`");
  });

  test("links HCP Terraform runs and reports a stack that could not be planned", () => {
    const body = renderComment("prod", [{ stack: "prod-api", runUrl: "https://app.terraform.io/app/acme/booking-prod-api/runs/run-abc123", error: "Error: No valid credential sources found" }]);
    expect(body).toContain("| `prod-api` | – | – | – | **plan failed** ([run](https://app.terraform.io/app/acme/booking-prod-api/runs/run-abc123)) |");
    expect(body).toContain("- `prod-api`: plan failed: Error: No valid credential sources found");
    expect(body).toContain("**1 stack could not be planned.**");
  });

  test("shows HCP Terraform speculative plans from their text output, with the run link", () => {
    const counts = countsFromText("...\nPlan: 2 to add, 1 to change, 0 to destroy.\n");
    expect(counts).toEqual({ add: 2, change: 1, destroy: 0 });
    expect(countsFromText("No changes. Your infrastructure matches the configuration.")).toEqual({ add: 0, change: 0, destroy: 0 });
    const body = renderComment("dev", [{ stack: "dev-api", textCounts: counts, runUrl: "https://app.terraform.io/app/acme/w/runs/run-1" }]);
    expect(body).toContain("| `dev-api` | 2 | 1 | 0 | [run](https://app.terraform.io/app/acme/w/runs/run-1): replacements and destroys listed there |");
  });

  test("stays under GitHub's comment limit with thousands of destroys, keeping the table, the count of what is left out and the fingerprints", () => {
    const huge: PlanJson = {
      resource_changes: Array.from({ length: 5000 }, (_, i) => ({ address: `aws_route53_record.record_with_a_long_name_${i}["${"x".repeat(20)}"]`, mode: "managed", change: { actions: ["delete"] as const } })),
    };
    const body = renderComment("dev", [{ stack: "dev-api", plan: api }, { stack: "dev-dns", plan: huge }], { synthDiff: "- `dev-dns` (changed)\n".repeat(3000) });
    expect(body.length).toBeLessThanOrEqual(GITHUB_COMMENT_LIMIT);
    expect(body).toContain("| `dev-dns` | 0 | 0 | 5000 ⚠️ |");
    expect(body).toMatch(/- … and \d+ more: see the full plans\./);
    expect(fingerprintsFromComment(body)).toEqual({ "dev-api": planFingerprint(api), "dev-dns": planFingerprint(huge) });
    expect(body.split("\n").every((line) => !line.endsWith("\\"))).toBe(true);
  });

  test("fingerprints change with what the plan does, not with the order of the changes", () => {
    const reordered: PlanJson = { ...api, resource_changes: [...api.resource_changes!].reverse() };
    expect(planFingerprint(reordered)).toBe(planFingerprint(api));
    const more: PlanJson = { resource_changes: [...api.resource_changes!, { address: "aws_s3_bucket.extra", mode: "managed", change: { actions: ["delete"] } }] };
    expect(planFingerprint(more)).not.toBe(planFingerprint(api));
  });
});

describe("synth diff", () => {
  test("lists added, changed and removed resources per stack, ignoring metadata", () => {
    const base = { "dev-api": { resource: { aws_s3_bucket: { a: { bucket: "x", "//": { metadata: 1 } }, gone: { bucket: "g" } } } } };
    const head = { "dev-api": { resource: { aws_s3_bucket: { a: { bucket: "y", "//": { metadata: 2 } }, fresh: { bucket: "f" } } } }, "dev-new": { output: { id: { value: "v" } } } };
    const diffs = diffStacks(base, head);
    expect(diffs).toEqual([
      { stack: "dev-api", status: "changed", added: ["aws_s3_bucket.fresh"], removed: ["aws_s3_bucket.gone"], changed: ["aws_s3_bucket.a"] },
      { stack: "dev-new", status: "added", added: ["output.id"], removed: [], changed: [] },
    ]);
    expect(renderSynthDiff(diffs)).toContain("- `dev-api` (changed): 1 added, 1 changed, 1 removed");
    expect(renderSynthDiff(diffStacks({ s: { resource: { t: { a: { x: 1, "//": 1 } } } } }, { s: { resource: { t: { a: { x: 1, "//": 2 } } } } }))).toBe("The synthesized Terraform JSON is unchanged.");
  });
});

describe("PR comment", () => {
  function fakeGitHub(comments: Array<{ id: number; body: string }>, pulls: Array<{ number: number; merged_at: string | null }> = []) {
    const calls: string[] = [];
    const gh: GitHub = {
      api: "https://api.test",
      repository: "acme/booking",
      token: "t",
      fetch: async (url, init) => {
        calls.push(`${init?.method ?? "GET"} ${url.replace("https://api.test", "")}`);
        const body = url.includes("/pulls") ? pulls : url.includes("/comments?") ? comments : {};
        return { ok: true, status: 200, json: async () => body, text: async () => "" };
      },
    };
    return { gh, calls };
  }

  test("updates the environment's comment in place", async () => {
    const { gh, calls } = fakeGitHub([{ id: 1, body: "hello" }, { id: 7, body: `${commentMarker("dev")}\nold` }, { id: 8, body: `${commentMarker("prod")}\nold` }]);
    expect(await upsertComment(gh, 12, "dev", `${commentMarker("dev")}\nnew`)).toBe("updated");
    expect(calls).toEqual(["GET /repos/acme/booking/issues/12/comments?per_page=100&page=1", "PATCH /repos/acme/booking/issues/comments/7"]);
  });

  test("creates the comment when the environment has none yet", async () => {
    const { gh, calls } = fakeGitHub([{ id: 8, body: `${commentMarker("prod")}\nold` }]);
    expect(await upsertComment(gh, 12, "dev", `${commentMarker("dev")}\nnew`)).toBe("created");
    expect(calls[1]).toBe("POST /repos/acme/booking/issues/12/comments");
  });

  test("reads the reviewed fingerprints from the merged pull request's comment", async () => {
    const { gh } = fakeGitHub([{ id: 7, body: `${commentMarker("prod")}\n<!-- fingerprints:{"prod-api":"abc"} -->` }], [{ number: 12, merged_at: "2026-12-01T00:00:00Z" }]);
    expect(await reviewedFingerprints(gh, "sha", "prod")).toEqual({ pr: 12, fingerprints: { "prod-api": "abc" } });
    expect(await findComment(gh, 12, "dev")).toBeUndefined();
  });

  test("fails when the merge commit has no reviewed plan", async () => {
    const { gh } = fakeGitHub([], []);
    await expect(reviewedFingerprints(gh, "abc123", "prod")).rejects.toThrow("commit abc123 belongs to no pull request: nothing was reviewed, so nothing is applied to prod");
  });
});
