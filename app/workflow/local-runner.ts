/**
 * Runs the booking workflow's own definition outside AWS: a minimal Amazon States Language
 * interpreter limited to exactly what the definition uses (see `unsupportedFeatures`), with the
 * DynamoDB request-response integrations executed against any DynamoDB endpoint (dynalite in
 * tests and `npm run dev:api`). Time is injectable (`now`, `sleep`), so tests of the timeout path
 * and of races run in virtual time.
 *
 * Semantics follow https://states-language.net/spec.html and the Step Functions documentation:
 * payload templates (`key.$` paths), ResultSelector, ResultPath (null discards), Retry (first
 * matching retrier, MaxAttempts 0 = never, backoff capped by MaxDelaySeconds, FULL jitter), Catch
 * with ResultPath, `States.ALL` and `States.TaskFailed` wildcards, and `States.Runtime` errors
 * (a path that does not exist) that no Retry or Catch handles.
 */
import {
  DeleteItemCommand,
  GetItemCommand,
  UpdateItemCommand,
  type DeleteItemCommandInput,
  type GetItemCommandInput,
  type UpdateItemCommandInput,
} from "@aws-sdk/client-dynamodb";
import { bookingExecutionName } from "../api/sfn-workflow";
import type { BookingWorkflowInput, WorkflowStarter } from "../model";
import {
  DYNAMODB_DELETE_ITEM,
  DYNAMODB_GET_ITEM,
  DYNAMODB_UPDATE_ITEM,
  type Catcher,
  type ChoiceRule,
  type Json,
  type MapState,
  type Retrier,
  type State,
  type StateMachineDefinition,
  type TaskState,
} from "./asl";
import type { TableNames } from "../tables";
import { bookingDefinition, bookingExecutionInput } from "./definition";

/** What the runner needs of a DynamoDB client (`DynamoDBClient` fits; tests wrap one to inject faults). */
export interface DynamoDBSender {
  send(command: GetItemCommand | UpdateItemCommand | DeleteItemCommand): Promise<unknown>;
}

/** Waits `ms` milliseconds of (real or virtual) time; rejects when `signal` aborts. */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export interface ExecutionOptions {
  readonly client: DynamoDBSender;
  /** @default - the system clock */
  readonly now?: () => Date;
  /** @default - real timers */
  readonly sleep?: Sleep;
  /** Aborts the execution (`status: "ABORTED"`). @default - runs until it ends */
  readonly signal?: AbortSignal;
}

export interface ExecutionResult {
  readonly status: "SUCCEEDED" | "FAILED" | "ABORTED";
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
  /** Names of the states entered, in order. */
  readonly states: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// What the interpreter supports. `unsupportedFeatures` compares a definition against these sets.

const STATE_FIELDS: Record<State["Type"], readonly string[]> = {
  Task: ["Type", "Comment", "Resource", "Parameters", "ResultSelector", "ResultPath", "Retry", "Catch", "Next", "End"],
  Wait: ["Type", "Comment", "Seconds", "Next", "End"],
  Choice: ["Type", "Comment", "Choices", "Default"],
  Succeed: ["Type", "Comment"],
  Fail: ["Type", "Comment", "Error", "Cause"],
  Map: ["Type", "Comment", "ItemsPath", "ItemSelector", "MaxConcurrency", "ItemProcessor", "ResultPath", "Catch", "Next", "End"],
};
const ITEM_PROCESSOR_FIELDS = ["ProcessorConfig", "StartAt", "States"];
const TOP_LEVEL_FIELDS = ["Comment", "StartAt", "States"];
const RETRIER_FIELDS = ["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy"];
const JITTER_STRATEGIES = ["FULL", "NONE"];
const CATCHER_FIELDS = ["ErrorEquals", "Next", "ResultPath"];
/** Parameters each integration passes on to DynamoDB. */
const INTEGRATION_PARAMETERS: Record<string, readonly string[]> = {
  [DYNAMODB_GET_ITEM]: ["TableName", "Key", "ConsistentRead", "ProjectionExpression", "ExpressionAttributeNames"],
  [DYNAMODB_UPDATE_ITEM]: ["TableName", "Key", "UpdateExpression", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues"],
  [DYNAMODB_DELETE_ITEM]: ["TableName", "Key", "ConditionExpression", "ExpressionAttributeNames", "ExpressionAttributeValues"],
};
const COMPARISONS = ["StringEquals", "IsPresent", "TimestampLessThanEqualsPath"];
const CONTEXT_PATHS = ["$$.State.EnteredTime", "$$.Map.Item.Value", "$$.Map.Item.Index"];
/** Dotted field names only: no brackets, filters, wildcards or recursive descent. */
const INPUT_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/**
 * Everything in the definition this interpreter cannot run, as readable messages; empty when it can
 * run all of it. Intrinsic functions (`States.Format(...)` and friends) are not supported at all.
 */
export function unsupportedFeatures(definition: StateMachineDefinition): string[] {
  const problems: string[] = [];
  const extra = (where: string, value: object, allowed: readonly string[]) => {
    for (const key of Object.keys(value)) if (!allowed.includes(key)) problems.push(`${where}: field "${key}" is not supported (supported: ${allowed.join(", ")})`);
  };
  const path = (where: string, value: unknown, { context }: { context: boolean }) => {
    const ok = typeof value === "string" && (INPUT_PATH.test(value) || (context && CONTEXT_PATHS.includes(value)));
    if (ok) return;
    const kind = typeof value === "string" && /^States\.[A-Za-z]+\(/.test(value) ? "intrinsic function" : "path";
    problems.push(`${where}: ${kind} ${JSON.stringify(value)} is not supported (supported: $.field.field${context ? `, ${CONTEXT_PATHS.join(", ")}` : ""})`);
  };
  const template = (where: string, value: unknown): void => {
    if (Array.isArray(value)) value.forEach((v, i) => template(`${where}[${i}]`, v));
    else if (value !== null && typeof value === "object") {
      for (const [key, v] of Object.entries(value)) {
        if (key.endsWith(".$")) path(`${where}.${key}`, v, { context: true });
        else template(`${where}.${key}`, v);
      }
    }
  };
  const rule = (where: string, r: Record<string, unknown>, top: boolean) => {
    const operators = Object.keys(r).filter((k) => k !== "Next" || !top);
    const combinators = ["And", "Or", "Not"].filter((k) => k in r);
    if (combinators.length > 0) {
      extra(where, r, [...combinators, ...(top ? ["Next"] : [])]);
      for (const c of combinators) {
        const inner = r[c];
        (Array.isArray(inner) ? inner : [inner]).forEach((sub, i) => rule(`${where}.${c}[${i}]`, sub as Record<string, unknown>, false));
      }
      return;
    }
    extra(where, r, ["Variable", ...COMPARISONS, ...(top ? ["Next"] : [])]);
    path(`${where}.Variable`, r.Variable, { context: false });
    const comparisons = operators.filter((k) => COMPARISONS.includes(k));
    if (comparisons.length !== 1) problems.push(`${where}: needs exactly one comparison of ${COMPARISONS.join(", ")}`);
    if ("TimestampLessThanEqualsPath" in r) path(`${where}.TimestampLessThanEqualsPath`, r.TimestampLessThanEqualsPath, { context: false });
  };

  extra("definition", definition, TOP_LEVEL_FIELDS);
  const catchers = (where: string, list: readonly Catcher[] | undefined) =>
    list?.forEach((c, i) => {
      extra(`${where}.Catch[${i}]`, c, CATCHER_FIELDS);
      if (c.ResultPath != null) path(`${where}.Catch[${i}].ResultPath`, c.ResultPath, { context: false });
    });
  const checkStates = (prefix: string, all: { readonly [name: string]: State }) => {
    for (const [name, state] of Object.entries(all)) {
      const where = `${prefix}state "${name}"`;
      const fields = STATE_FIELDS[state.Type as State["Type"]];
      if (!fields) {
        problems.push(`${where}: Type "${state.Type}" is not supported (supported: ${Object.keys(STATE_FIELDS).join(", ")})`);
        continue;
      }
      extra(where, state, fields);
      if (state.Type === "Task") {
        const allowed = INTEGRATION_PARAMETERS[state.Resource];
        if (!allowed) {
          problems.push(`${where}: Resource "${state.Resource}" is not supported (supported: ${Object.keys(INTEGRATION_PARAMETERS).join(", ")})`);
        } else {
          extra(`${where}.Parameters`, Object.fromEntries(Object.keys(state.Parameters).map((k) => [k.replace(/\.\$$/, ""), 1])), allowed);
        }
        template(`${where}.Parameters`, state.Parameters);
        if (state.ResultSelector) template(`${where}.ResultSelector`, state.ResultSelector);
        if (state.ResultPath != null) path(`${where}.ResultPath`, state.ResultPath, { context: false });
        state.Retry?.forEach((r, i) => {
          extra(`${where}.Retry[${i}]`, r, RETRIER_FIELDS);
          if (r.JitterStrategy && !JITTER_STRATEGIES.includes(r.JitterStrategy)) problems.push(`${where}.Retry[${i}]: JitterStrategy "${r.JitterStrategy}" is not supported`);
        });
        catchers(where, state.Catch);
      }
      if (state.Type === "Map") {
        path(`${where}.ItemsPath`, state.ItemsPath, { context: false });
        if (state.ItemSelector) template(`${where}.ItemSelector`, state.ItemSelector);
        if (state.ResultPath != null) path(`${where}.ResultPath`, state.ResultPath, { context: false });
        catchers(where, state.Catch);
        extra(`${where}.ItemProcessor`, state.ItemProcessor, ITEM_PROCESSOR_FIELDS);
        if (state.ItemProcessor.ProcessorConfig?.Mode !== "INLINE") problems.push(`${where}.ItemProcessor.ProcessorConfig: only Mode "INLINE" is supported`);
        checkStates(`${where} > `, state.ItemProcessor.States);
      }
      if (state.Type === "Choice") state.Choices.forEach((c, i) => rule(`${where}.Choices[${i}]`, c as Record<string, unknown>, true));
    }
  };
  checkStates("", definition.States);
  return problems;
}

// ---------------------------------------------------------------------------------------------
// The interpreter.

/** An error a state reports (`Error` and `Cause` in ASL terms). */
class StatesError extends Error {
  constructor(readonly error: string, readonly cause: string) {
    super(`${error}: ${cause}`);
  }
}

/** Not a failure of the workflow but of its definition or data shape; never retried or caught. */
const runtimeError = (cause: string) => new StatesError("States.Runtime", cause);

const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });

/** Executes `definition` with `input` until a Succeed or Fail state, an uncaught error, or abort. */
export async function runExecution(definition: StateMachineDefinition, input: Json, options: ExecutionOptions): Promise<ExecutionResult> {
  const problems = unsupportedFeatures(definition);
  if (problems.length > 0) throw new Error(`the local runner cannot run this definition:\n  ${problems.join("\n  ")}`);
  const run: RunContext = {
    client: options.client,
    now: options.now ?? (() => new Date()),
    sleep: options.sleep ?? realSleep,
    signal: options.signal ?? new AbortController().signal,
  };
  return runStates(definition, input, run);
}

interface RunContext {
  readonly client: DynamoDBSender;
  readonly now: () => Date;
  readonly sleep: Sleep;
  readonly signal: AbortSignal;
}

/** Runs a state machine or a Map's ItemProcessor from StartAt. */
async function runStates(machine: Pick<StateMachineDefinition, "StartAt" | "States">, input: Json, run: RunContext): Promise<ExecutionResult> {
  const { signal } = run;
  const states: string[] = [];
  let name = machine.StartAt;
  let data: Json = input;
  try {
    for (;;) {
      signal.throwIfAborted();
      const state = machine.States[name];
      if (!state) throw runtimeError(`state "${name}" does not exist`);
      states.push(name);
      const context = { State: { EnteredTime: run.now().toISOString() } };
      switch (state.Type) {
        case "Succeed":
          return { status: "SUCCEEDED", output: data, states };
        case "Fail":
          return { status: "FAILED", error: state.Error, cause: state.Cause, states };
        case "Wait":
          await run.sleep(state.Seconds * 1000, signal);
          break;
        case "Choice": {
          const match = state.Choices.find((rule) => evaluate(rule, data));
          name = match?.Next ?? state.Default;
          continue;
        }
        case "Task":
        case "Map": {
          const outcome = state.Type === "Task"
            ? await runTask(state, data, context, run.client, run.sleep, signal)
            : await runMap(state, data, context, run);
          if ("catcher" in outcome) {
            const { ResultPath = "$" } = outcome.catcher;
            const failure = { Error: outcome.error.error, Cause: outcome.error.cause };
            data = ResultPath === null ? data : setPath(data, ResultPath, failure);
            name = outcome.catcher.Next;
            continue;
          }
          data = outcome.output;
          break;
        }
      }
      if (!("Next" in state) || !state.Next) return { status: "SUCCEEDED", output: data, states };
      name = state.Next;
    }
  } catch (error) {
    if (signal.aborted) return { status: "ABORTED", states };
    if (error instanceof StatesError) return { status: "FAILED", error: error.error, cause: error.cause, states };
    throw error;
  }
}

/**
 * An inline Map: one run of the ItemProcessor per element of ItemsPath, at most MaxConcurrency at
 * once (0 or absent: all). The first failed iteration fails the Map with its error (no new
 * iterations start); a States.Runtime error in an iteration is as uncatchable as outside one.
 */
async function runMap(state: MapState, input: Json, context: Json, run: RunContext): Promise<TaskOutcome> {
  const items = lookup(state.ItemsPath, input);
  if (!Array.isArray(items)) throw runtimeError(`Invalid path '${state.ItemsPath}': the Map state's ItemsPath must point to an array`);
  const outputs: Json[] = new Array(items.length).fill(null);
  let failure: StatesError | undefined;
  let next = 0;
  const worker = async () => {
    while (next < items.length && !failure) {
      const index = next++;
      const itemContext = { ...(context as Record<string, Json>), Map: { Item: { Value: items[index], Index: index } } };
      const itemInput = state.ItemSelector ? resolveTemplate(state.ItemSelector, input, itemContext) : items[index];
      const result = await runStates(state.ItemProcessor, itemInput, run);
      run.signal.throwIfAborted();
      if (result.status === "FAILED") failure ??= new StatesError(result.error ?? "States.TaskFailed", result.cause ?? "");
      else outputs[index] = result.output ?? null;
    }
  };
  const width = Math.max(1, Math.min(state.MaxConcurrency || items.length, items.length));
  await Promise.all(Array.from({ length: width }, worker));
  if (failure) {
    if (failure.error === "States.Runtime") throw failure;
    const catcher = state.Catch?.find((c) => matches(c.ErrorEquals, failure!.error));
    if (catcher) return { catcher, error: failure };
    throw failure;
  }
  return { output: state.ResultPath === null ? input : setPath(input, state.ResultPath ?? "$", outputs) };
}

type TaskOutcome = { output: Json } | { catcher: Catcher; error: StatesError };

async function runTask(state: TaskState, input: Json, context: Json, client: DynamoDBSender, sleep: Sleep, signal: AbortSignal): Promise<TaskOutcome> {
  const parameters = resolveTemplate(state.Parameters, input, context);
  const attempts = new Map<Retrier, number>();
  for (;;) {
    try {
      let result = await invoke(state.Resource, parameters, client);
      if (state.ResultSelector) result = resolveTemplate(state.ResultSelector, result, context);
      return { output: state.ResultPath === null ? input : setPath(input, state.ResultPath ?? "$", result) };
    } catch (error) {
      if (!(error instanceof StatesError) || error.error === "States.Runtime") throw error;
      const retrier = state.Retry?.find((r) => matches(r.ErrorEquals, error.error));
      const made = retrier ? attempts.get(retrier) ?? 0 : 0;
      if (retrier && made < (retrier.MaxAttempts ?? 3)) {
        attempts.set(retrier, made + 1);
        const delay = Math.min((retrier.IntervalSeconds ?? 1) * (retrier.BackoffRate ?? 2) ** made, retrier.MaxDelaySeconds ?? Infinity);
        await sleep((retrier.JitterStrategy === "FULL" ? Math.random() * delay : delay) * 1000, signal);
        continue;
      }
      const catcher = state.Catch?.find((c) => matches(c.ErrorEquals, error.error));
      if (catcher) return { catcher, error };
      throw error;
    }
  }
}

/** `States.ALL` matches every error; `States.TaskFailed` every error but `States.Timeout`. */
function matches(errorEquals: readonly string[], error: string): boolean {
  return errorEquals.some((e) => e === error || e === "States.ALL" || (e === "States.TaskFailed" && error !== "States.Timeout"));
}

/** The request-response integrations: the API's response, errors named `DynamoDB.<exception>`. */
async function invoke(resource: string, parameters: Json, client: DynamoDBSender): Promise<Json> {
  try {
    switch (resource) {
      case DYNAMODB_GET_ITEM: {
        const { Item } = (await client.send(new GetItemCommand(parameters as unknown as GetItemCommandInput))) as { Item?: Json };
        return Item ? { Item } : {};
      }
      case DYNAMODB_UPDATE_ITEM: {
        const { Attributes } = (await client.send(new UpdateItemCommand(parameters as unknown as UpdateItemCommandInput))) as { Attributes?: Json };
        return Attributes ? { Attributes } : {};
      }
      case DYNAMODB_DELETE_ITEM: {
        const { Attributes } = (await client.send(new DeleteItemCommand(parameters as unknown as DeleteItemCommandInput))) as { Attributes?: Json };
        return Attributes ? { Attributes } : {};
      }
      default:
        throw runtimeError(`resource ${resource} is not supported`);
    }
  } catch (error) {
    if (error instanceof StatesError) throw error;
    const e = error as Error;
    throw new StatesError(`DynamoDB.${e.name}`, e.message);
  }
}

function evaluate(rule: ChoiceRule, input: Json): boolean {
  // Every operand is evaluated (no short-circuit), so the definition cannot come to rely on an
  // evaluation order Step Functions does not document.
  if ("And" in rule) return rule.And.map((r) => evaluate(r, input)).every(Boolean);
  if ("Or" in rule) return rule.Or.map((r) => evaluate(r, input)).some(Boolean);
  if ("Not" in rule) return !evaluate(rule.Not, input);
  const value = lookup(rule.Variable, input);
  if ("IsPresent" in rule) return (value !== undefined) === rule.IsPresent;
  if (value === undefined) throw runtimeError(`Invalid path '${rule.Variable}': the choice state's condition path references an invalid value`);
  if ("StringEquals" in rule) return value === rule.StringEquals;
  const other = lookup(rule.TimestampLessThanEqualsPath, input);
  if (other === undefined) throw runtimeError(`Invalid path '${rule.TimestampLessThanEqualsPath}' in TimestampLessThanEqualsPath`);
  const [a, b] = [timestamp(value), timestamp(other)];
  return a !== undefined && b !== undefined && a <= b;
}

function timestamp(value: Json): number | undefined {
  if (typeof value !== "string") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** A payload template: `key.$` values are paths into the input (`$.`) or the context (`$$.`). */
function resolveTemplate(template: Json, input: Json, context: Json): Json {
  if (Array.isArray(template)) return template.map((t) => resolveTemplate(t, input, context));
  if (template === null || typeof template !== "object") return template;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(template)) {
    if (!key.endsWith(".$")) {
      out[key] = resolveTemplate(value, input, context);
      continue;
    }
    const path = value as string;
    const resolved = path.startsWith("$$") ? lookup(path.slice(1), context) : lookup(path, input);
    if (resolved === undefined) throw runtimeError(`The JSONPath '${path}' specified for the field '${key}' could not be found in the input`);
    out[key.slice(0, -2)] = resolved;
  }
  return out;
}

/** The value at a `$.a.b` path, or undefined when any part is missing. */
function lookup(path: string, input: Json): Json | undefined {
  let value: Json | undefined = input;
  for (const part of path.split(".").slice(1)) {
    if (value === null || typeof value !== "object" || Array.isArray(value) || !(part in value)) return undefined;
    value = value[part];
  }
  return value;
}

/** ResultPath: a copy of the input with `value` at `path` (`$` replaces the input). */
function setPath(input: Json, path: string, value: Json): Json {
  const parts = path.split(".").slice(1);
  if (parts.length === 0) return value;
  const root: Json = input !== null && typeof input === "object" && !Array.isArray(input) ? { ...input } : {};
  let node = root as Record<string, Json>;
  for (const part of parts.slice(0, -1)) {
    const child = node[part];
    node[part] = child !== null && typeof child === "object" && !Array.isArray(child) ? { ...child } : {};
    node = node[part] as Record<string, Json>;
  }
  node[parts[parts.length - 1]] = value;
  return root;
}

// ---------------------------------------------------------------------------------------------
// The in-process WorkflowStarter for the dev server and tests.

export interface LocalWorkflowOptions {
  readonly client: DynamoDBSender;
  /** Physical table names (locally the logical names, see app/local/dynamodb.ts); the workflow uses reservations and nights. */
  readonly tables: Pick<TableNames, "reservations" | "nights">;
  /** Seconds between two payment checks. */
  readonly pollSeconds: number;
  /** Days a reservation is kept after its payment deadline (its TTL). @default 30 */
  readonly guestDataRetentionDays?: number;
  /** @default - the system clock */
  readonly now?: () => Date;
  /** @default - real timers */
  readonly sleep?: Sleep;
  /**
   * Called with every finished execution.
   * @default - failed executions are logged to stderr
   */
  readonly onExecutionEnd?: (name: string, result: ExecutionResult) => void;
}

/** The booking workflow, running in this process: what Step Functions does in AWS. */
export interface LocalWorkflow extends WorkflowStarter {
  /** The result of the execution named after this reservation id, once it ends. */
  result(reservationId: string): Promise<ExecutionResult>;
  /** Waits for every running execution to end on its own. */
  drain(): Promise<void>;
  /** Whether an execution of this reservation is running (the sweeper leaves those alone). */
  owns(reservationId: string): boolean;
  /**
   * Starts the executions of reservations that have none in this process (after a restart of the
   * dev server: the table outlives the process); returns how many were started. The definition
   * waits for the reservation's own deadline, so a resumed hold expires when it was due.
   */
  resume(pending: readonly BookingWorkflowInput[]): Promise<number>;
  /** Aborts every running execution (their waits end at once) and waits for them; later starts reject. */
  stop(): Promise<void>;
}

export function createLocalWorkflow(options: LocalWorkflowOptions): LocalWorkflow {
  const definition = bookingDefinition({
    tables: options.tables,
    pollSeconds: options.pollSeconds,
  });
  const onEnd = options.onExecutionEnd ?? ((name: string, r: ExecutionResult) => {
    if (r.status === "FAILED") console.error(`booking workflow ${name}: ${r.error}: ${r.cause}`);
  });
  const abort = new AbortController();
  const executions = new Map<string, Promise<ExecutionResult>>();
  const running = new Set<string>();
  const workflow: LocalWorkflow = {
    async start(input: BookingWorkflowInput): Promise<void> {
      if (abort.signal.aborted) throw new Error("the local booking workflow is stopped");
      const name = bookingExecutionName(input.reservationId);
      // Step Functions refuses a second execution of the same name (a hash of the reservation id).
      if (executions.has(input.reservationId)) throw new Error(`ExecutionAlreadyExists: an execution named ${name} was already started`);
      running.add(input.reservationId);
      const execution = runExecution(definition, { ...bookingExecutionInput(input, options.guestDataRetentionDays) }, { client: options.client, now: options.now, sleep: options.sleep, signal: abort.signal })
        .catch((error: Error): ExecutionResult => ({ status: "FAILED", error: error.name, cause: error.message, states: [] }))
        .then((result) => {
          running.delete(input.reservationId);
          onEnd(name, result);
          return result;
        });
      executions.set(input.reservationId, execution);
    },
    owns(reservationId: string): boolean {
      return running.has(reservationId);
    },
    async resume(pending: readonly BookingWorkflowInput[]): Promise<number> {
      let started = 0;
      for (const { reservationId, apartmentId, paymentDeadline, checkIn, checkOut } of pending) {
        if (executions.has(reservationId)) continue;
        await workflow.start({ reservationId, apartmentId, paymentDeadline, checkIn, checkOut });
        started += 1;
      }
      return started;
    },
    result(reservationId: string): Promise<ExecutionResult> {
      const execution = executions.get(reservationId);
      if (!execution) return Promise.reject(new Error(`no execution named ${reservationId} was started`));
      return execution;
    },
    async drain(): Promise<void> {
      await Promise.all(executions.values());
    },
    async stop(): Promise<void> {
      abort.abort(new Error("local booking workflow stopped"));
      await Promise.all(executions.values());
    },
  };
  return workflow;
}
