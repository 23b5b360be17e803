import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

// Offline, every cdktf CLI command prints "getaddrinfo ENOTFOUND checkpoint-api.hashicorp.com"
// unless CHECKPOINT_DISABLE is set (checked by hand: `npx cdktf synth` with and without it).
const ROOT = join(__dirname, "..", "..");
const read = (file: string) => readFileSync(join(ROOT, file), "utf8");

describe("cdktf's checkpoint (update check) is off wherever the project runs the CLI", () => {
  test("npm run cdktf, the bench's cdktf synth, CI and the tests set CHECKPOINT_DISABLE", () => {
    expect(JSON.parse(read("package.json")).scripts.cdktf).toBe("CHECKPOINT_DISABLE=1 cdktf");
    expect(read("scripts/bench.ts")).toContain('CHECKPOINT_DISABLE: "1"');
    expect(read(".ci/run")).toContain("export CHECKPOINT_DISABLE=1");
    expect(process.env.CHECKPOINT_DISABLE).toBe("1");
  });

  test("every doc that shows an `npx cdktf` command says to export CHECKPOINT_DISABLE=1", () => {
    const docs = [
      "README.md",
      "help",
      ...readdirSync(join(ROOT, "docs"))
        .filter((f) => f.endsWith(".md"))
        .map((f) => `docs/${f}`),
    ];
    const missing = docs.filter((file) => read(file).includes("npx cdktf ") && !read(file).includes("CHECKPOINT_DISABLE=1"));
    expect(missing).toEqual([]);
  });
});
