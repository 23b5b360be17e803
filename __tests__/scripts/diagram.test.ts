import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { diagramDot, diagramStacks, diagramStaleness, sourceMarker } from "../../scripts/diagram-model";

const ROOT = join(__dirname, "..", "..");
const read = (file: string) => (existsSync(join(ROOT, file)) ? readFileSync(join(ROOT, file), "utf8") : undefined);

describe("the architecture diagram (npm run diagram)", () => {
  const outdir = join(mkdtempSync(join(tmpdir(), "diagram-")), "cdktf.out");
  afterAll(() => rmSync(join(outdir, ".."), { recursive: true, force: true }));
  let dot = "";

  beforeAll(() => {
    const run = spawnSync(process.execPath, [join(ROOT, "scripts", "synth.js")], { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: outdir }, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`synth failed: ${run.stderr}`);
    dot = diagramDot(diagramStacks(outdir));
  });

  test("docs/architecture.svg is drawn from the stacks synthesized now", () => {
    expect(diagramStaleness(dot, read("docs/architecture.dot"), read("docs/architecture.svg"))).toBeUndefined();
  });

  test("shows every stack, its main resources and each cross-stack dependency", () => {
    const stacks = diagramStacks(outdir);
    const manifest = JSON.parse(readFileSync(join(outdir, "manifest.json"), "utf8"));
    expect(stacks.map((s) => s.id)).toEqual(Object.keys(manifest.stacks).sort());
    expect(stacks.find((s) => s.id === "dev-api")?.resources).toEqual(expect.arrayContaining(["Lambda", "DynamoDB tables"]));
    for (const s of stacks) for (const d of manifest.stacks[s.id].dependencies) expect(dot).toContain(`"${s.id}" -> "${d}";`);
  });

  test("fails as stale when a stack gains a main resource or the SVG was drawn from another source", () => {
    const stacks = diagramStacks(outdir);
    const changed = diagramDot(stacks.map((s) => (s.id === "dev-workflow" ? { ...s, resources: [...s.resources, "SNS topics"] } : s)));
    expect(diagramStaleness(changed, dot, `<svg>${sourceMarker(dot)}</svg>`)).toBe(
      "docs/architecture.dot is stale: the synthesized stacks changed; run `npm run diagram` and commit docs/architecture.dot and docs/architecture.svg",
    );
    expect(diagramStaleness(dot, dot, `<svg>${sourceMarker(changed)}</svg>`)).toContain("docs/architecture.svg was not drawn from docs/architecture.dot");
    expect(diagramStaleness(dot, undefined, undefined)).toContain("is missing");
  });
});
