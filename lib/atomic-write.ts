import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * The one atomic write: to a file beside the target, then renamed over it (rename is atomic on one
 * file system), so synths and tests running side by side never read half a file.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, data);
  renameSync(partial, path);
}

/** A content-addressed file: written atomically when missing; whoever writes it first wins. */
export function writeFileOnce(path: string, data: () => string | Uint8Array): void {
  if (!existsSync(path)) writeFileAtomic(path, data());
}

/**
 * Replaces the folder `target` by the finished folder `staging`. When another process renamed its
 * own copy into place first, that one is kept (it is as good) and `staging` is removed; throws only
 * when `target` is still missing afterwards.
 */
export function replaceDirectory(staging: string, target: string): void {
  rmSync(target, { recursive: true, force: true });
  try {
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(target)) throw error;
  }
}
