import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { zipSync } from "../../constructs/zip";
import { readZip } from "../helpers";

const entries = [
  { name: "index.js", contents: Buffer.from("exports.handler = async () => ({ statusCode: 200 });\n".repeat(50)) },
  { name: "index.js.map", contents: Buffer.from('{"version":3}') },
  { name: "empty.txt", contents: Buffer.alloc(0) },
];

describe("zipSync", () => {
  test("round-trips every entry", () => {
    const files = readZip(zipSync(entries));
    expect([...files.keys()]).toEqual(["index.js", "index.js.map", "empty.txt"]);
    for (const entry of entries) expect(files.get(entry.name)!.equals(entry.contents)).toBe(true);
  });

  test("is byte-for-byte the same for the same entries (a stable source_code_hash)", () => {
    expect(zipSync(entries).equals(zipSync(entries))).toBe(true);
  });

  const unzip = spawnSync("unzip", ["-v"]).status === 0;
  (unzip ? test : test.skip)("is a zip that Info-ZIP's unzip accepts with matching CRCs", () => {
    const dir = mkdtempSync(join(tmpdir(), "zip-"));
    try {
      writeFileSync(join(dir, "code.zip"), zipSync(entries));
      expect(spawnSync("unzip", ["-tq", join(dir, "code.zip")], { encoding: "utf8" }).stdout).toContain("No errors detected");
      spawnSync("unzip", ["-q", join(dir, "code.zip"), "-d", join(dir, "out")]);
      expect(readFileSync(join(dir, "out", "index.js")).equals(entries[0].contents)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
