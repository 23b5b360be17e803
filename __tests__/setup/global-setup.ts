// Jest globalSetup: one folder per `npm test` run where the real synth (scripts/synth.js, every
// environment) is written once, on first use, for every test file that reads the synthesized JSON
// (helpers.ts synthesizedOutdir / synthesizedStack). Workers inherit the variable.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export default function globalSetup(): void {
  process.env.TEST_SYNTH_DIR ??= mkdtempSync(join(tmpdir(), "jest-synth-"));
}
