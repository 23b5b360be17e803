import type { ZodIssue, ZodTypeAny } from "zod";
import { subnetLayoutProblems } from "./cidr";
import { environments as defaultEnvironments } from "./environments";
import { PREVIEW_NAME_RE, previewInput, previewNameProblems } from "./preview";
import { AWS_REGIONS, environmentSchema, type EnvironmentConfig, type EnvironmentInput } from "./schema";

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
      // zod skips the environment's cross-field checks once a field is invalid: run the subnet
      // layout anyway, so one run reports every problem.
      problems.push(...layoutProblems(name, input));
    }
  }
  // Cross-environment rules see every defined environment, selected by STAGE or not.
  const zones = Object.keys(all).map((n) => configs.find((c) => c.name === n) ?? all[n]);
  problems.push(...domainNestingProblems(zones.filter(isZoneSettings), names));
  if (problems.length > 0) throw new ConfigError(onePerField(problems));
  return configs;
}

interface ZoneSettings {
  readonly name: string;
  readonly domain: string;
  readonly accountId: string;
  readonly parentZone: { readonly name: string; readonly accountId?: string };
}

function isZoneSettings(e: unknown): e is ZoneSettings {
  const x = e as Partial<ZoneSettings> | undefined;
  return typeof x?.name === "string" && typeof x.domain === "string" && typeof x.parentZone?.name === "string";
}

/**
 * An environment whose domain lies inside another environment's domain must be delegated from that
 * environment's zone: resolvers follow the enclosing zone's delegation, so an NS record for the inner
 * domain anywhere else is never seen (its certificates never validate, its names never resolve).
 * Two environments with the same domain would each create a zone and fight over one delegation.
 * Reported on the selected environments (`selected`), naming both.
 */
export function domainNestingProblems(envs: readonly ZoneSettings[], selected: readonly string[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const inner of envs.filter((e) => selected.includes(e.name))) {
    for (const outer of envs) {
      if (outer.name === inner.name) continue;
      if (inner.domain === outer.domain) {
        problems.push({
          field: `${inner.name}.domain`,
          received: inner.domain,
          message: `is also the domain of environment "${outer.name}"; each environment needs a zone of its own`,
          fix: `give ${inner.name} a domain of its own in config/environments/${inner.name}.ts, e.g. "${inner.name}-${outer.domain}"`,
        });
        continue;
      }
      if (!inner.domain.endsWith(`.${outer.domain}`)) continue;
      // The innermost enclosing environment is the one whose zone answers for inner.domain.
      const closer = envs.some((e) => e !== outer && e !== inner && e.domain.endsWith(`.${outer.domain}`) && inner.domain.endsWith(`.${e.domain}`));
      if (closer) continue;
      if (inner.parentZone.name === outer.domain && (inner.parentZone.accountId === undefined || inner.parentZone.accountId === outer.accountId)) continue;
      problems.push({
        field: `${inner.name}.parentZone`,
        received: inner.parentZone,
        message:
          `environment "${inner.name}" (domain "${inner.domain}") lies inside environment "${outer.name}"'s domain "${outer.domain}" but is delegated from "${inner.parentZone.name}"` +
          (inner.parentZone.name === outer.domain ? ` in account ${inner.parentZone.accountId}, not ${outer.name}'s account ${outer.accountId}` : "") +
          `; resolvers follow the delegation to ${outer.name}'s zone, which has no record for ${inner.name}, so ${inner.name} would never resolve and its certificates never validate`,
        fix:
          `delegate ${inner.name} from ${outer.name}'s zone (parentZone: { name: "${outer.domain}", id: <zone_id output of ${outer.name}-dns>, accountId: "${outer.accountId}", delegationRoleArn: <a role in ${outer.accountId}> }), ` +
          `or give ${inner.name} a domain outside "${outer.domain}", e.g. "${inner.name}-${outer.domain}" (see docs/dns-and-accounts.md)`,
      });
    }
  }
  return problems;
}

/**
 * One problem per field: a field check and a cross-field check (or the layout run above) can both
 * see a malformed CIDR block; the first, most specific wording is kept.
 */
function onePerField(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => !seen.has(p.field) && seen.add(p.field));
}

function layoutProblems(envName: string, input: unknown): ConfigProblem[] {
  const env = input as { region?: unknown; network?: Record<string, unknown> } | undefined;
  const network = env?.network;
  const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((v) => typeof v === "string");
  if (!network || typeof network.cidr !== "string" || !strings(network.availabilityZones) || !strings(network.publicSubnets) || !strings(network.privateSubnets)) return [];
  const regionKnown = (AWS_REGIONS as readonly unknown[]).includes(env.region);
  const layout = { region: regionKnown ? String(env.region) : "", cidr: network.cidr, availabilityZones: network.availabilityZones, publicSubnets: network.publicSubnets, privateSubnets: network.privateSubnets };
  return subnetLayoutProblems(layout)
    .filter((problem) => regionKnown || problem.path[0] !== "availabilityZones")
    .map((problem) => toProblem(envName, input, { code: "custom", path: ["network", ...problem.path], message: problem.message }));
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
    const [envName, ...parts] = key.slice(OVERRIDE_PREFIX.length).split("__");
    // `overrides` is keyed by a setting's dotted path ("site.waf"), but a variable name with a dot
    // never reaches the synth through `npm run` (its sh, dash, drops such variables), so
    // CFG__prod__overrides__site__waf names overrides["site.waf"]. The dotted spelling works too.
    const path = parts[0] === "overrides" && parts.length > 2 ? ["overrides", parts.slice(1).join(".")] : parts;
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
    const jsonError = setPath(target as Record<string, unknown>, path, raw);
    if (jsonError) {
      problems.push({
        field: key,
        received: raw,
        message: `is not valid JSON (${jsonError.error}); ${path.join(".")} takes ${jsonError.expected}`,
        fix: `write it as JSON in single quotes, e.g. ${key}='${jsonError.example}'`,
      });
    }
  }
}

interface JsonError {
  readonly error: string;
  readonly expected: string;
  readonly example: string;
}

/**
 * Sets a value, keeping the type of the value it replaces (numbers, booleans, arrays, objects as
 * JSON). Returns why the value is not JSON where JSON is needed; the setting is then left as it was.
 */
function setPath(root: Record<string, unknown>, path: string[], raw: string): JsonError | undefined {
  let node = root;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  const last = path[path.length - 1];
  // A setting the environment file does not write takes the type its schema wants.
  const current = node[last] ?? schemaExample(path);
  const wantsJson = (typeof current === "object" && current !== null) || (current === undefined && /^\s*[[{]/.test(raw));
  if (!wantsJson) {
    node[last] = coerce(current, raw);
    return undefined;
  }
  try {
    node[last] = JSON.parse(raw);
    return undefined;
  } catch (error) {
    const expected = Array.isArray(current) ? "a JSON array" : "a JSON object";
    return { error: (error as Error).message, expected, example: JSON.stringify(current ?? {}) };
  }
}

function coerce(current: unknown, raw: string): unknown {
  if (typeof current === "number") return raw.trim() !== "" && !Number.isNaN(Number(raw)) ? Number(raw) : raw;
  if (typeof current === "boolean") return raw === "true" ? true : raw === "false" ? false : raw;
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
    const known = knownKeys(environmentSchema, issue.path);
    const guesses = issue.keys.map((k) => [k, closest(k, known)] as const).filter(([, guess]) => guess !== undefined);
    const didYouMean = guesses.length > 0 ? `did you mean ${guesses.map(([k, guess]) => `"${guess}" for "${k}"`).join(", ")}? ` : "";
    return {
      field,
      received: issue.keys,
      message: `holds unknown setting${issue.keys.length === 1 ? "" : "s"} ${issue.keys.map((k) => `"${k}"`).join(", ")}`,
      fix: `${didYouMean}remove or rename ${issue.keys.join(", ")} in ${field}${known.length > 0 ? ` (known: ${known.join(", ")})` : " (check the spelling against config/schema.ts)"}`,
    };
  }
  if (issue.code === "invalid_type" && received === undefined) {
    return { field, received, message: `is required (expected ${withArticle(issue.expected)})`, fix };
  }
  if (issue.code === "invalid_type") {
    const json = issue.expected === "array" || issue.expected === "object";
    return {
      field,
      received,
      message: `must be ${withArticle(issue.expected)}, not ${withArticle(issue.received)}`,
      fix: json ? `${fix}; an override of ${withArticle(issue.expected)} is JSON, e.g. ${OVERRIDE_PREFIX}${envName}__${path.join("__")}='${issue.expected === "array" ? '["…"]' : '{"…": …}'}'` : fix,
    };
  }
  return { field, received, message: issue.message, fix };
}

const withArticle = (type: string) => `${/^[aeiou]/.test(type) ? "an" : "a"} ${type}`;

/** The setting names the schema allows at `path` (an object), for "did you mean". */
/** The schema nodes a setting's path leads to (through optional, default, refinements and unions). */
function schemaNodesAt(schema: ZodTypeAny, path: ReadonlyArray<string | number>): ZodTypeAny[] {
  const unwrap = (s: ZodTypeAny): ZodTypeAny[] => {
    const def = s._def as { schema?: ZodTypeAny; innerType?: ZodTypeAny; type?: ZodTypeAny; options?: ZodTypeAny[] };
    if (def.schema) return unwrap(def.schema); // refinements
    if (def.innerType) return unwrap(def.innerType); // optional, default
    if (def.options) return def.options.flatMap(unwrap); // (discriminated) unions
    return [s];
  };
  let nodes = unwrap(schema);
  for (const key of path) {
    nodes = nodes.flatMap((n) => {
      const shape = (n as { shape?: Record<string, ZodTypeAny> }).shape;
      const element = (n._def as { type?: ZodTypeAny }).type;
      if (typeof key === "number") return element ? unwrap(element) : [];
      return shape?.[key] ? unwrap(shape[key]) : [];
    });
  }
  return nodes;
}

function knownKeys(schema: ZodTypeAny, path: ReadonlyArray<string | number>): string[] {
  return [...new Set(schemaNodesAt(schema, path).flatMap((n) => Object.keys((n as { shape?: object }).shape ?? {})))].sort();
}

/**
 * A stand-in of the type the schema wants at `path` (0, false, [] or {}), for an override of a
 * setting the environment file leaves to its default: `CFG__dev__api__maxHoldsPerEmail=5` is the
 * number 5, not the string "5". Undefined where the schema takes a string or several kinds.
 */
function schemaExample(path: readonly string[]): unknown {
  const kinds = new Set(schemaNodesAt(environmentSchema, path).map((n) => (n._def as { typeName?: string }).typeName));
  if (kinds.size !== 1) return undefined;
  const [kind] = kinds;
  return kind === "ZodNumber" ? 0 : kind === "ZodBoolean" ? false : kind === "ZodArray" ? [] : kind === "ZodObject" || kind === "ZodRecord" ? {} : undefined;
}

/** The known name closest to `name` (case-insensitive edit distance at most 2, or a prefix), if any. */
function closest(name: string, known: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      let previous = row[0];
      row[0] = i;
      for (let j = 1; j <= b.length; j++) {
        const current = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length];
  };
  const lower = name.toLowerCase();
  const ranked = known.map((k) => ({ k, d: k.toLowerCase().startsWith(lower) && lower.length >= 3 ? 1 : distance(lower, k.toLowerCase()) })).sort((a, b) => a.d - b.d);
  return ranked[0] && ranked[0].d <= Math.min(2, Math.ceil(name.length / 3)) ? ranked[0].k : undefined;
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
