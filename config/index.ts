import type { ZodIssue } from "zod";
import { environments as defaultEnvironments } from "./environments";
import { PREVIEW_NAME_RE, previewInput, previewNameProblems } from "./preview";
import { environmentSchema, type EnvironmentConfig, type EnvironmentInput } from "./schema";

export * from "./schema";

/** Prefix of the environment variables that override one setting: `CFG__dev__site__waf=true`. */
export const OVERRIDE_PREFIX = "CFG__";

export interface ConfigProblem {
  /** Dotted path, starting with the environment name (or the environment variable at fault). */
  readonly field: string;
  readonly received: unknown;
  readonly message: string;
  readonly fix: string;
}

/** Every problem found in the configuration, reported together. */
export class ConfigError extends Error {
  constructor(public readonly problems: readonly ConfigProblem[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
        problems
          .map((p) => `  - ${p.field}: received ${describe(p.received)}; ${p.message}.\n    Fix: ${p.fix}`)
          .join("\n"),
    );
    this.name = "ConfigError";
  }
}

export interface LoadConfigOptions {
  /** Process environment: `STAGE` and `CFG__*` overrides are read from it. @default - no overrides, every environment */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The environment definitions. @default - config/environments */
  readonly environments?: Readonly<Record<string, EnvironmentInput>>;
}

/**
 * Validates the selected environments once, applying `CFG__<env>__<path>` overrides.
 * Throws a {@link ConfigError} listing every invalid value at once.
 */
export function loadConfig(options: LoadConfigOptions = {}): EnvironmentConfig[] {
  const env = options.env ?? {};
  const all = options.environments ?? defaultEnvironments;
  const problems: ConfigProblem[] = [];

  for (const name of Object.keys(all).filter((n) => PREVIEW_NAME_RE.test(n))) {
    problems.push({
      field: `${name}.name`,
      received: name,
      message: "is the name of a preview environment (pr<pull request number>), which would share its stacks, state keys and CI role with that preview",
      fix: `rename config/environments/${name}.ts and its name, e.g. "${name.replace(/^pr/, "stage")}"`,
    });
  }
  const names = selectStages(env.STAGE, Object.keys(all), problems, all);
  const inputs = new Map<string, unknown>(names.map((n) => [n, structuredClone(all[n] ?? derivePreview(n, all))]));
  applyOverrides(env, inputs, Object.keys(all), problems);

  const configs: EnvironmentConfig[] = [];
  for (const [name, input] of inputs) {
    const result = environmentSchema.safeParse(input);
    if (result.success) {
      if (result.data.name !== name) {
        problems.push({
          field: `${name}.name`,
          received: result.data.name,
          message: `must equal the environment's key "${name}"`,
          fix: `set name: "${name}" in config/environments/${name}.ts`,
        });
      }
      configs.push(result.data);
    } else {
      problems.push(...result.error.issues.map((issue) => toProblem(name, input, issue)));
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return configs;
}

/** The environment files that allow previews (`delivery.previews: true`); the first is the base. */
function previewBase(all: Readonly<Record<string, EnvironmentInput>>): EnvironmentInput | undefined {
  return Object.values(all).find((e) => e.delivery?.previews === true);
}

function derivePreview(name: string, all: Readonly<Record<string, EnvironmentInput>>): EnvironmentInput {
  return previewInput(previewBase(all)!, Number(PREVIEW_NAME_RE.exec(name)![1]));
}

function selectStages(
  stage: string | undefined,
  known: string[],
  problems: ConfigProblem[],
  all: Readonly<Record<string, EnvironmentInput>>,
): string[] {
  if (stage === undefined || stage.trim() === "") return known;
  const wanted = [...new Set(stage.split(",").map((s) => s.trim()).filter(Boolean))];
  const previews: string[] = [];
  for (const name of wanted.filter((n) => !known.includes(n) && PREVIEW_NAME_RE.test(n))) {
    const base = previewBase(all);
    if (!base) {
      problems.push({
        field: "STAGE",
        received: name,
        message: "names a preview environment, but no environment allows previews",
        fix: "set delivery.previews: true in the environment previews derive from (config/environments/dev.ts)",
      });
      continue;
    }
    const tooLong = previewNameProblems(name, base);
    if (tooLong.length > 0) {
      problems.push({
        field: "STAGE",
        received: name,
        message: `is too long for a preview of "${base.name}": ${tooLong.join("; ")}`,
        fix: `preview names are pr<pull request number>; shorten project "${base.project}" or domain "${base.domain}" in config/environments/${base.name}.ts, or use a shorter pull request number`,
      });
      continue;
    }
    previews.push(name);
  }
  for (const name of wanted.filter((n) => !known.includes(n) && !PREVIEW_NAME_RE.test(n))) {
    problems.push({
      field: "STAGE",
      received: name,
      message: `is not a known environment (known: ${known.join(", ")})`,
      fix: `use STAGE=${known[0]} or a comma list such as STAGE=${known.join(",")}, or add config/environments/${name}.ts`,
    });
  }
  return wanted.filter((n) => known.includes(n) || previews.includes(n));
}

function applyOverrides(
  env: Readonly<Record<string, string | undefined>>,
  inputs: Map<string, unknown>,
  known: string[],
  problems: ConfigProblem[],
): void {
  for (const [key, raw] of Object.entries(env)) {
    if (!key.startsWith(OVERRIDE_PREFIX) || raw === undefined) continue;
    const [envName, ...path] = key.slice(OVERRIDE_PREFIX.length).split("__");
    if (!known.includes(envName) || path.length === 0 || path.some((p) => p === "")) {
      problems.push({
        field: key,
        received: raw,
        message: `does not name a setting (known environments: ${known.join(", ")})`,
        fix: `name the environment and the setting's path, e.g. ${OVERRIDE_PREFIX}dev__site__waf=true`,
      });
      continue;
    }
    const target = inputs.get(envName);
    if (target === undefined) continue; // environment not selected by STAGE
    setPath(target as Record<string, unknown>, path, raw);
  }
}

/** Sets a value, keeping the type of the value it replaces (numbers, booleans, arrays, objects as JSON). */
function setPath(root: Record<string, unknown>, path: string[], raw: string): void {
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  node[last] = coerce(node[last], raw);
}

function coerce(current: unknown, raw: string): unknown {
  const asJson = () => {
    try {
      return JSON.parse(raw);
    } catch {
      return raw; // the schema reports the wrong type, with the value
    }
  };
  if (typeof current === "number") return raw.trim() !== "" && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
  if (typeof current === "boolean") return raw === "true" ? true : raw === "false" ? false : raw;
  if (typeof current === "object" && current !== null) return asJson();
  if (current === undefined && /^\s*[[{]/.test(raw)) return asJson();
  return raw;
}

function toProblem(envName: string, input: unknown, issue: ZodIssue): ConfigProblem {
  const path = issue.path.map(String);
  // Array items as `privateSubnets[1]`, the way the environment file spells them.
  const setting = issue.path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i > 0 ? "." : ""}${p}`)).join("");
  const field = setting ? `${envName}.${setting}` : envName;
  const received = valueAt(input, issue.path);
  const fix = `set ${setting || "it"} in config/environments/${envName}.ts, or override it with ${OVERRIDE_PREFIX}${envName}__${path.join("__")}`;
  if (issue.code === "unrecognized_keys") {
    return {
      field,
      received: issue.keys,
      message: `holds unknown setting${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((k) => `"${k}"`).join(", ")}`,
      fix: `remove ${issue.keys.join(", ")} from ${field} (check the spelling against config/schema.ts)`,
    };
  }
  if (issue.code === "invalid_type" && received === undefined) {
    return { field, received, message: `is required (expected ${issue.expected})`, fix };
  }
  if (issue.code === "invalid_type") {
    return { field, received, message: `must be a ${issue.expected}, not a ${issue.received}`, fix };
  }
  return { field, received, message: issue.message, fix };
}

function valueAt(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let node = root;
  for (const key of path) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing (the setting is missing)";
  return JSON.stringify(value);
}
