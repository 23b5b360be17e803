/**
 * npm run plan|deploy|destroy -- <env | stack id> [options]
 *
 * Runs Terraform in each synthesized stack of the environment (cdktf.out/stacks/<stack>) in the
 * order of the stack graph (scripts/stack-graph.ts): plan and deploy dependencies first, destroy
 * dependents first and never `<env>-state`. Stops at the first failure and says which stack failed
 * and which ran. Checks credentials before anything runs.
 *
 * Options:
 *   --auto-approve           no prompts (CI). deploy then plans to a file and applies exactly that plan
 *   --no-synth               use cdktf.out as it is (CI synthesizes once)
 *   --without-state          leave out <env>-state (CI: the state stack is applied once by an administrator)
 *   --plan-dir <dir>         plan: write <stack>.json (terraform show -json), .txt and, for HCP runs, .url
 *   --expect-fingerprints <file>  deploy: refuse a stack whose fresh plan differs from the reviewed one
 *   --verify                 deploy: plan again after each apply and fail if anything is still to change
 *   --instance-role          skip the credentials check (EC2/ECS roles are not visible beforehand)
 * Environment: TERRAFORM (default "terraform").
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ConfigError, loadConfig } from "../config";
import { environments } from "../config/environments";
import { PREVIEW_NAME_RE } from "../config/preview";
import { planFingerprint, type PlanJson } from "./ci/plan-summary";
import { checkAwsCredentials, checkHcpToken, type CredentialCheck } from "./credentials";
import { deployOrder, destroyOrder, selectStacks, StackGraphError, stateStackId, type Manifest } from "./stack-graph";

const ROOT = resolve(__dirname, "..");
const OUT = resolve(ROOT, process.env.CDKTF_OUTDIR || "cdktf.out");
const TERRAFORM = process.env.TERRAFORM || "terraform";
export const COMMANDS = ["plan", "deploy", "destroy"] as const;
type Command = (typeof COMMANDS)[number];

export interface Options {
  readonly command: Command;
  readonly target: string;
  readonly autoApprove: boolean;
  readonly synth: boolean;
  readonly withoutState: boolean;
  readonly planDir?: string;
  readonly expectFingerprints?: string;
  readonly verify: boolean;
  readonly instanceRole: boolean;
}

export function parseArgs(argv: readonly string[]): Options {
  const [command, ...rest] = argv;
  if (!COMMANDS.includes(command as Command)) throw new UsageError(`unknown command "${command ?? ""}"; use one of ${COMMANDS.join(", ")}`);
  const flags = new Set<string>();
  const values: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === "--plan-dir" || arg === "--expect-fingerprints") {
      if (!rest[i + 1]) throw new UsageError(`${arg} needs a value`);
      values[arg] = rest[++i];
    } else if (["--auto-approve", "--no-synth", "--without-state", "--verify", "--instance-role"].includes(arg)) flags.add(arg);
    else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (positional.length !== 1) throw new UsageError(`name one environment or stack id, e.g. npm run ${command} -- dev`);
  const environment = environmentOf(positional[0]);
  const known = Object.keys(environments);
  if (environment !== undefined && !known.includes(environment) && !PREVIEW_NAME_RE.test(environment)) {
    throw new UsageError(
      `"${positional[0]}" names no environment or stack: environments are ${known.join(", ")} (config/environments/) and previews pr<number>; ` +
        `a stack id is <environment>-<stack> (npm run synth lists them in cdktf.out/manifest.json), e.g. npm run ${command} -- ${known[0]} or ${known[0]}-api`,
    );
  }
  return {
    command: command as Command,
    target: positional[0],
    autoApprove: flags.has("--auto-approve"),
    synth: !flags.has("--no-synth"),
    withoutState: flags.has("--without-state"),
    planDir: values["--plan-dir"],
    expectFingerprints: values["--expect-fingerprints"],
    verify: flags.has("--verify"),
    instanceRole: flags.has("--instance-role"),
  };
}

export class UsageError extends Error {}

/** The environment a target belongs to (`dev` for `dev` and `dev-api`); undefined for bootstrap stacks. */
export function environmentOf(target: string): string | undefined {
  if (target.startsWith("bootstrap-")) return undefined;
  return target.split("-")[0];
}

/** The credentials Terraform will need for the target, checked offline. */
export function credentialsFor(target: string, env: NodeJS.ProcessEnv, home?: string): CredentialCheck {
  const environment = environmentOf(target);
  if (environment) {
    const [config] = loadConfig({ env: { ...env, STAGE: environment } });
    if (config.backend.type === "cloud" && config.delivery?.runs === "hcp-terraform") return checkHcpToken(env, config.backend.hostname, home);
    const check = checkAwsCredentials(env, home);
    const where = `The ${environment} stacks run in AWS account ${config.accountId} (${config.region}); the provider refuses credentials of any other account.`;
    return check.problem ? { problem: `${check.problem}\n${where}` } : check;
  }
  return checkAwsCredentials(env, home);
}

function terraform(args: string[], cwd: string, capture = false): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(TERRAFORM, args, { cwd, stdio: capture ? ["inherit", "pipe", "pipe"] : "inherit", env: { ...process.env, CHECKPOINT_DISABLE: "1" } });
    let output = "";
    child.stdout?.on("data", (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr?.on("data", (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on("error", (e) => done({ code: 127, output: `${TERRAFORM}: ${e.message}; install Terraform 1.11 or set TERRAFORM` }));
    child.on("close", (code) => done({ code: code ?? 1, output }));
  });
}

const HCP_RUN_URL = /https:\/\/\S+\/runs\/run-[A-Za-z0-9]+/;

async function runStack(options: Options, stack: string, fingerprints: Record<string, string>): Promise<string | undefined> {
  const cwd = join(OUT, "stacks", stack);
  const init = await terraform(["init", "-input=false"], cwd);
  if (init.code !== 0) return "terraform init failed";
  const cloud = existsSync(join(cwd, "cdk.tf.json")) && /"cloud"\s*:/.test(readFileSync(join(cwd, "cdk.tf.json"), "utf8"));
  const planArgs = ["plan", "-input=false", "-detailed-exitcode", "-lock-timeout=120s", ...(cloud ? [] : ["-out=tfplan"])];

  if (options.command === "destroy") {
    const destroy = await terraform(["destroy", "-input=false", "-lock-timeout=120s", ...(options.autoApprove ? ["-auto-approve"] : [])], cwd);
    return destroy.code === 0 ? undefined : `terraform destroy exited with ${destroy.code}`;
  }
  if (options.command === "deploy" && !options.autoApprove) {
    // Interactive: Terraform shows the plan and asks before it applies.
    const apply = await terraform(["apply", "-input=true", "-lock-timeout=120s"], cwd);
    return apply.code === 0 ? undefined : `terraform apply exited with ${apply.code}`;
  }

  const plan = await terraform(planArgs, cwd, true);
  if (plan.code === 1) return "terraform plan failed";
  const runUrl = HCP_RUN_URL.exec(plan.output)?.[0];
  let planJson: PlanJson | undefined;
  if (!cloud) {
    const show = spawnSync(TERRAFORM, ["show", "-json", "tfplan"], { cwd, encoding: "utf8", maxBuffer: 512 * 1024 * 1024 });
    if (show.status !== 0) return `terraform show -json failed: ${show.stderr}`;
    planJson = JSON.parse(show.stdout) as PlanJson;
  }
  if (options.command === "plan") {
    if (options.planDir) {
      mkdirSync(options.planDir, { recursive: true });
      if (planJson) writeFileSync(join(options.planDir, `${stack}.json`), JSON.stringify(planJson));
      writeFileSync(join(options.planDir, `${stack}.txt`), plan.output);
      if (runUrl) writeFileSync(join(options.planDir, `${stack}.url`), runUrl);
    }
    return undefined;
  }

  // deploy --auto-approve: apply exactly the plan just made, after proving it is the reviewed one.
  if (options.expectFingerprints && planJson) {
    const expected = fingerprints[stack];
    const actual = planFingerprint(planJson);
    if (expected !== actual) {
      return `the plan differs from the one reviewed on the pull request (reviewed ${expected ?? "none"}, now ${actual}): something changed since the review (another merge, drift, or a manual change); re-run the pull request's plan and review again`;
    }
  }
  if (plan.code === 0) {
    console.log(`${stack}: no changes`);
    return undefined;
  }
  const apply = await terraform(cloud ? ["apply", "-input=false", "-auto-approve", "-lock-timeout=120s"] : ["apply", "-input=false", "-lock-timeout=120s", "tfplan"], cwd);
  if (apply.code !== 0) return `terraform apply exited with ${apply.code} (the stack may be partly applied: its state records what was created)`;
  if (options.verify) {
    const again = await terraform(["plan", "-input=false", "-detailed-exitcode", "-lock-timeout=120s"], cwd, true);
    if (again.code === 2) return "still has changes right after apply (drift, or a resource whose settings do not converge)";
    if (again.code !== 0) return "the verification plan after apply failed";
  }
  rmSync(join(cwd, "tfplan"), { force: true });
  return undefined;
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: npm run plan|deploy|destroy -- <env | stack id> [--auto-approve] [--no-synth] [--without-state] [--plan-dir <dir>] [--expect-fingerprints <file>] [--verify] [--instance-role]`);
    return 2;
  }
  const label = `npm run ${options.command} -- ${options.target}`;
  if (!options.instanceRole) {
    const check = credentialsFor(options.target, process.env);
    if (check.problem) {
      console.error(`${label}: stopped before running Terraform.\n${check.problem}`);
      return 1;
    }
    console.log(`credentials: ${check.source}`);
  }
  if (options.synth) {
    const environment = environmentOf(options.target);
    const synth = spawnSync("npm", ["run", "--silent", "synth"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, ...(environment ? { STAGE: environment } : {}) } });
    if (synth.status !== 0) return synth.status ?? 1;
  }
  const manifest = JSON.parse(readFileSync(join(OUT, "manifest.json"), "utf8")) as Manifest;
  let order = selectStacks(manifest, options.target);
  const environment = environmentOf(options.target);
  if (options.withoutState && environment) order = order.filter((s) => s !== stateStackId(environment));
  order = options.command === "destroy" ? destroyOrder(manifest, order) : deployOrder(manifest, order);
  const fingerprints = options.expectFingerprints ? (JSON.parse(readFileSync(options.expectFingerprints, "utf8")) as Record<string, string>) : {};
  console.log(`${options.command} ${options.target}: ${order.join(" -> ")}${options.command === "destroy" && environment ? ` (${stateStackId(environment)} is never destroyed here)` : ""}`);

  for (const [i, stack] of order.entries()) {
    console.log(`\n=== ${options.command} ${stack} (${i + 1} of ${order.length})`);
    const failure = await runStack(options, stack, fingerprints);
    if (failure) {
      if (options.planDir) {
        mkdirSync(options.planDir, { recursive: true });
        writeFileSync(join(options.planDir, `${stack}.error`), failure);
      }
      console.error(
        [
          `\n${label} stopped at stack ${stack} (${i + 1} of ${order.length}): ${failure}.`,
          `  finished: ${order.slice(0, i).join(", ") || "none"}`,
          `  not started: ${order.slice(i + 1).join(", ") || "none"}`,
          `Fix the error above and run ${label} again; finished stacks have nothing left to do.`,
        ].join("\n"),
      );
      return 1;
    }
  }
  console.log(`\n${label}: ${order.length} stack${order.length === 1 ? "" : "s"} done`);
  return 0;
}

if (require.main === module) {
  main()
    .then((code) => (process.exitCode = code))
    .catch((e) => {
      console.error(e instanceof ConfigError || e instanceof StackGraphError ? e.message : e);
      process.exitCode = 1;
    });
}
