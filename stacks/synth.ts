import { fork } from "node:child_process";
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  copyFileSync,
} from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join } from "node:path";
import { App } from "cdktf";

/**
 * The output layout that makes a synth all-or-nothing even when the process is killed at any
 * instant (SIGKILL included):
 *
 *   cdktf.out            -> cdktf.out.gen/gen-<pid>-<time>   (a symlink, relative)
 *   cdktf.out.gen/gen-…  one complete generation: manifest.json, stacks/<stack>/...
 *
 * A synth writes a whole new generation beside the current one, carries Terraform's own files over
 * (each stack's .terraform/, lock file, local state, plans: hard links, so nothing is copied and the
 * old generation stays whole), then replaces the symlink with rename(2), which is atomic: a reader
 * (terraform, cdktf deploy, scripts/validate.ts) resolves `cdktf.out` to the old or to the new
 * generation, never to a mix. The previous generation is removed afterwards; whatever a killed run
 * leaves (a staging or unreferenced generation, the old `cdktf.out.staging-<pid>` folders) is removed
 * by the next run, unless the process that owns it is still running.
 *
 * Terraform keeps working in `cdktf.out/stacks/<stack>`: its working directory resolves to the
 * generation of the moment; a synth while a `terraform apply` runs there is not supported (it was
 * not before either).
 */
const GENERATIONS_SUFFIX = ".gen";
/** What synth writes into a stack folder; every other entry there belongs to Terraform and is kept. */
const SYNTH_OWNED = new Set(["cdk.tf.json", "assets"]);

export interface EnvironmentSynthOptions<Environment> {
  /** The output folder (a symlink to the current generation). */
  readonly outdir: string;
  /** Everything to synthesize, in order; workers get contiguous slices of it. */
  readonly environments: readonly Environment[];
  /** Builds the stacks of some environments into the app. Runs in the worker processes too. */
  readonly build: (app: App, environments: readonly Environment[]) => void;
  /** Runs over the complete staging folder before it replaces the output (policies). */
  readonly check?: (stagingDir: string) => void;
  /**
   * Worker processes. `undefined` picks: one process below {@link PARALLEL_THRESHOLD} environments,
   * otherwise one per CPU (at most one per 4 environments).
   * @default - automatic
   */
  readonly jobs?: number;
  /**
   * Worker mode: this process is a worker forked by {@link synthEnvironments}; the value is the task
   * the parent passed (main.ts hands over `process.env.CDKTF_SYNTH_WORKER`).
   * @default - not a worker
   */
  readonly workerTask?: string;
  /** How a worker finds its environments by name. @default - `String(environment)` */
  readonly nameOf?: (environment: Environment) => string;
  /**
   * Stacks of the current output that this synth does not build but keeps, with their manifest
   * entries (`STAGE=dev` keeps prod's output).
   * @default - stacks this synth does not build are removed
   */
  readonly keep?: (stackId: string) => boolean;
}

/** What a synth did: the processes it used and the stacks it kept from the earlier output. */
export interface SynthResult {
  readonly jobs: number;
  readonly kept: readonly string[];
}

/**
 * Environments from which synth splits over processes. Below, the ~0.45 s a worker needs to load
 * cdktf and the provider classes costs more than the ~0.07 s per environment it takes over.
 */
export const PARALLEL_THRESHOLD = 8;

interface WorkerTask {
  readonly environments: readonly string[];
  readonly outdir: string;
}

/**
 * Synthesizes environments into a new generation (in worker processes when there are many), checks
 * it, and swaps it in atomically.
 */
export function synthEnvironments<E>(options: EnvironmentSynthOptions<E>): Promise<SynthResult> {
  const nameOf = options.nameOf ?? ((e: E) => String(e));
  if (options.workerTask !== undefined) {
    const task = JSON.parse(options.workerTask) as WorkerTask;
    const app = new App({ outdir: task.outdir, stackTraces: false });
    options.build(app, options.environments.filter((e) => task.environments.includes(nameOf(e))));
    app.synth();
    return Promise.resolve({ jobs: 0, kept: [] });
  }
  const jobs = Math.max(1, Math.min(options.jobs ?? automaticJobs(options.environments.length), options.environments.length));
  if (jobs === 1) {
    const { kept } = synthAtomically(options.outdir, (app) => options.build(app, options.environments), options.check, { keep: options.keep });
    return Promise.resolve({ jobs: 1, kept });
  }
  return synthInWorkers(options, jobs, nameOf).then((kept) => ({ jobs, kept }));
}

function automaticJobs(environments: number): number {
  if (environments < PARALLEL_THRESHOLD) return 1;
  return Math.max(1, Math.min(availableParallelism(), Math.ceil(environments / 4)));
}

async function synthInWorkers<E>(options: EnvironmentSynthOptions<E>, jobs: number, nameOf: (e: E) => string): Promise<string[]> {
  const { outdir } = options;
  const staging = beginGeneration(outdir);
  try {
    const names = options.environments.map(nameOf);
    const groups = Array.from({ length: jobs }, (_, i) => names.slice(Math.floor((i * names.length) / jobs), Math.floor(((i + 1) * names.length) / jobs)));
    const parts = groups.map((_, i) => `${staging}.part${i}`);
    await Promise.all(groups.map((environments, i) => runWorker({ environments, outdir: parts[i] })));
    // One manifest from the parts, written the way cdktf writes its own (sorted keys, 2 spaces).
    const stacks: Record<string, unknown> = {};
    let version = "";
    let layout: ManifestLayout | undefined;
    mkdirSync(join(staging, "stacks"), { recursive: true });
    for (const part of parts) {
      const text = readFileSync(join(part, "manifest.json"), "utf8");
      const manifest = JSON.parse(text) as { version: string; stacks: Record<string, unknown> };
      layout ??= manifestLayout(text);
      version = manifest.version;
      for (const [name, stack] of Object.entries(manifest.stacks)) {
        stacks[name] = stack;
        renameSync(join(part, "stacks", name), join(staging, "stacks", name));
      }
      rmSync(part, { recursive: true, force: true });
    }
    writeFileSync(join(staging, "manifest.json"), layout!({ version, stacks }));
    options.check?.(staging);
    return commitGeneration(staging, outdir, options.keep);
  } finally {
    rmSync(staging, { recursive: true, force: true });
    for (const entry of safeReaddir(dirname(staging))) if (entry.startsWith(`${basename(staging)}.part`)) rmSync(join(dirname(staging), entry), { recursive: true, force: true });
  }
}

/** A forked copy of this program (same entry, same Node flags) that synthesizes one group. */
function runWorker(task: WorkerTask): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = fork(process.argv[1], process.argv.slice(2), {
      env: { ...process.env, CDKTF_SYNTH_WORKER: JSON.stringify(task) },
      stdio: ["ignore", "inherit", "pipe", "ipc"],
    });
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) {
        if (stderr) process.stderr.write(stderr);
        resolve();
        return;
      }
      // The worker printed "synth failed: <message>" (main.ts); hand the message on unchanged.
      const message = stderr.replace(/^synth failed: /, "").trim() || `synth worker for ${task.environments.join(", ")} exited with ${signal ?? code}`;
      const error = new Error(message);
      error.stack = message;
      reject(error);
    });
  });
}

type ManifestLayout = (value: unknown) => string;

/**
 * How the toolchain lays out manifest.json, found by writing its own file again: cdktf 0.21 uses
 * json-stable-stringify (keys sorted, empty arrays as "[" newline "]"), CDK Terrain sorted keys with
 * JSON.stringify's layout (or its insertion order). A merged manifest is written the same way, so worker and single-process
 * synths stay byte-identical under either (synth-speed.test.ts).
 */
function manifestLayout(text: string): ManifestLayout {
  const parsed = JSON.parse(text) as unknown;
  const layout = [stableStringify, sortedJson, (v: unknown) => JSON.stringify(v, null, 2)].find((write) => write(parsed) === text);
  if (!layout) throw new Error("manifest.json is in a layout this synth cannot reproduce (neither json-stable-stringify's nor sorted JSON.stringify's); merging worker output would change it");
  return layout;
}

function sortedJson(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v !== null && typeof v === "object"
        ? Object.fromEntries(Object.keys(v as object).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]))
        : v;
  return JSON.stringify(sorted(value), null, 2);
}

/** json-stable-stringify's output with 2 spaces, written here (CDK Terrain does not ship that package). */
function stableStringify(value: unknown): string {
  // json-stable-stringify's layout, empty arrays and objects included ("[" newline indent "]").
  const write = (node: unknown, level: number): string | undefined => {
    if (node === undefined) return undefined;
    if (node === null || typeof node !== "object") return JSON.stringify(node);
    const indent = `\n${"  ".repeat(level)}`;
    if (Array.isArray(node)) {
      const items = node.map((item) => `${indent}  ${write(item, level + 1) ?? "null"}`);
      return `[${items.join(",")}${indent}]`;
    }
    const entries = Object.keys(node as object)
      .sort()
      .flatMap((key) => {
        const written = write((node as Record<string, unknown>)[key], level + 1);
        return written === undefined ? [] : [`${indent}  ${JSON.stringify(key)}: ${written}`];
      });
    return `{${entries.join(",")}${indent}}`;
  };
  return write(value, 0) ?? "";
}

/**
 * Synthesizes into a new generation and makes it the output only when everything succeeded, so a
 * failed or killed synth leaves the previous output byte-for-byte as it was. Terraform's own files
 * in a stack folder (.terraform, lock file, local state, plans) survive a successful synth.
 */
export function synthAtomically(
  outdir: string,
  build: (app: App) => void,
  check?: (stagingDir: string) => void,
  options: { readonly keep?: (stackId: string) => boolean } = {},
): { readonly kept: readonly string[] } {
  const staging = beginGeneration(outdir);
  try {
    // Stack traces in construct metadata cost a third of a synth and nothing reads them.
    const app = new App({ outdir: staging, stackTraces: false });
    build(app);
    app.synth();
    check?.(staging);
    return { kept: commitGeneration(staging, outdir, options.keep) };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

/** Removes what killed runs left, and returns a fresh staging folder beside the generations. */
function beginGeneration(outdir: string): string {
  const generations = `${outdir}${GENERATIONS_SUFFIX}`;
  removeStale(outdir);
  mkdirSync(generations, { recursive: true });
  const staging = join(generations, `staging-${process.pid}-${Date.now().toString(36)}`);
  rmSync(staging, { recursive: true, force: true });
  return staging;
}

/** Every leftover of a dead process: staging folders, unreferenced generations, old-style staging. */
export function removeStale(outdir: string): void {
  const generations = `${outdir}${GENERATIONS_SUFFIX}`;
  const parent = dirname(outdir);
  const name = basename(outdir);
  // A kill during the one-time move from a plain folder left no output: put the old one back.
  if (!existsSync(outdir)) {
    const legacy = safeReaddir(generations).find((e) => e.startsWith("legacy-"));
    if (legacy) renameSync(join(generations, legacy), outdir);
  }
  const current = currentGeneration(outdir);
  for (const entry of safeReaddir(generations)) {
    if (entry === current) continue;
    const pid = Number(/^(?:staging|gen|legacy)-(\d+)-/.exec(entry)?.[1]);
    if (pid && pid !== process.pid && isAlive(pid)) continue;
    rmSync(join(generations, entry), { recursive: true, force: true });
  }
  for (const entry of safeReaddir(parent)) {
    const match = new RegExp(`^${escapeRegExp(name)}\\.(?:staging|link)-(\\d+)`).exec(entry);
    if (match && (Number(match[1]) === process.pid || !isAlive(Number(match[1])))) rmSync(join(parent, entry), { recursive: true, force: true });
  }
}

/** The generation folder name `outdir` points at, if it is a symlink into the generations folder. */
function currentGeneration(outdir: string): string | undefined {
  try {
    if (!lstatSync(outdir).isSymbolicLink()) return undefined;
    return basename(readlinkSync(outdir));
  } catch {
    return undefined;
  }
}

/** Swaps the staged generation in; returns the stacks kept from the current output. */
function commitGeneration(staging: string, outdir: string, keep: (stackId: string) => boolean = () => false): string[] {
  const kept = keepStacks(outdir, staging, keep);
  carryOverTerraformFiles(outdir, staging);
  const generations = dirname(staging);
  const generation = basename(staging).replace(/^staging-/, "gen-");
  renameSync(staging, join(generations, generation));
  const previous = currentGeneration(outdir);
  const link = `${outdir}.link-${process.pid}`;
  rmSync(link, { force: true });
  symlinkSync(join(basename(generations), generation), link, "dir");
  let legacy: string | undefined;
  if (existsSync(outdir) && !lstatSync(outdir).isSymbolicLink()) {
    // One-time move from the plain-folder layout; rename(2) cannot put a symlink over a folder.
    legacy = join(generations, `legacy-${process.pid}-${Date.now().toString(36)}`);
    renameSync(outdir, legacy);
  }
  renameSync(link, outdir); // the commit point
  if (legacy) rmSync(legacy, { recursive: true, force: true });
  if (previous && previous !== generation) rmSync(join(generations, previous), { recursive: true, force: true });
  return kept;
}

/**
 * Hard-links the current output's stacks that this synth did not build and `keep` wants into the
 * staged generation (whole folders: JSON, assets and Terraform's files), with their manifest entries.
 */
function keepStacks(outdir: string, staging: string, keep: (stackId: string) => boolean): string[] {
  const built = safeReaddir(join(staging, "stacks"));
  const kept = safeReaddir(join(outdir, "stacks")).filter((s) => !built.includes(s) && keep(s));
  const oldManifest = join(outdir, "manifest.json");
  if (kept.length === 0 || !existsSync(oldManifest)) return [];
  for (const stack of kept) linkTree(join(outdir, "stacks", stack), join(staging, "stacks", stack));
  const old = JSON.parse(readFileSync(oldManifest, "utf8")) as { stacks?: Record<string, unknown> };
  const text = readFileSync(join(staging, "manifest.json"), "utf8");
  const fresh = JSON.parse(text) as { version: string; stacks: Record<string, unknown> };
  for (const id of kept) if (old.stacks?.[id]) fresh.stacks[id] = old.stacks[id];
  writeFileSync(join(staging, "manifest.json"), manifestLayout(text)(fresh));
  return kept;
}

/** Terraform's files of the current output, hard-linked into the same stack folders of the new one. */
function carryOverTerraformFiles(outdir: string, staging: string): void {
  if (!existsSync(outdir)) return;
  const newStacks = safeReaddir(join(staging, "stacks"));
  for (const stack of newStacks) {
    const from = join(outdir, "stacks", stack);
    for (const entry of safeReaddir(from)) {
      if (SYNTH_OWNED.has(entry) || existsSync(join(staging, "stacks", stack, entry))) continue;
      linkTree(join(from, entry), join(staging, "stacks", stack, entry));
    }
  }
  for (const entry of safeReaddir(outdir)) {
    if (entry === "stacks" || entry === "manifest.json" || existsSync(join(staging, entry))) continue;
    linkTree(join(outdir, entry), join(staging, entry));
  }
}

function linkTree(from: string, to: string): void {
  const stat = lstatSync(from);
  if (stat.isSymbolicLink()) symlinkSync(readlinkSync(from), to);
  else if (stat.isDirectory()) {
    mkdirSync(to);
    for (const entry of readdirSync(from)) linkTree(join(from, entry), join(to, entry));
  } else {
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  }
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
