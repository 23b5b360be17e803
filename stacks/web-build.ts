import { spawnSync } from "node:child_process";
import { existsSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../config/paths";
import { replaceDirectory } from "../lib/atomic-write";
import { newestChange } from "../lib/freshness";

const ROOT = PROJECT_ROOT;
const WEB = join(ROOT, "web");
const VITE_CONFIG = join(ROOT, "vite.config.mts");
/** Where the web app is built to, and what the site stack uploads. */
export const WEB_DIST = join(WEB, "dist");
const STAGING_SUFFIX = "-staging-";

/**
 * Returns the web app's build folder, building it with Vite first when it is missing or older than
 * a file under web/ or the Vite config. Synth therefore always uploads the current web app, and an
 * unchanged one costs only a walk of web/. Vite writes into a private staging folder beside
 * `outDir` that replaces it at the end, so a concurrent synth never sees half a build.
 */
export function ensureWebBuild(outDir: string = WEB_DIST): string {
  const builtAt = existsSync(join(outDir, "index.html")) ? statSync(join(outDir, "index.html")).mtimeMs : 0;
  if (builtAt > 0 && newestSource() <= builtAt) return outDir;

  const staging = `${outDir}${STAGING_SUFFIX}${process.pid}`;
  const vite = spawnSync(
    process.execPath,
    [join(ROOT, "node_modules", "vite", "bin", "vite.js"), "build", "--config", VITE_CONFIG, "--outDir", staging, "--logLevel", "warn"],
    // The native-config-loader notice is not for this project (web/images/vite-plugin.ts says why).
    { cwd: ROOT, encoding: "utf8", env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: "true" } },
  );
  if (vite.status !== 0) {
    rmSync(staging, { recursive: true, force: true });
    const output = `${vite.stdout ?? ""}${vite.stderr ?? ""}${vite.error?.message ?? ""}`.trim();
    throw new Error(`the web build (vite build) failed:\n${output}\nFix: correct the web app; run "npm run build:web" to reproduce`);
  }
  // Another synth may finish the same build first; its output is as good as this one.
  replaceDirectory(staging, outDir);
  return outDir;
}

/**
 * Newest change to the web app's sources: files under web/, the folders below it (so a deleted file
 * counts) and the Vite config. Not web/ itself, which changes whenever a build replaces web/dist.
 */
function newestSource(): number {
  return newestChange([VITE_CONFIG, WEB], {
    directories: true,
    skip: (path, name) => path === WEB_DIST || path.startsWith(`${WEB_DIST}${STAGING_SUFFIX}`) || name === "node_modules",
  });
}
