/**
 * Types for the subset of the Amazon States Language (JSONPath flavour) the booking workflow uses,
 * so the definition is checked by the compiler, and the local runner (local-runner.ts) knows
 * exactly what it must interpret. Extending the workflow with another state type or field starts
 * here, and the runner's support check (`unsupportedFeatures`) then names what it lacks.
 * Spec: https://states-language.net/spec.html
 */

/** A JSON value inside a state machine definition. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** A JSONPath into the state input (`$.a.b`) or the context object (`$$.State.EnteredTime`). */
export type Path = `$${string}`;

/** Request-response integrations with DynamoDB (no Lambda in between). */
export const DYNAMODB_GET_ITEM = "arn:aws:states:::dynamodb:getItem";
export const DYNAMODB_UPDATE_ITEM = "arn:aws:states:::dynamodb:updateItem";
export const DYNAMODB_DELETE_ITEM = "arn:aws:states:::dynamodb:deleteItem";
export type TaskResource = typeof DYNAMODB_GET_ITEM | typeof DYNAMODB_UPDATE_ITEM | typeof DYNAMODB_DELETE_ITEM;

export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  /** 0: never retried (lets an earlier retrier exempt an error from a later wildcard). */
  readonly MaxAttempts?: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: "FULL" | "NONE";
}

export interface Catcher {
  readonly ErrorEquals: readonly string[];
  readonly Next: string;
  /** Where `{Error, Cause}` goes in the input passed to Next. */
  readonly ResultPath?: Path | null;
}

interface Transition {
  readonly Next?: string;
  readonly End?: true;
}

interface Commented {
  readonly Comment?: string;
}

export interface TaskState extends Transition, Commented {
  readonly Type: "Task";
  readonly Resource: TaskResource;
  /** Payload template: keys ending in `.$` take a Path. */
  readonly Parameters: { readonly [key: string]: Json };
  readonly ResultSelector?: { readonly [key: string]: Json };
  /** null: the result is discarded and the input passes through. */
  readonly ResultPath?: Path | null;
  readonly Retry?: readonly Retrier[];
  readonly Catch?: readonly Catcher[];
}

export interface WaitState extends Transition, Commented {
  readonly Type: "Wait";
  readonly Seconds: number;
}

/** A Choice rule: a comparison on `Variable`, or a Boolean combination of rules. */
export type ChoiceRule =
  | { readonly Variable: Path; readonly StringEquals: string }
  | { readonly Variable: Path; readonly IsPresent: boolean }
  | { readonly Variable: Path; readonly TimestampLessThanEqualsPath: Path }
  | { readonly And: readonly ChoiceRule[] }
  | { readonly Or: readonly ChoiceRule[] }
  | { readonly Not: ChoiceRule };

export type TopChoiceRule = ChoiceRule & { readonly Next: string };

export interface ChoiceState extends Commented {
  readonly Type: "Choice";
  readonly Choices: readonly TopChoiceRule[];
  readonly Default: string;
}

export interface SucceedState extends Commented {
  readonly Type: "Succeed";
}

export interface FailState extends Commented {
  readonly Type: "Fail";
  readonly Error: string;
  readonly Cause: string;
}

/**
 * An inline Map state: runs `ItemProcessor` once per element of the array at `ItemsPath`, at most
 * `MaxConcurrency` at a time; fails (with the iteration's error) as soon as one iteration fails.
 * https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
 */
export interface MapState extends Transition, Commented {
  readonly Type: "Map";
  readonly ItemsPath: Path;
  /** Each iteration's input: `$` is the Map state's input, `$$.Map.Item.Value` the element. */
  readonly ItemSelector?: { readonly [key: string]: Json };
  /** 0: no limit. */
  readonly MaxConcurrency?: number;
  readonly ItemProcessor: {
    readonly ProcessorConfig: { readonly Mode: "INLINE" };
    readonly StartAt: string;
    readonly States: { readonly [name: string]: State };
  };
  readonly ResultPath?: Path | null;
  readonly Catch?: readonly Catcher[];
}

export type State = TaskState | WaitState | ChoiceState | SucceedState | FailState | MapState;

export interface StateMachineDefinition {
  readonly Comment?: string;
  readonly StartAt: string;
  readonly States: { readonly [name: string]: State };
}
