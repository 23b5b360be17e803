import type { EnvironmentConfig } from "../config/schema";
import { enforcePolicies } from "../policies";
import { synthEnvironments, type SynthResult } from "./synth";
import { ensureWebBuild } from "./web-build";

export interface SynthAppOptions {
  readonly outdir: string;
  /** `STAGE` of this synth: the stacks of other environments in the current output are kept. @default - none kept */
  readonly stage?: string;
  /** Worker processes (`SYNTH_JOBS`). @default - automatic */
  readonly jobs?: number;
  /** The task of a forked worker (`CDKTF_SYNTH_WORKER`). @default - not a worker */
  readonly workerTask?: string;
}

/**
 * The whole app of `configs`: every environment's stacks and each account's bootstrap stack, checked
 * by the policy pack and swapped in atomically (in worker processes when there are many). Shared by
 * main.ts and the bench's generated-environment synth, so both measure the same work.
 */
export function synthApp(configs: readonly EnvironmentConfig[], options: SynthAppOptions): Promise<SynthResult> {
  // Built once by the parent; workers find it up to date.
  const webContent = ensureWebBuild();
  return synthEnvironments({
    outdir: options.outdir,
    environments: configs,
    nameOf: (config) => config.name,
    build: (app, selected) => {
      // Required here, not imported: a parent that only hands environments to workers never loads
      // the provider classes (a third of a worker's start-up).
      const { buildEnvironment } = require("./index") as typeof import("./index");
      const { buildBootstraps } = require("./bootstrap") as typeof import("./bootstrap");
      for (const config of selected) buildEnvironment(app, config, webContent);
      // The bootstrap stacks (one per account) are built once, by whoever builds the first environment.
      if (selected.includes(configs[0])) buildBootstraps(app, configs);
    },
    check: enforcePolicies,
    jobs: options.jobs,
    workerTask: options.workerTask,
    // STAGE=dev synthesizes dev only and keeps the other environments' stacks from an earlier synth.
    keep: (stackId) => Boolean(options.stage) && !configs.some((c) => stackId.startsWith(`${c.name}-`)),
  });
}
