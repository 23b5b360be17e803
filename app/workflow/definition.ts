import { nightsOf } from "../dates";
import type { BookingWorkflowInput, ReservationStatus } from "../model";
import { nightKey, type TableNames } from "../tables";
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
  type TaskResource,
  type TaskState,
} from "./asl";

export interface BookingDefinitionProps {
  /** Physical table names (the workflow uses reservations and nights): Terraform tokens in the stack, plain names locally. */
  readonly tables: Pick<TableNames, "reservations" | "nights">;
  /** Seconds between two payment checks of a pending reservation. */
  readonly pollSeconds: number;
}

/** Attribute of a reservation holding its expiry (epoch seconds): DynamoDB's TTL deletes the item after it. */
export const RESERVATION_TTL_ATTRIBUTE = "expiresAt";

/** Days a reservation is kept after its payment deadline when nothing says otherwise (config guestDataRetentionDays). */
export const DEFAULT_GUEST_DATA_RETENTION_DAYS = 30;

/** What an execution receives: the API's input, plus when the reservation's data expires and its night keys. */
export interface BookingExecutionInput extends BookingWorkflowInput {
  /** Epoch seconds, as a string (a DynamoDB number): `paymentDeadline` + the retention period. */
  readonly expiresAt: string;
  /** The nights table keys of the stay (nightKey(apartmentId, date) per night): what a release deletes. */
  readonly nightKeys: string[];
}

/** Nights released at once by the Map state (each a conditional DeleteItem). */
export const RELEASE_CONCURRENCY = 10;

/**
 * The execution input for a reservation: a reservation ends at its payment deadline at the latest
 * (confirmed before it, or expired at it), and its guest data is kept `retentionDays` after that.
 * Step Functions cannot turn a timestamp into epoch seconds, so the starter computes it.
 */
export function bookingExecutionInput(input: BookingWorkflowInput, retentionDays: number = DEFAULT_GUEST_DATA_RETENTION_DAYS): BookingExecutionInput {
  const deadline = Date.parse(input.paymentDeadline);
  if (!Number.isFinite(deadline)) throw new Error(`bookingExecutionInput: paymentDeadline "${input.paymentDeadline}" must be an ISO-8601 instant, e.g. "2026-12-01T10:15:00.000Z"`);
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new Error(`bookingExecutionInput: retentionDays ${retentionDays} must be a whole number of days of at least 1, e.g. 30`);
  const nightKeys = nightsOf(input.checkIn, input.checkOut).map((date) => nightKey(input.apartmentId, date));
  if (nightKeys.length === 0) throw new Error(`bookingExecutionInput: checkIn "${input.checkIn}" and checkOut "${input.checkOut}" must be YYYY-MM-DD dates with checkOut after checkIn, e.g. "2026-12-10" and "2026-12-13"`);
  return { ...input, expiresAt: String(Math.floor(deadline / 1000) + retentionDays * 86_400), nightKeys };
}

/** State names: the contract with logs, tests and anyone reading an execution in the console. */
export const STATES = {
  waitForPayment: "Wait for payment",
  readReservation: "Read reservation",
  decide: "Paid or expired?",
  expireReservation: "Expire reservation",
  releaseNights: "Release nights",
  released: "Released",
  confirmReservation: "Confirm reservation",
  booked: "Booked",
  cancelAfterError: "Cancel reservation after error",
  readAfterError: "Read reservation after error",
  paidBeforeError: "Paid before the error?",
  releaseAfterError: "Release nights after error",
  aborted: "Booking aborted",
  paidNotSettled: "Paid booking not settled",
  cleanupFailed: "Cleanup failed",
} as const;

/** States of one iteration of the Map that releases nights (names are unique in the whole machine, Maps included). */
export const NIGHT_STATES = {
  releaseNight: "Release night",
  nightReleased: "Night released",
  notOurs: "Night not ours",
} as const;

/** The same on the error path. */
export const NIGHT_STATES_AFTER_ERROR = {
  releaseNight: "Release night after error",
  nightReleased: "Night released after error",
  notOurs: "Night not ours after error",
} as const satisfies Record<keyof typeof NIGHT_STATES, string>;

/** The error of a conditional write whose condition did not hold: an answer, not a fault. */
export const CONDITION_FAILED = "DynamoDB.ConditionalCheckFailedException";

/**
 * Throttling (ProvisionedThroughputExceeded, RequestLimitExceeded, Throttling) and service errors
 * are retried with exponential backoff and full jitter; a failed condition is never retried (the
 * first matching retrier applies, and it allows 0 attempts). Permanent errors (missing table,
 * denied permission) cost the few retries before the catch, which is cheaper than listing every
 * transient error name and missing one.
 */
const RETRY: readonly Retrier[] = [
  { ErrorEquals: [CONDITION_FAILED], MaxAttempts: 0 },
  { ErrorEquals: ["States.TaskFailed"], IntervalSeconds: 1, BackoffRate: 2, MaxAttempts: 5, MaxDelaySeconds: 20, JitterStrategy: "FULL" },
];

/** On the error path there is nothing left to fall back to: keep trying for about 20 minutes. */
const RETRY_CLEANUP: readonly Retrier[] = [
  { ErrorEquals: [CONDITION_FAILED], MaxAttempts: 0 },
  { ErrorEquals: ["States.TaskFailed"], IntervalSeconds: 5, BackoffRate: 2, MaxAttempts: 8, MaxDelaySeconds: 300, JitterStrategy: "FULL" },
];

const reservationStatus = (status: ReservationStatus) => ({ S: status });
/** The moment the state was entered: Step Functions' clock, ISO-8601 UTC with milliseconds. */
const NOW = { "S.$": "$$.State.EnteredTime" };

/** The reservation's expiry, from the execution input (see bookingExecutionInput). */
const EXPIRES_AT = { ":expiresAt": { "N.$": "$.expiresAt" } };

/** Where the checks of the reservation land in the state (ResultPath of the reads). */
const READ = {
  status: "$.read.response.Item.status.S",
  deadline: "$.read.response.Item.paymentDeadline.S",
  checkedAt: "$.read.checkedAt",
} as const;

/**
 * The stay-booking workflow, started by the API once it has put the reservation (`pending`, with
 * `paymentDeadline`) and its nights in one transaction, with input `{reservationId, apartmentId,
 * paymentDeadline, checkIn, checkOut, expiresAt, nightKeys}` (bookingExecutionInput). The API
 * records a payment by moving the reservation `pending -> paid` only while `paymentDeadline > now`;
 * this workflow does everything else:
 *
 * - every `pollSeconds` it reads the reservation; `paid` -> reservation confirmed (its nights stay
 *   held: a night is released only after its reservation left `pending` for `expired`); still
 *   `pending` at the deadline -> reservation expired, then its nights released;
 * - the reservation leaves `pending` exactly once, by a conditional write on `status = pending`
 *   (the API's payment or this workflow's expiry), so a late payment and the expiry never both win;
 * - a night is deleted only while it is this reservation's (`reservationId = <id>`) or already gone,
 *   one conditional DeleteItem per night in a Map state, and only once the reservation can no
 *   longer be paid; repeating a release is harmless;
 * - any step failing after its retries leads to the error path: expire the reservation if still
 *   pending, then release its nights, unless the guest has already paid (then the nights stay
 *   held for them and the execution fails, to be re-run: every step is idempotent).
 */
export function bookingDefinition(props: BookingDefinitionProps): StateMachineDefinition {
  const { pollSeconds } = props;
  const { nights: nightsTable, reservations: reservationsTable } = props.tables;
  if (!Number.isInteger(pollSeconds) || pollSeconds < 1) {
    throw new Error(`bookingDefinition: pollSeconds ${pollSeconds} must be a whole number of seconds of at least 1, e.g. 5`);
  }
  const toErrorPath: Catcher = { ErrorEquals: ["States.ALL"], Next: STATES.cancelAfterError, ResultPath: "$.failure" };
  const toCleanupFailed: Catcher = { ErrorEquals: ["States.ALL"], Next: STATES.cleanupFailed, ResultPath: "$.failure" };

  const readReservation = (next: string, retry: readonly Retrier[], onError: Catcher): TaskState => ({
    Type: "Task",
    Resource: DYNAMODB_GET_ITEM,
    Parameters: {
      TableName: reservationsTable,
      Key: { id: { "S.$": "$.reservationId" } },
      ConsistentRead: true,
      ProjectionExpression: "#status, paymentDeadline",
      ExpressionAttributeNames: { "#status": "status" },
    },
    // The whole response, because `Item` is absent when the reservation is: a selector path that
    // does not exist is a runtime error no Catch can handle.
    ResultSelector: { "checkedAt.$": "$$.State.EnteredTime", "response.$": "$" },
    ResultPath: "$.read",
    Retry: retry,
    Catch: [onError],
    Next: next,
  });

  const update = (
    table: string,
    keyPath: "$.reservationId",
    expression: { update: string; condition: string; values: Record<string, Json> },
    next: string,
    retry: readonly Retrier[],
    catchers: readonly Catcher[],
  ): TaskState => ({
    Type: "Task",
    Resource: DYNAMODB_UPDATE_ITEM,
    Parameters: {
      TableName: table,
      Key: { id: { "S.$": keyPath } },
      UpdateExpression: expression.update,
      ConditionExpression: expression.condition,
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ...expression.values, ":now": NOW },
    },
    ResultPath: null,
    Retry: retry,
    Catch: catchers,
    Next: next,
  });

  /**
   * Deletes each night of `$.nightKeys` that is still this reservation's (or already gone: then
   * the delete is a no-op), RELEASE_CONCURRENCY at a time. A night another reservation holds fails
   * the condition: nothing of ours to release. Any other error, after the retries, fails the Map.
   */
  const releaseNights = (next: string, retry: readonly Retrier[], onError: Catcher, names: Record<keyof typeof NIGHT_STATES, string>): MapState => ({
    Type: "Map",
    ItemsPath: "$.nightKeys",
    ItemSelector: { "key.$": "$$.Map.Item.Value", "reservationId.$": "$.reservationId" },
    MaxConcurrency: RELEASE_CONCURRENCY,
    ItemProcessor: {
      ProcessorConfig: { Mode: "INLINE" },
      StartAt: names.releaseNight,
      States: {
        [names.releaseNight]: {
          Type: "Task",
          Resource: DYNAMODB_DELETE_ITEM,
          Parameters: {
            TableName: nightsTable,
            Key: { id: { "S.$": "$.key" } },
            ConditionExpression: "attribute_not_exists(id) OR reservationId = :reservationId",
            ExpressionAttributeValues: { ":reservationId": { "S.$": "$.reservationId" } },
          },
          ResultPath: null,
          Retry: retry,
          Catch: [{ ErrorEquals: [CONDITION_FAILED], Next: names.notOurs, ResultPath: "$.failure" }],
          Next: names.nightReleased,
        },
        [names.nightReleased]: { Type: "Succeed" },
        [names.notOurs]: { Type: "Succeed", Comment: "Another reservation holds the night: nothing of ours to release." },
      },
    },
    ResultPath: null,
    Catch: [onError],
    Next: next,
  });

  const isPaid: ChoiceRule = {
    Or: [
      { Variable: READ.status, StringEquals: "paid" satisfies ReservationStatus },
      { Variable: READ.status, StringEquals: "confirmed" satisfies ReservationStatus },
    ],
  };

  return {
    Comment:
      "Stay booking: the stay's nights are held for the payment window; paid in time -> confirmed (nights kept), " +
      "otherwise expired and its nights released. Started by the API with {reservationId, apartmentId, paymentDeadline, checkIn, checkOut, expiresAt, nightKeys}; " +
      "the final write of the reservation sets expiresAt, after which DynamoDB's TTL deletes it.",
    StartAt: STATES.waitForPayment,
    States: {
      [STATES.waitForPayment]: { Type: "Wait", Seconds: pollSeconds, Next: STATES.readReservation },
      [STATES.readReservation]: readReservation(STATES.decide, RETRY, toErrorPath),
      // Choice rules are evaluated in order; a rule reads only attributes an earlier rule has
      // shown to be present (a comparison on a missing path fails the execution uncatchably).
      [STATES.decide]: {
        Type: "Choice",
        Choices: [
          // Missing or unreadable: nothing can pay for it any more (the API needs status = pending).
          {
            Or: [
              { Variable: READ.status, IsPresent: false },
              { Variable: READ.deadline, IsPresent: false },
            ],
            Next: STATES.releaseNights,
          },
          { ...isPaid, Next: STATES.confirmReservation },
          { Not: { Variable: READ.status, StringEquals: "pending" satisfies ReservationStatus }, Next: STATES.releaseNights },
          { Variable: READ.deadline, TimestampLessThanEqualsPath: READ.checkedAt, Next: STATES.expireReservation },
        ],
        Default: STATES.waitForPayment,
      },
      [STATES.expireReservation]: update(
        reservationsTable,
        "$.reservationId",
        {
          update: `SET #status = :expired, updatedAt = :now, ${RESERVATION_TTL_ATTRIBUTE} = :expiresAt`,
          condition: "#status = :pending AND paymentDeadline <= :now",
          values: { ":expired": reservationStatus("expired"), ":pending": reservationStatus("pending"), ...EXPIRES_AT },
        },
        STATES.releaseNights,
        RETRY,
        // The payment won the race (or the deadline moved): decide again on fresh data.
        [{ ErrorEquals: [CONDITION_FAILED], Next: STATES.readReservation, ResultPath: "$.failure" }, toErrorPath],
      ),
      [STATES.releaseNights]: releaseNights(STATES.released, RETRY, toErrorPath, NIGHT_STATES),
      [STATES.released]: { Type: "Succeed", Comment: "Reservation expired, its nights free again." },
      [STATES.confirmReservation]: update(
        reservationsTable,
        "$.reservationId",
        {
          update: `SET #status = :confirmed, updatedAt = :now, ${RESERVATION_TTL_ATTRIBUTE} = :expiresAt`,
          condition: "#status IN (:paid, :confirmed)",
          values: { ":paid": reservationStatus("paid"), ":confirmed": reservationStatus("confirmed"), ...EXPIRES_AT },
        },
        STATES.booked,
        RETRY,
        [toErrorPath],
      ),
      [STATES.booked]: { Type: "Succeed", Comment: "Reservation confirmed, its nights booked." },

      // Error path: a step failed after its retries. Release the nights unless the guest has paid.
      [STATES.cancelAfterError]: update(
        reservationsTable,
        "$.reservationId",
        {
          update: `SET #status = :expired, updatedAt = :now, ${RESERVATION_TTL_ATTRIBUTE} = :expiresAt`,
          condition: "#status = :pending",
          values: { ":expired": reservationStatus("expired"), ":pending": reservationStatus("pending"), ...EXPIRES_AT },
        },
        STATES.releaseAfterError,
        RETRY_CLEANUP,
        // Not pending: paid, confirmed, already expired or missing. Look before releasing.
        [{ ErrorEquals: [CONDITION_FAILED], Next: STATES.readAfterError, ResultPath: "$.failure" }, toCleanupFailed],
      ),
      [STATES.readAfterError]: readReservation(STATES.paidBeforeError, RETRY_CLEANUP, toCleanupFailed),
      [STATES.paidBeforeError]: {
        Type: "Choice",
        Choices: [
          { Variable: READ.status, IsPresent: false, Next: STATES.releaseAfterError },
          { ...isPaid, Next: STATES.paidNotSettled },
        ],
        Default: STATES.releaseAfterError,
      },
      [STATES.releaseAfterError]: releaseNights(STATES.aborted, RETRY_CLEANUP, toCleanupFailed, NIGHT_STATES_AFTER_ERROR),
      [STATES.aborted]: {
        Type: "Fail",
        Error: "Booking.Aborted",
        Cause: "A step failed; the reservation was expired (unless already settled) and its nights released.",
      },
      [STATES.paidNotSettled]: {
        Type: "Fail",
        Error: "Booking.PaidNotSettled",
        Cause: "A step failed after the payment; the nights stay held for the paid reservation. Start the workflow again with the same input to finish it.",
      },
      [STATES.cleanupFailed]: {
        Type: "Fail",
        Error: "Booking.CleanupFailed",
        Cause: "DynamoDB kept failing on the error path; some nights may still be held. Start the workflow again with the same input once DynamoDB is healthy.",
      },
    },
  };
}

/** The IAM action each request-response DynamoDB integration needs. */
const ACTION_OF: Record<TaskResource, string> = {
  [DYNAMODB_GET_ITEM]: "dynamodb:GetItem",
  [DYNAMODB_UPDATE_ITEM]: "dynamodb:UpdateItem",
  [DYNAMODB_DELETE_ITEM]: "dynamodb:DeleteItem",
};

/** Every Task state of the definition, those inside Map states included. */
export function taskStates(states: { readonly [name: string]: State }): Array<[string, TaskState]> {
  return Object.entries(states).flatMap(([name, state]): Array<[string, TaskState]> =>
    state.Type === "Task" ? [[name, state]] : state.Type === "Map" ? taskStates(state.ItemProcessor.States) : []);
}

/**
 * The DynamoDB actions the definition calls, per table name (sorted): the state machine's role gets
 * exactly these, so the policy cannot drift from what the workflow does.
 */
export function tableActions(definition: StateMachineDefinition): Map<string, string[]> {
  const actions = new Map<string, Set<string>>();
  for (const [, state] of taskStates(definition.States)) {
    const table = String(state.Parameters.TableName);
    actions.set(table, (actions.get(table) ?? new Set()).add(ACTION_OF[state.Resource]));
  }
  return new Map([...actions].map(([table, set]) => [table, [...set].sort()]));
}
