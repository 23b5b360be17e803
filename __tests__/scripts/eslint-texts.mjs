// Lints source texts as if they were files of the repository (ESLint's Node API, the repository's
// eslint.config.mjs) in one process: [{ filePath, text }] as JSON in the first argument, the results
// as JSON [{ errorCount, messages }] on stdout. One ESLint start-up for every case of lint.test.ts.
import { ESLint } from "eslint";

const cases = JSON.parse(process.argv[2]);
const eslint = new ESLint({ cwd: process.cwd() });
const results = [];
for (const { filePath, text } of cases) {
  const [result] = await eslint.lintText(text, { filePath });
  results.push({ errorCount: result.errorCount, messages: result.messages.map((m) => m.message) });
}
process.stdout.write(JSON.stringify(results));
