import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");

// Docs that other branches of this session add (docs/first-deploy.md, …); the coordinator checks those links after merging.
const WRITTEN_ELSEWHERE = ["docs/first-deploy.md", "docs/dns-and-accounts.md", "docs/delivery.md", "docs/front-door.md", "docs/operations.md", "docs/data-protection.md", "docs/performance.md"];

describe("README.md is the front page", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");

  test("is at most 12 KB", () => {
    expect(statSync(join(ROOT, "README.md")).size).toBeLessThanOrEqual(12 * 1024);
  });

  test("links to docs/ files that exist, and embeds the generated diagram", () => {
    const links = [...readme.matchAll(/\]\(((?:docs\/)[^)#\s]+)(?:#[^)]*)?\)/g)].map((m) => m[1]);
    expect(links).toEqual(
      expect.arrayContaining([
        "docs/configuration.md",
        "docs/deploy-and-state.md",
        "docs/api.md",
        "docs/workflow.md",
        "docs/web-tier.md",
        "docs/web-app.md",
        "docs/development.md",
        "docs/guardrails.md",
        "docs/operations.md",
      ]),
    );
    expect(links.filter((l) => !WRITTEN_ELSEWHERE.includes(l) && !existsSync(join(ROOT, l)))).toEqual([]);
    expect(readme).toContain("](docs/architecture.svg)");
  });
});
