import { configureStackTraceCapture } from "./lib/stack-trace-capture";
import { ConfigError, loadConfig } from "./config";
import { enforcePolicies, PolicyError } from "./policies";
import { synthEnvironments } from "./stacks/synth";
import { ensureWebBuild } from "./stacks/web-build";

// The only entry point that reads the process environment (with config/).
// Before any token exists: cdktf's per-token stack traces cost a third of a synth (DEBUG keeps them).
configureStackTraceCapture(process.env.DEBUG);
try {
  const configs = loadConfig({ env: process.env });
  const stage = process.env.STAGE;
  // Built once by the parent; workers find it up to date.
  const webContent = ensureWebBuild();
  synthEnvironments({
    outdir: process.env.CDKTF_OUTDIR || "cdktf.out",
    environments: configs,
    nameOf: (config) => config.name,
    build: (app, selected) => {
      // Required here, not imported: a parent that only hands environments to workers never loads
      // the provider classes (a third of a worker's start-up).
      const { buildEnvironment } = require("./stacks") as typeof import("./stacks");
      const { buildBootstraps } = require("./stacks/bootstrap") as typeof import("./stacks/bootstrap");
      for (const config of selected) buildEnvironment(app, config, webContent);
      // The bootstrap stacks (one per account) are built once, by whoever builds the first environment.
      if (selected.includes(configs[0])) buildBootstraps(app, configs);
    },
    check: enforcePolicies,
    jobs: process.env.SYNTH_JOBS ? Number(process.env.SYNTH_JOBS) : undefined,
    workerTask: process.env.CDKTF_SYNTH_WORKER,
    // STAGE=dev synthesizes dev only and keeps the other environments' stacks from an earlier synth.
    keep: (stackId) => Boolean(stage) && !configs.some((c) => stackId.startsWith(`${c.name}-`)),
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
