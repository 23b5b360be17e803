import { configureStackTraceCapture } from "./lib/stack-trace-capture";
import { ConfigError, loadConfig } from "./config";
import { PolicyError } from "./policies";
import { synthApp } from "./stacks/synth-app";

// The only entry point that reads the process environment (with config/).
// Before any token exists: cdktf's per-token stack traces cost a third of a synth (DEBUG keeps them).
configureStackTraceCapture(process.env.DEBUG);
try {
  const configs = loadConfig({ env: process.env });
  const stage = process.env.STAGE;
  synthApp(configs, {
    outdir: process.env.CDKTF_OUTDIR || "cdktf.out",
    stage,
    jobs: process.env.SYNTH_JOBS ? Number(process.env.SYNTH_JOBS) : undefined,
    workerTask: process.env.CDKTF_SYNTH_WORKER,
  })
    .then(({ kept }) => {
      if (kept.length > 0) console.log(`STAGE=${stage}: kept ${kept.length} stacks of other environments from an earlier synth, unchanged (${kept.join(", ")})`);
    })
    .catch(fail);
} catch (error) {
  fail(error);
}

function fail(error: unknown): void {
  const err = error as Error;
  console.error(error instanceof ConfigError || error instanceof PolicyError || !process.env.DEBUG ? `synth failed: ${err.message}` : err.stack);
  process.exitCode = 1;
}
