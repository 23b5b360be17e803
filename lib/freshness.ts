/**
 * The one "did the inputs change?" helper: the synth's esbuild cache (constructs/esbuild-cache.ts),
 * the web build (stacks/web-build.ts) and the validate script (scripts/validate.ts) decide with these
 * whether to build again. scripts/synth.js keeps its own few lines (plain JavaScript that runs before
 * any TypeScript loader, so it cannot import this module) and writes the same InputStamp tuples.
 */
import { readdirSync, statSync } from "node:fs";
import { isAbsolute, join } from "node:path";

/** A file as a build read it: its path (absolute, or relative to a base folder), size and modification time. */
export type InputStamp = [path: string, size: number, mtimeMs: number];

const resolveIn = (baseDir: string, path: string) => (isAbsolute(path) ? path : join(baseDir, path));

/** Stamps of these files now; relative paths are read from `baseDir`. */
export function stampInputs(paths: readonly string[], baseDir: string): InputStamp[] {
  return paths.map((path): InputStamp => {
    const stat = statSync(resolveIn(baseDir, path));
    return [path, stat.size, stat.mtimeMs];
  });
}

/** True while every stamped file still has its size and modification time; false once one changed or is gone. */
export function inputsUnchanged(stamps: readonly InputStamp[], baseDir: string): boolean {
  try {
    return stamps.every(([path, size, mtimeMs]) => {
      const stat = statSync(resolveIn(baseDir, path));
      return stat.size === size && stat.mtimeMs === mtimeMs;
    });
  } catch {
    return false;
  }
}

export interface NewestChangeOptions {
  /** Leaves a file or folder (and everything below it) out. @default - nothing is left out */
  readonly skip?: (path: string, name: string) => boolean;
  /**
   * Counts the modification times of the folders below the roots too, so a deleted or renamed file
   * counts as a change (the roots' own times do not count: a build writing beside them changes those).
   * @default false
   */
  readonly directories?: boolean;
}

/** The newest modification time (ms since the epoch) of the files under `roots` (files or folders); missing roots count 0. */
export function newestChange(roots: readonly string[], options: NewestChangeOptions = {}): number {
  const { skip = () => false, directories = false } = options;
  let newest = 0;
  const walk = (path: string, isRoot: boolean): void => {
    const stat = statSync(path);
    if (!stat.isDirectory()) {
      newest = Math.max(newest, stat.mtimeMs);
      return;
    }
    if (directories && !isRoot) newest = Math.max(newest, stat.mtimeMs);
    for (const name of readdirSync(path)) {
      const child = join(path, name);
      if (!skip(child, name)) walk(child, false);
    }
  };
  for (const root of roots) {
    try {
      statSync(root);
    } catch {
      continue;
    }
    walk(root, true);
  }
  return newest;
}
