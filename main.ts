import { ConfigError, loadConfig } from "./config";
import { buildEnvironment } from "./stacks";
import { synthAtomically } from "./stacks/synth";

// The only entry point that reads the process environment (with config/).
try {
  const configs = loadConfig({ env: process.env });
  synthAtomically(process.env.CDKTF_OUTDIR || "cdktf.out", (app) => {
    for (const config of configs) buildEnvironment(app, config);
  });
} catch (error) {
  const err = error as Error;
  console.error(error instanceof ConfigError || !process.env.DEBUG ? `synth failed: ${err.message}` : err.stack);
  process.exitCode = 1;
}
