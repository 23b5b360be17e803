import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inputsUnchanged, newestChange, stampInputs } from "../../lib/freshness";

describe("lib/freshness", () => {
  let dir: string;
  const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "freshness-"));
    mkdirSync(join(dir, "src", "sub"), { recursive: true });
    mkdirSync(join(dir, "src", "dist"));
    writeFileSync(join(dir, "src", "a.ts"), "a");
    writeFileSync(join(dir, "src", "sub", "b.ts"), "b");
    writeFileSync(join(dir, "src", "dist", "out.js"), "out");
    writeFileSync(join(dir, "config.mts"), "c");
    at(join(dir, "src", "a.ts"), 1000);
    at(join(dir, "src", "sub", "b.ts"), 2000);
    at(join(dir, "src", "dist", "out.js"), 9000);
    at(join(dir, "config.mts"), 1500);
    at(join(dir, "src", "sub"), 500);
    at(join(dir, "src", "dist"), 500);
    at(join(dir, "src"), 8000);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("newestChange finds the newest file under folders and file roots, leaves skipped subtrees and missing roots out", () => {
    const skipDist = { skip: (_path: string, name: string) => name === "dist" };
    expect(newestChange([join(dir, "src"), join(dir, "config.mts"), join(dir, "missing")], skipDist)).toBe(2_000_000);
    expect(newestChange([join(dir, "src")])).toBe(9_000_000);
    expect(newestChange([join(dir, "missing")])).toBe(0);
  });

  it("newestChange counts the folders below the roots only with directories: true (a deleted file)", () => {
    at(join(dir, "src", "sub"), 3000);
    const skipDist = (_path: string, name: string) => name === "dist";
    expect(newestChange([join(dir, "src")], { skip: skipDist })).toBe(2_000_000);
    expect(newestChange([join(dir, "src")], { skip: skipDist, directories: true })).toBe(3_000_000);
  });

  it("inputsUnchanged holds until a stamped file changes size or time, or is gone", () => {
    const stamps = stampInputs(["src/a.ts", join(dir, "config.mts")], dir);
    expect(stamps).toEqual([["src/a.ts", 1, 1_000_000], [join(dir, "config.mts"), 1, 1_500_000]]);
    expect(inputsUnchanged(stamps, dir)).toBe(true);
    at(join(dir, "src", "a.ts"), 1001);
    expect(inputsUnchanged(stamps, dir)).toBe(false);
    at(join(dir, "src", "a.ts"), 1000);
    writeFileSync(join(dir, "config.mts"), "cc");
    at(join(dir, "config.mts"), 1500);
    expect(inputsUnchanged(stamps, dir)).toBe(false);
    rmSync(join(dir, "config.mts"));
    expect(inputsUnchanged(stampInputs(["src/a.ts"], dir), dir)).toBe(true);
    expect(inputsUnchanged(stamps, dir)).toBe(false);
  });
});
