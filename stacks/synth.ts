import { existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";

/**
 * Synthesizes into a staging folder and moves the result into `outdir` only when everything
 * succeeded, so a failed synth leaves the previous output byte-for-byte as it was. Terraform's own
 * files in a stack folder (.terraform, lock file, plans) survive a successful synth.
 */
export function synthAtomically(outdir: string, build: (app: App) => void, check?: (stagingDir: string) => void): void {
  const staging = `${outdir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    // Stack traces in construct metadata cost a third of a synth and nothing reads them.
    const app = new App({ outdir: staging, stackTraces: false });
    build(app);
    app.synth();
    check?.(staging);
    commit(staging, outdir);
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

function commit(staging: string, outdir: string): void {
  const stacksDir = join(outdir, "stacks");
  mkdirSync(stacksDir, { recursive: true });
  const stacks = readdirSync(join(staging, "stacks"));
  for (const stack of stacks) {
    const target = join(stacksDir, stack);
    mkdirSync(target, { recursive: true });
    rmSync(join(target, "assets"), { recursive: true, force: true });
    for (const entry of readdirSync(join(staging, "stacks", stack))) {
      rmSync(join(target, entry), { recursive: true, force: true });
      renameSync(join(staging, "stacks", stack, entry), join(target, entry));
    }
  }
  for (const old of readdirSync(stacksDir).filter((s) => !stacks.includes(s))) {
    rmSync(join(stacksDir, old), { recursive: true, force: true });
  }
  for (const entry of readdirSync(staging).filter((e) => e !== "stacks")) {
    const target = join(outdir, entry);
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    renameSync(join(staging, entry), target);
  }
}
