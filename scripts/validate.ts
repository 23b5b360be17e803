/**
 * Offline Terraform check of every synthesized stack: `terraform plan` with fake credentials (plan
 * validates the configuration too, so there is no separate `terraform validate`), after `terraform
 * init` against the provider mirror only where a stack needs it (no .terraform yet, no lock file, or
 * changed providers/backend/Terraform). Each stack is copied to .validate/stacks/<stack> with an
 * override file that swaps in a local backend, the provider's skip_* flags and local stand-ins for
 * cross-stack remote state, so no real backend or AWS API is ever touched.
 *
 * Incremental: a stack whose synthesized JSON, override file, lock file (provider versions) and
 * Terraform version hash to what its last successful plan saw is reported as unchanged and not
 * planned again (.validate/state.json).
 *
 * Together by default: the stacks to plan become modules of one root (.validate/combined), planned by
 * one `terraform plan`. Most of a small stack's plan is fixed cost paid once per Terraform process
 * (hashing the 707 MB provider against the lock file, 0.7 s; fetching its schema, 2.4 s; measured in
 * docs/performance.md), so one process for all stacks takes about half the time of one per stack.
 * What only a root module checks is kept: each stack's outputs are re-exported from the root with
 * their own `sensitive` flag (Terraform rejects a root output of a sensitive value not marked so);
 * a stack with `import` blocks (root only) or an asset path that another stack fills differently is
 * planned on its own. If the combined plan fails, every stack of it is planned on its own, so the
 * report names the failing stacks with their own messages. `--separate` plans each stack in its own
 * root, exactly as `cdktf deploy` would (CI does that), the stacks that took longest first.
 *
 *   npm run validate                        every stack (synthesizes first if the output is missing or stale)
 *   npm run validate -- dev-dns ...         only these stacks
 *   npm run validate -- --force [...]       plan again even what is unchanged
 *   npm run validate -- --separate [...]    one Terraform root per stack
 *
 * Settings (environment): TF_PLUGIN_MIRROR (default /opt/tf-plugins; when the folder is missing,
 * Terraform installs providers the normal way), TERRAFORM (default "terraform"), VALIDATE_JOBS
 * (default: number of CPUs, at most 4), VALIDATE_WORKDIR (default .validate).
 */
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, resolve } from "node:path";
import { newestChange } from "../lib/freshness";

const ROOT = resolve(__dirname, "..");
const OUT = join(ROOT, "cdktf.out");
/** VALIDATE_WORKDIR: another work folder (the bench measures a cold run in an empty one). */
const WORK = process.env.VALIDATE_WORKDIR ? resolve(process.env.VALIDATE_WORKDIR) : join(ROOT, ".validate");
const STATE_FILE = join(WORK, "state.json");
const DEFAULT_MIRROR = "/opt/tf-plugins";
const TERRAFORM = process.env.TERRAFORM || "terraform";
const SOURCES = ["main.ts", "cdktf.json", "vite.config.mts", "config", "lib", "constructs", "stacks", "policies", "app", "web"];

interface StackResult {
  readonly stack: string;
  readonly ok: boolean;
  readonly summary: string;
  readonly seconds: number;
  readonly unchanged?: boolean;
  /** What the successful plan saw, recorded for the next run. */
  readonly planKey?: string;
  readonly initKey?: string;
  /** Planned as a module of the combined root. */
  readonly combined?: boolean;
}

/** Per stack: the inputs of its last successful plan and init, and how long it took. */
interface ValidateState {
  stacks: Record<string, { planKey?: string; initKey?: string; seconds?: number }>;
  /** What the combined root was last initialised for (its modules and their terraform blocks). */
  combinedInitKey?: string;
}

async function main(): Promise<void> {
  const started = Date.now();
  const args = process.argv.slice(2);
  const force = args.includes("--force");
  const separate = args.includes("--separate");
  const wanted = args.filter((a) => a !== "--force" && a !== "--separate");
  const badFlag = wanted.find((a) => a.startsWith("-"));
  if (badFlag) {
    console.error(`validate: unknown option ${badFlag}; usage: npm run validate -- [--force] [--separate] [stack ...]`);
    process.exit(2);
  }
  ensureSynthesized();
  const manifest = JSON.parse(readFileSync(join(OUT, "manifest.json"), "utf8")) as { stacks: Record<string, unknown> };
  const all = Object.keys(manifest.stacks);
  const unknown = wanted.filter((s) => !all.includes(s));
  if (unknown.length > 0) {
    console.error(`validate: unknown stack ${unknown.join(", ")}; synthesized stacks are: ${all.join(", ")}`);
    process.exit(2);
  }
  const state = readState();
  const stacks = longestFirst(wanted.length > 0 ? wanted : all, state);

  mkdirSync(join(WORK, "plugin-cache"), { recursive: true });
  const env = terraformEnv();
  const tools = toolVersions(env);
  const results: StackResult[] = [];
  const report = (result: StackResult) => {
    results.push(result);
    const verdict = result.unchanged ? "same" : result.ok ? "ok  " : "FAIL";
    console.log(`${verdict} ${result.stack.padEnd(16)} ${result.summary}${result.unchanged || result.combined ? "" : ` (${result.seconds.toFixed(1)} s)`}`);
  };
  let queue = [...stacks];
  if (!separate) queue = await planTogether(queue, env, state, tools, force, report);
  await planEachAlone(queue, env, state, tools, force, report);
  for (const r of results) {
    if (r.unchanged) continue;
    // A combined plan has no time of its own per stack: the last separate one is kept for ordering.
    const seconds = r.combined ? state.stacks[r.stack]?.seconds : r.seconds;
    const initKey = r.combined ? state.stacks[r.stack]?.initKey : r.initKey;
    if (r.ok) state.stacks[r.stack] = { planKey: r.planKey, initKey, seconds };
    else state.stacks[r.stack] = { initKey, seconds };
  }
  writeState(state);
  const failed = results.filter((r) => !r.ok);
  const same = results.filter((r) => r.unchanged).length;
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `\n${results.length - failed.length} of ${results.length} stacks valid and planned offline in ${seconds.toFixed(1)} s` +
      (same > 0 ? ` (${same} unchanged since their last successful plan, not planned again; --force plans them)` : ""),
  );
  if (failed.length > 0) {
    console.error(`failed: ${failed.map((f) => f.stack).join(", ")} (details above; work folders in .validate/)`);
    process.exit(1);
  }
}

type Report = (result: StackResult) => void;

/** One Terraform root per stack, `VALIDATE_JOBS` at a time. */
async function planEachAlone(stacks: readonly string[], env: NodeJS.ProcessEnv, state: ValidateState, tools: ToolVersions, force: boolean, report: Report): Promise<void> {
  const queue = longestFirst(stacks, state);
  const combinedLock = join(WORK, "combined", ".terraform.lock.hcl");
  if (!seedLockFile && existsSync(combinedLock)) seedLockFile = combinedLock;
  const jobs = Number(process.env.VALIDATE_JOBS) || Math.min(4, availableParallelism());
  // With an empty plugin cache, parallel first installs would race to fill it: the first stack that
  // needs an init runs alone (and is not initialised again).
  if (readdirSync(join(WORK, "plugin-cache")).length === 0) {
    const first = queue.find((s) => needsInit(s, state, tools) || force);
    if (first) {
      queue.splice(queue.indexOf(first), 1);
      const result = await checkStack(first, env, state, tools, force);
      report(result);
      if (result.ok) seedLockFile = join(WORK, "stacks", first, ".terraform.lock.hcl");
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(jobs, queue.length) }, async () => {
      for (let stack = queue.shift(); stack; stack = queue.shift()) report(await checkStack(stack, env, state, tools, force));
    }),
  );
}

/**
 * Plans the stacks as modules of one root and reports those it settles; returns the stacks left to
 * plan on their own (root-only blocks, asset conflicts, or all of them when the combined plan failed).
 */
async function planTogether(stacks: readonly string[], env: NodeJS.ProcessEnv, state: ValidateState, tools: ToolVersions, force: boolean, report: Report): Promise<string[]> {
  const started = Date.now();
  const root = join(WORK, "combined");
  const rootLock = join(root, ".terraform.lock.hcl");
  mkdirSync(join(root, "stacks"), { recursive: true });
  const lockBefore = readIfExists(rootLock) ?? "";
  const alone: string[] = [];
  const members: Array<{ stack: string; config: TerraformJson; text: string; overrideText: string }> = [];
  const assets = new Map<string, string>();
  for (const stack of stacks) {
    const source = join(OUT, "stacks", stack);
    const text = readFileSync(join(source, "cdk.tf.json"), "utf8");
    const config = JSON.parse(text) as TerraformJson;
    if (config.import) {
      alone.push(stack); // import blocks are allowed in a root module only
      continue;
    }
    const dir = join(root, "stacks", stack);
    const overrideText = JSON.stringify(offlineOverride(config, dir, false), null, 2);
    const planKey = hash(text, overrideText, lockBefore, tools.text);
    if (!force && lockBefore && state.stacks[stack]?.planKey === planKey) {
      report({ stack, ok: true, unchanged: true, summary: "unchanged since its last successful plan", seconds: 0 });
      continue;
    }
    if (!claimAssets(source, assets)) {
      alone.push(stack); // an asset path another stack of the root fills with other content
      continue;
    }
    members.push({ stack, config, text, overrideText });
  }
  if (members.length < 2) return [...alone, ...members.map((m) => m.stack)];

  for (const entry of readdirSync(join(root, "stacks"))) if (!members.some((m) => m.stack === entry)) rmSync(join(root, "stacks", entry), { recursive: true, force: true });
  for (const { stack } of members) prepareWorkDir(join(OUT, "stacks", stack), join(root, "stacks", stack), false);
  rmSync(join(root, "assets"), { recursive: true, force: true });
  if (assets.size > 0) mkdirSync(join(root, "assets"));
  for (const [name, target] of assets) symlinkSync(target, join(root, "assets", name), "dir");
  writeFileSync(join(root, "main.tf.json"), JSON.stringify(combinedRoot(members), null, 2));

  const initKey = hash(...members.map((m) => `${m.stack}\n${initKeyOf(m.config, JSON.parse(m.overrideText) as Record<string, unknown>, tools)}`));
  const initialised = existsSync(join(root, ".terraform")) && existsSync(rootLock) && state.combinedInitKey === initKey;
  const names = members.map((m) => m.stack);
  console.log(`planning ${names.length} stacks together in .validate/combined (${names.join(", ")})`);
  if (!initialised) {
    const seed = lockBefore ? undefined : stacks.map((s) => join(WORK, "stacks", s, ".terraform.lock.hcl")).find((f) => existsSync(f));
    if (seed) copyFileSync(seed, rootLock);
    const init = await run(["init", "-input=false", "-no-color"], root, env);
    if (init.code !== 0) {
      console.log(`combined init failed; planning each stack on its own:\n${indent(init.output)}`);
      return [...alone, ...names];
    }
    state.combinedInitKey = initKey;
  }
  const plan = await run(["plan", "-input=false", "-lock=false", "-json", "-no-color"], root, env);
  const messages = plan.output.split("\n").map((l) => parseJson<PlanMessage>(l)).filter((m): m is PlanMessage => m !== undefined);
  const errors = messages.filter((m) => m.type === "diagnostic" && m.diagnostic?.severity === "error");
  if (plan.code !== 0 || errors.length > 0 || !messages.some((m) => m.type === "change_summary")) {
    console.log(`the combined plan failed (${errors.length} error(s)); planning each of its stacks on its own to name the failing ones`);
    return [...alone, ...names];
  }
  const lock = readFileSync(rootLock, "utf8");
  const seconds = (Date.now() - started) / 1000;
  for (const { stack, text, overrideText } of members) {
    const adds = messages.filter((m) => m.type === "planned_change" && m.change?.action === "create" && m.change.resource?.module === `module.${stack}`).length;
    const planKey = hash(text, overrideText, lock, tools.text);
    report({ stack, ok: true, combined: true, summary: `valid, plan: ${adds} to add`, seconds, planKey });
  }
  console.log(`${names.length} stacks planned together in ${seconds.toFixed(1)} s${initialised ? "" : " (initialised)"}`);
  return alone;
}

/**
 * The combined root: one module per stack, and each stack's outputs re-exported with their own
 * `sensitive` flag, so the root-module check on sensitive outputs applies to every stack.
 */
export function combinedRoot(members: ReadonlyArray<{ stack: string; config: TerraformJson }>): Record<string, unknown> {
  const module: Record<string, { source: string }> = {};
  const output: Record<string, { value: string; sensitive?: boolean }> = {};
  for (const { stack, config } of members) {
    module[stack] = { source: `./stacks/${stack}` };
    for (const [name, out] of Object.entries(config.output ?? {})) {
      output[`${stack}__${name}`] = { value: `\${module.${stack}.${name}}`, ...(out.sensitive ? { sensitive: true } : {}) };
    }
  }
  return Object.keys(output).length > 0 ? { module, output } : { module };
}

/**
 * Adds a stack's asset folders (paths in its JSON are relative to the working directory) to the
 * combined root's; false when one of them is already there with other content.
 */
export function claimAssets(source: string, assets: Map<string, string>): boolean {
  const folder = join(source, "assets");
  if (!existsSync(folder)) return true;
  const entries = readdirSync(folder).map((name) => [name, realpathSync(join(folder, name))] as const);
  if (entries.some(([name, target]) => assets.has(name) && assets.get(name) !== target && treeHash(assets.get(name)!) !== treeHash(target))) return false;
  for (const [name, target] of entries) if (!assets.has(name)) assets.set(name, target);
  return true;
}

const treeHashes = new Map<string, string>();
function treeHash(path: string): string {
  const known = treeHashes.get(path);
  if (known) return known;
  const h = createHash("sha256");
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full, `${rel}${entry.name}/`);
      else h.update(`${rel}${entry.name}\0`).update(readFileSync(full)).update("\0");
    }
  };
  if (statSync(path).isDirectory()) walk(path, "");
  else h.update(readFileSync(path));
  const digest = h.digest("hex");
  treeHashes.set(path, digest);
  return digest;
}

function readIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/** The slowest stacks of the last run first (else the largest JSON), so the tail is short. */
export function longestFirst(stacks: readonly string[], state: ValidateState): string[] {
  const weight = (s: string) => state.stacks[s]?.seconds ?? statSafe(join(OUT, "stacks", s, "cdk.tf.json")) / 1e5;
  return [...stacks].sort((a, b) => weight(b) - weight(a));
}

function statSafe(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function readState(): ValidateState {
  try {
    const state = JSON.parse(readFileSync(STATE_FILE, "utf8")) as ValidateState;
    return state && typeof state.stacks === "object" ? state : { stacks: {} };
  } catch {
    return { stacks: {} };
  }
}

function writeState(state: ValidateState): void {
  mkdirSync(WORK, { recursive: true });
  writeFileSync(`${STATE_FILE}.${process.pid}`, JSON.stringify(state, null, 2));
  require("node:fs").renameSync(`${STATE_FILE}.${process.pid}`, STATE_FILE);
}

interface ToolVersions {
  readonly text: string;
}

/** Terraform's version and the CLI configuration (mirror): part of every init and plan key. */
function toolVersions(env: NodeJS.ProcessEnv): ToolVersions {
  const version = spawnSync(TERRAFORM, ["version", "-json"], { env, encoding: "utf8" });
  const cliConfig = env.TF_CLI_CONFIG_FILE && existsSync(env.TF_CLI_CONFIG_FILE) ? readFileSync(env.TF_CLI_CONFIG_FILE, "utf8") : "";
  const terraform = (parseJson<{ terraform_version?: string }>(version.stdout ?? "")?.terraform_version ?? version.stdout) || "unknown";
  return { text: `terraform ${terraform}\n${cliConfig}` };
}

function hash(...parts: string[]): string {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\0");
  return h.digest("hex");
}

/** What an init depends on: the terraform block (providers, backend or cloud), the override's, the tools. */
function initKeyOf(config: TerraformJson & { terraform?: unknown }, override: Record<string, unknown>, tools: ToolVersions): string {
  return hash(JSON.stringify(config.terraform ?? {}), JSON.stringify(override.terraform ?? {}), tools.text);
}

function needsInit(stack: string, state: ValidateState, tools: ToolVersions): boolean {
  const dir = join(WORK, "stacks", stack);
  if (!existsSync(join(dir, ".terraform")) || !existsSync(join(dir, ".terraform.lock.hcl"))) return true;
  const source = join(OUT, "stacks", stack, "cdk.tf.json");
  if (!existsSync(source)) return true;
  const config = JSON.parse(readFileSync(source, "utf8")) as TerraformJson;
  return state.stacks[stack]?.initKey !== initKeyOf(config, offlineOverride(config, dir, false), tools);
}

/** Synthesizes when cdktf.out is missing or older than any source file. */
export function ensureSynthesized(): void {
  const manifest = join(OUT, "manifest.json");
  const synthesizedAt = existsSync(manifest) ? statSync(manifest).mtimeMs : 0;
  if (synthesizedAt > 0 && newestSource() <= synthesizedAt) return;
  console.log(synthesizedAt === 0 ? "cdktf.out is missing: synthesizing" : "sources changed since the last synth: synthesizing");
  const synth = spawnSync("npm", ["run", "--silent", "synth"], { cwd: ROOT, stdio: "inherit" });
  if (synth.status !== 0) process.exit(synth.status ?? 1);
}

function newestSource(): number {
  return newestChange(
    SOURCES.map((s) => join(ROOT, s)),
    { skip: (_path, name) => name === "node_modules" || name === "dist" },
  );
}

/**
 * The Terraform CLI configuration for a provider mirror folder: undefined for the default mirror
 * (scripts/terraform.tfrc is used as it is), the same file pointed at another existing folder, or no
 * provider_installation at all where the folder does not exist (Terraform installs from the registry).
 */
export function cliConfigFor(mirror: string, mirrorExists: boolean): string | undefined {
  if (!mirrorExists) return "# no provider mirror on this machine: normal provider installation\n";
  if (mirror === DEFAULT_MIRROR) return undefined;
  return readFileSync(join(ROOT, "scripts", "terraform.tfrc"), "utf8").replaceAll(DEFAULT_MIRROR, mirror);
}

function terraformEnv(): NodeJS.ProcessEnv {
  const mirror = process.env.TF_PLUGIN_MIRROR || DEFAULT_MIRROR;
  const mirrorExists = existsSync(mirror);
  if (!mirrorExists) console.log(`provider mirror ${mirror} not found: Terraform installs providers from the registry`);
  const text = cliConfigFor(mirror, mirrorExists);
  const cliConfig = text === undefined ? join(ROOT, "scripts", "terraform.tfrc") : join(WORK, "terraform.tfrc");
  if (text !== undefined) writeFileSync(cliConfig, text);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TF_CLI_CONFIG_FILE: cliConfig,
    TF_PLUGIN_CACHE_DIR: join(WORK, "plugin-cache"),
    TF_IN_AUTOMATION: "1",
    TF_INPUT: "0",
    CHECKPOINT_DISABLE: "1",
    // Fake credentials: the override file also turns off every call the provider makes on its own.
    AWS_ACCESS_KEY_ID: "AKIAOFFLINEVALIDATE0",
    AWS_SECRET_ACCESS_KEY: "offline-validation-only",
    AWS_EC2_METADATA_DISABLED: "true",
  };
  for (const name of ["AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "TF_WORKSPACE"]) delete env[name];
  for (const name of Object.keys(env)) if (name.startsWith("TF_VAR_") || name.startsWith("TF_TOKEN_")) delete env[name];
  return env;
}

/**
 * The lock file of the stack that filled the plugin cache. A stack inited without a lock file makes
 * Terraform install the provider into the shared cache again, replacing the folder that parallel
 * stacks' .terraform links point at ("could not read package directory" in their plan). Every stack
 * uses the same provider from the same mirror, so a new work folder starts from this lock file and
 * its init only links the cached provider.
 */
let seedLockFile: string | undefined;

async function checkStack(stack: string, env: NodeJS.ProcessEnv, state: ValidateState, tools: ToolVersions, force: boolean): Promise<StackResult> {
  const started = Date.now();
  const source = join(OUT, "stacks", stack);
  const dir = join(WORK, "stacks", stack);
  const { config, overrideText } = prepareWorkDir(source, dir);
  const override = JSON.parse(overrideText) as Record<string, unknown>;
  const initKey = initKeyOf(config, override, tools);
  const done = (ok: boolean, summary: string, planKey?: string): StackResult => ({ stack, ok, summary, seconds: (Date.now() - started) / 1000, planKey, initKey });

  const initialised = existsSync(join(dir, ".terraform")) && existsSync(join(dir, ".terraform.lock.hcl")) && state.stacks[stack]?.initKey === initKey;
  if (!initialised) {
    if (seedLockFile && !existsSync(join(dir, ".terraform.lock.hcl")) && existsSync(seedLockFile)) copyFileSync(seedLockFile, join(dir, ".terraform.lock.hcl"));
    let init = await run(["init", "-input=false", "-no-color"], dir, env);
    // Parallel inits can still collide in the shared plugin cache ("mkdir …: file exists", seen on a
    // heavily loaded machine); the entry is there by then, so one more init succeeds.
    if (init.code !== 0 && /file exists/.test(init.output)) init = await run(["init", "-input=false", "-no-color"], dir, env);
    if (init.code !== 0) return done(false, `terraform init failed:\n${indent(init.output)}`);
  }
  const lock = readFileSync(join(dir, ".terraform.lock.hcl"), "utf8");
  const planKey = hash(readFileSync(join(dir, "cdk.tf.json"), "utf8"), overrideText, lock, tools.text);
  if (!force && initialised && state.stacks[stack]?.planKey === planKey) {
    return { stack, ok: true, unchanged: true, summary: "unchanged since its last successful plan", seconds: 0 };
  }
  const plan = await run(["plan", "-input=false", "-lock=false", "-json", "-no-color"], dir, env);
  const messages = plan.output.split("\n").map((l) => parseJson<PlanMessage>(l)).filter((m): m is PlanMessage => m !== undefined);
  const errors = messages.filter((m) => m.type === "diagnostic" && m.diagnostic?.severity === "error").map((m) => m.diagnostic!);
  const summary = messages.find((m) => m.type === "change_summary");
  if (plan.code !== 0 || errors.length > 0 || !summary?.changes) {
    return done(false, `terraform plan failed:\n${indent(formatDiagnostics(errors) || plan.output)}`);
  }
  return done(true, `valid, plan: ${summary.changes.add} to add${initialised ? "" : " (initialised)"}`, planKey);
}

/** A copy of the stack with the offline override beside it; the provider install is kept between runs. */
function prepareWorkDir(source: string, dir: string, linkAssets = true): { config: TerraformJson; overrideText: string } {
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(dir)) if (entry !== ".terraform" && entry !== ".terraform.lock.hcl") rmSync(join(dir, entry), { recursive: true, force: true });
  copyFileSync(join(source, "cdk.tf.json"), join(dir, "cdk.tf.json"));
  if (linkAssets && existsSync(join(source, "assets"))) symlinkSync(join(source, "assets"), join(dir, "assets"), "dir");
  const config = JSON.parse(readFileSync(join(dir, "cdk.tf.json"), "utf8")) as TerraformJson;
  const overrideText = JSON.stringify(offlineOverride(config, dir), null, 2);
  writeFileSync(join(dir, "offline_override.tf.json"), overrideText);
  return { config, overrideText };
}

interface TerraformJson {
  terraform?: unknown;
  import?: unknown;
  output?: Record<string, { sensitive?: boolean }>;
  provider?: Record<string, Array<{ alias?: string }>>;
  data?: { terraform_remote_state?: Record<string, unknown> };
  resource?: { aws_sfn_state_machine?: Record<string, { definition: string }> };
}

/** Local backend, provider skip flags, and remote state read from local files with placeholder outputs. */
export function offlineOverride(config: TerraformJson, dir: string, writeStates = true): Record<string, unknown> {
  const override: Record<string, any> = { terraform: { backend: { local: { path: "terraform.tfstate" } } } };
  const aws = config.provider?.aws ?? [];
  if (aws.length > 0) {
    override.provider = {
      aws: aws.map((p) => ({
        ...(p.alias ? { alias: p.alias } : {}),
        access_key: "AKIAOFFLINEVALIDATE0",
        secret_key: "offline-validation-only",
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
        // Checked against the account of the credentials, which offline there is none of.
        allowed_account_ids: null,
        // A provider that assumes a role (the parent zone's delegation role) would call STS at plan;
        // an empty role ARN turns assuming off (override blocks replace the original's).
        ...("assume_role" in p ? { assume_role: [{ role_arn: "" }] } : {}),
      })),
    };
  }
  // The provider sends a known state machine definition to the ValidateStateMachineDefinition API
  // while planning, and has no flag to skip that. timestamp() is unknown until apply, which makes
  // the definition unknown during plan (the provider then skips the call) and leaves it unchanged
  // at apply. The definition itself is checked offline by asl-validator in the tests.
  for (const [name, machine] of Object.entries(config.resource?.aws_sfn_state_machine ?? {})) {
    override.resource ??= { aws_sfn_state_machine: {} };
    override.resource.aws_sfn_state_machine[name] = { definition: `\${substr(timestamp(), 0, 0)}${machine.definition}` };
  }
  const remoteStates = Object.keys(config.data?.terraform_remote_state ?? {});
  if (remoteStates.length > 0) {
    const text = JSON.stringify(config);
    override.data = { terraform_remote_state: {} };
    for (const name of remoteStates) {
      const outputs: Record<string, { value: unknown; type: unknown }> = {};
      const used = new RegExp(`data\\.terraform_remote_state\\.${escape(name)}\\.outputs\\.([A-Za-z0-9_-]+)`, "g");
      for (const [, output] of text.matchAll(used)) outputs[output] = placeholder(output);
      const statePath = join(dir, `remote-state-${name}.tfstate`);
      if (writeStates) writeFileSync(statePath, JSON.stringify({ version: 4, terraform_version: "1.11.4", serial: 1, lineage: "offline", outputs, resources: [] }));
      override.data.terraform_remote_state[name] = { backend: "local", config: { path: statePath }, workspace: null };
    }
  }
  return override;
}

/** A value of the right shape for an output another stack produces (name-based). */
function placeholder(output: string): { value: unknown; type: unknown } {
  const name = output.toLowerCase();
  if (/name_?servers|subnet_?ids|ids$/.test(name)) return { value: ["offline-placeholder-1", "offline-placeholder-2"], type: ["list", "string"] };
  if (/arn/.test(name)) return { value: "arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000", type: "string" };
  if (/zone_?id/.test(name)) return { value: "Z0OFFLINEPLACEHOLDER", type: "string" };
  return { value: "offline-placeholder", type: "string" };
}

interface Diagnostic {
  severity: string;
  summary: string;
  detail?: string;
  address?: string;
}
interface PlanMessage {
  type: string;
  diagnostic?: Diagnostic;
  changes?: { add: number; change: number; remove: number };
  change?: { action?: string; resource?: { module?: string } };
}

function formatDiagnostics(diagnostics: Diagnostic[] | undefined): string {
  return (diagnostics ?? [])
    .filter((d) => d.severity === "error")
    .map((d) => `${d.address ? `${d.address}: ` : ""}${d.summary}${d.detail ? `\n  ${d.detail}` : ""}`)
    .join("\n");
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(TERRAFORM, args, { cwd, env });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (e) => done({ code: 127, output: `${TERRAFORM}: ${e.message} (install Terraform >= 1.10 or set TERRAFORM)` }));
    child.on("close", (code) => done({ code: code ?? 1, output }));
  });
}

function parseJson<T>(text: string): T | undefined {
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}

function indent(text: string): string {
  return text.trim().split("\n").map((l) => `    ${l}`).join("\n");
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
