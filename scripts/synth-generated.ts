/**
 * The synth of main.ts over N generated environments (copies of dev with their own names, domains
 * and state buckets), to measure how synth grows with preview environments: `npm run bench` bundles
 * this file like scripts/synth.js bundles main.ts and runs it with GENERATED_ENVIRONMENTS=24.
 */
import { configureStackTraceCapture } from "../lib/stack-trace-capture";
import { loadConfig } from "../config";
import { environments } from "../config/environments";
import type { EnvironmentInput } from "../config/schema";
import { synthApp } from "../stacks/synth-app";

configureStackTraceCapture(process.env.DEBUG);
const count = Number(process.env.GENERATED_ENVIRONMENTS) || 24;
const generated: Record<string, EnvironmentInput> = {};
for (let i = 1; i <= count; i++) {
  const name = `pr${String(i).padStart(3, "0")}`;
  const dev = environments.dev as EnvironmentInput & { backend: { bucket?: string } };
  generated[name] = {
    ...dev,
    name,
    domain: `${name}.booking.example.com`,
    backend: { ...dev.backend, ...(dev.backend.bucket ? { bucket: `booking-${name}-tfstate-111111111111` } : {}) } as EnvironmentInput["backend"],
    tags: { ...dev.tags, Environment: name },
  };
}
const configs = loadConfig({ env: {}, environments: generated });
synthApp(configs, {
  outdir: process.env.CDKTF_OUTDIR || "cdktf.out",
  jobs: process.env.SYNTH_JOBS ? Number(process.env.SYNTH_JOBS) : undefined,
  workerTask: process.env.CDKTF_SYNTH_WORKER,
}).catch((error: Error) => {
  console.error(`synth failed: ${error.message}`);
  process.exitCode = 1;
});
