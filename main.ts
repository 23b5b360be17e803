import { ConfigError, loadConfig } from "./config";
import { enforcePolicies, PolicyError } from "./policies";
import { buildEnvironment } from "./stacks";
import { buildBootstraps } from "./stacks/bootstrap";
import { synthAtomically } from "./stacks/synth";
import { ensureWebBuild } from "./stacks/web-build";

// The only entry point that reads the process environment (with config/).
try {
  const configs = loadConfig({ env: process.env });
  const { kept } = synthAtomically(
    process.env.CDKTF_OUTDIR || "cdktf.out",
    (app) => {
      const webContent = ensureWebBuild();
      const built = configs.map((config) => ({ config, stacks: buildEnvironment(app, config, webContent) }));
      buildBootstraps(app, built);
    },
    enforcePolicies,
    // STAGE=dev synthesizes dev only and keeps the other environments' stacks from an earlier synth.
    { keep: (stackId) => Boolean(process.env.STAGE) && !configs.some((c) => stackId.startsWith(`${c.name}-`)) },
  );
  if (kept.length > 0) console.log(`STAGE=${process.env.STAGE}: kept ${kept.length} stacks of other environments from an earlier synth, unchanged (${kept.join(", ")})`);
} catch (error) {
  const err = error as Error;
  console.error(error instanceof ConfigError || error instanceof PolicyError || !process.env.DEBUG ? `synth failed: ${err.message}` : err.stack);
  process.exitCode = 1;
}
