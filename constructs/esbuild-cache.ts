import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { buildSync, type BuildOptions } from "esbuild";
import { PROJECT_ROOT } from "../lib/paths";
import { replaceDirectory } from "../lib/atomic-write";
import { inputsUnchanged, stampInputs, type InputStamp } from "../lib/freshness";

export interface BundleFile {
  /** File name of the output (e.g. "index.js", "index.js.map"). */
  readonly name: string;
  readonly contents: Uint8Array;
}

interface CacheManifest {
  /** Every file esbuild read, with the size and modification time it had then. */
  readonly inputs: InputStamp[];
  readonly outputs: string[];
}

const CACHE = join(PROJECT_ROOT, ".build", "esbuild-cache");
const memory = new Map<string, BundleFile[]>();

/**
 * esbuild's output for these options, rebuilt only when an input changed: the first synth bundles
 * and records every file esbuild read (from its metafile); later synths compare sizes and times of
 * those files instead of bundling again. `absWorkingDir` defaults to the project root.
 */
export function bundleCached(options: BuildOptions): BundleFile[] {
  const build: BuildOptions = { absWorkingDir: PROJECT_ROOT, ...options, write: false, metafile: true };
  const key = createHash("sha256").update(JSON.stringify(build)).update(process.version).digest("hex").slice(0, 24);
  const cached = memory.get(key) ?? readCache(key, build.absWorkingDir!);
  if (cached) {
    memory.set(key, cached);
    return cached;
  }
  const result = buildSync(build);
  const files = result.outputFiles!.map((f) => ({ name: basename(f.path), contents: f.contents }));
  const inputs = stampInputs(Object.keys(result.metafile!.inputs), build.absWorkingDir!);
  writeCache(key, { inputs, outputs: files.map((f) => f.name) }, files);
  memory.set(key, files);
  return files;
}

function readCache(key: string, workingDir: string): BundleFile[] | undefined {
  const dir = join(CACHE, key);
  try {
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")) as CacheManifest;
    if (!inputsUnchanged(manifest.inputs, workingDir)) return undefined;
    return manifest.outputs.map((name) => ({ name, contents: readFileSync(join(dir, name)) }));
  } catch {
    return undefined; // no cache yet, or an input is gone
  }
}

/** Written to a staging folder and renamed, so synths running side by side never read half a cache entry. */
function writeCache(key: string, manifest: CacheManifest, files: BundleFile[]): void {
  const dir = join(CACHE, key);
  const staging = `${dir}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  for (const file of files) writeFileSync(join(staging, file.name), file.contents);
  writeFileSync(join(staging, "manifest.json"), JSON.stringify(manifest));
  replaceDirectory(staging, dir); // another synth may have written the same entry first
}
