import { rmSync } from "node:fs";

export default function globalTeardown(): void {
  if (process.env.TEST_SYNTH_DIR?.includes("jest-synth-")) rmSync(process.env.TEST_SYNTH_DIR, { recursive: true, force: true });
}
