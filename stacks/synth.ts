import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { App } from "cdktf";

/**
 * Synthesizes into a staging folder and moves the result into `outdir` only when everything
 * succeeded, so a failed synth leaves the previous output byte-for-byte as it was. Terraform's own
 * files in a stack folder (.terraform, lock file, plans) survive a successful synth.
 */
export function synthAtomically(outdir: string, build: (app: App) => void, check?: (stagingDir: string) => void, options: SynthOptions = {}): { readonly kept: readonly string[] } {
  const staging = `${outdir}.staging-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  try {
    // Stack traces in construct metadata cost a third of a synth and nothing reads them.
    const app = new App({ outdir: staging, stackTraces: false });
    build(app);
    app.synth();
    check?.(staging);
    return { kept: commit(staging, outdir, options.keep ?? (() => false)) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export interface SynthOptions {
  /**
   * Stacks of an earlier synth that this one did not build but should keep (with their manifest
   * entries): `STAGE=dev` keeps prod's output.
   * @default - stacks this synth did not build are removed
   */
  readonly keep?: (stackId: string) => boolean;
}

/** Moves the staged output into place; returns the stacks kept from the earlier synth. */
function commit(staging: string, outdir: string, keep: (stackId: string) => boolean): string[] {
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
  const kept = readdirSync(stacksDir).filter((s) => !stacks.includes(s) && keep(s));
  for (const old of readdirSync(stacksDir).filter((s) => !stacks.includes(s) && !kept.includes(s))) {
    rmSync(join(stacksDir, old), { recursive: true, force: true });
  }
  keepManifestEntries(outdir, staging, kept);
  for (const entry of readdirSync(staging).filter((e) => e !== "stacks")) {
    const target = join(outdir, entry);
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    renameSync(join(staging, entry), target);
  }
  return kept;
}

/** Carries the kept stacks' entries from the old manifest into the new one. */
function keepManifestEntries(outdir: string, staging: string, kept: readonly string[]): void {
  const oldPath = join(outdir, "manifest.json");
  if (kept.length === 0 || !existsSync(oldPath)) return;
  const old = JSON.parse(readFileSync(oldPath, "utf8")) as { stacks?: Record<string, unknown> };
  const fresh = JSON.parse(readFileSync(join(staging, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
  for (const id of kept) if (old.stacks?.[id]) fresh.stacks[id] = old.stacks[id];
  fresh.stacks = Object.fromEntries(Object.entries(fresh.stacks).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(join(staging, "manifest.json"), `${JSON.stringify(fresh, null, 2)}\n`);
}
