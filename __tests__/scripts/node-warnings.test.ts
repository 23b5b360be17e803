import { spawnSync } from "node:child_process";
import { join } from "node:path";

const filter = join(__dirname, "..", "..", "scripts", "node-warnings.js");

test("scripts/node-warnings.js drops only cdktf's util.isArray deprecation (DEP0044), no other warning", () => {
  const script = `require(${JSON.stringify(filter)}); process.emitWarning("isArray", "DeprecationWarning", "DEP0044"); process.emitWarning("isArray", { type: "DeprecationWarning", code: "DEP0044" }); process.emitWarning("kept", "DeprecationWarning", "DEP0001");`;
  const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  expect(run.stderr).not.toContain("isArray");
  expect(run.stderr).toContain("[DEP0001] DeprecationWarning: kept");
});
