import type { ApartmentStatus, BookingWorkflowInput, ReservationStatus } from "../model";
import type { TableNames } from "../tables";
import {
  DYNAMODB_GET_ITEM,
  DYNAMODB_UPDATE_ITEM,
  type Catcher,
  type ChoiceRule,
  type Json,
  type Retrier,
  type StateMachineDefinition,
  type TaskResource,
  type TaskState,
} from "./asl";

export interface BookingDefinitionProps {
  /** Physical table names: Terraform tokens in the stack, plain names locally. */
  readonly tables: TableNames;
  /** Seconds between two payment checks of a pending reservation. */
  readonly pollSeconds: number;
}

/** Attribute of a reservation holding its expiry (epoch seconds): DynamoDB's TTL deletes the item after it. */
export const RESERVATION_TTL_ATTRIBUTE = "expiresAt";

/** Days a reservation is kept after its payment deadline when nothing says otherwise (config guestDataRetentionDays). */
export const DEFAULT_GUEST_DATA_RETENTION_DAYS = 30;

/** What an execution receives: the API's input, plus when the reservation's data expires. */
export interface BookingExecutionInput extends BookingWorkflowInput {
  /** Epoch seconds, as a string (a DynamoDB number): `paymentDeadline` + the retention period. */
  readonly expiresAt: string;
}

/**
 * The execution input for a reservation: a reservation ends at its payment deadline at the latest
 * (confirmed before it, or expired at it), and its guest data is kept `retentionDays` after that.
 * Step Functions cannot turn a timestamp into epoch seconds, so the starter computes it.
 */
export function bookingExecutionInput(input: BookingWorkflowInput, retentionDays: number = DEFAULT_GUEST_DATA_RETENTION_DAYS): BookingExecutionInput {
  const deadline = Date.parse(input.paymentDeadline);
  if (!Number.isFinite(deadline)) throw new Error(`bookingExecutionInput: paymentDeadline "${input.paymentDeadline}" must be an ISO-8601 instant, e.g. "2026-12-01T10:15:00.000Z"`);
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new Error(`bookingExecutionInput: retentionDays ${retentionDays} must be a whole number of days of at least 1, e.g. 30`);
  return { ...input, expiresAt: String(Math.floor(deadline / 1000) + retentionDays * 86_400) };
}

/** State names: the contract with logs, tests and anyone reading an execution in the console. */
export const STATES = {
  waitForPayment: "Wait for payment",
  readReservation: "Read reservation",
  decide: "Paid or expired?",
  expireReservation: "Expire reservation",
  releaseApartment: "Release apartment",
  released: "Released",
  occupyApartment: "Occupy apartment",
  confirmReservation: "Confirm reservation",
  booked: "Booked",
  apartmentNotHeld: "Apartment not held",
  cancelAfterError: "Cancel reservation after error",
  readAfterError: "Read reservation after error",
  paidBeforeError: "Paid before the error?",
  releaseAfterError: "Release apartment after error",
  aborted: "Booking aborted",
  paidNotSettled: "Paid booking not settled",
  cleanupFailed: "Cleanup failed",
} as const;

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
const apartmentStatus = (status: ApartmentStatus) => ({ S: status });
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
 * The apartment-booking workflow, started by the API once it has reserved the apartment and put
 * the reservation (`pending`, with `paymentDeadline`), with input `{reservationId, apartmentId,
 * paymentDeadline}`. The API records a payment by moving the reservation `pending -> paid` only
 * while `paymentDeadline > now`; this workflow does everything else:
 *
 * - every `pollSeconds` it reads the reservation; `paid` -> apartment occupied, reservation
 *   confirmed; still `pending` at the deadline -> reservation expired, apartment vacant;
 * - the reservation leaves `pending` exactly once, by a conditional write on `status = pending`
 *   (the API's payment or this workflow's expiry), so a late payment and the expiry never both win;
 * - the apartment is only touched while it holds this reservation (`reservationId = <id>`), and is
 *   released only once the reservation can no longer be paid;
 * - any step failing after its retries leads to the error path: expire the reservation if still
 *   pending, then release the apartment, unless the guest has already paid (then the apartment
 *   stays held for them and the execution fails, to be re-run: every step is idempotent).
 */
export function bookingDefinition(props: BookingDefinitionProps): StateMachineDefinition {
  const { pollSeconds } = props;
  const { apartments: apartmentsTable, reservations: reservationsTable } = props.tables;
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
    keyPath: "$.reservationId" | "$.apartmentId",
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

  const releaseApartment = (next: string, retry: readonly Retrier[], onError: Catcher): TaskState =>
    update(
      apartmentsTable,
      "$.apartmentId",
      {
        update: "SET #status = :vacant, updatedAt = :now REMOVE reservationId",
        condition: "reservationId = :reservationId AND #status = :reserved",
        values: { ":vacant": apartmentStatus("vacant"), ":reserved": apartmentStatus("reserved"), ":reservationId": { "S.$": "$.reservationId" } },
      },
      next,
      retry,
      // Held by another reservation, occupied or gone: nothing of ours to release.
      [{ ErrorEquals: [CONDITION_FAILED], Next: next, ResultPath: "$.failure" }, onError],
    );

  const isPaid: ChoiceRule = {
    Or: [
      { Variable: READ.status, StringEquals: "paid" satisfies ReservationStatus },
      { Variable: READ.status, StringEquals: "confirmed" satisfies ReservationStatus },
    ],
  };

  return {
    Comment:
      "Apartment booking: holds the apartment for the payment window; paid in time -> occupied and confirmed, " +
      "otherwise expired and vacant. Started by the API with {reservationId, apartmentId, paymentDeadline, expiresAt}; " +
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
            Next: STATES.releaseApartment,
          },
          { ...isPaid, Next: STATES.occupyApartment },
          { Not: { Variable: READ.status, StringEquals: "pending" satisfies ReservationStatus }, Next: STATES.releaseApartment },
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
        STATES.releaseApartment,
        RETRY,
        // The payment won the race (or the deadline moved): decide again on fresh data.
        [{ ErrorEquals: [CONDITION_FAILED], Next: STATES.readReservation, ResultPath: "$.failure" }, toErrorPath],
      ),
      [STATES.releaseApartment]: releaseApartment(STATES.released, RETRY, toErrorPath),
      [STATES.released]: { Type: "Succeed", Comment: "Reservation expired, apartment vacant." },
      [STATES.occupyApartment]: update(
        apartmentsTable,
        "$.apartmentId",
        {
          update: "SET #status = :occupied, updatedAt = :now",
          condition: "reservationId = :reservationId",
          values: { ":occupied": apartmentStatus("occupied"), ":reservationId": { "S.$": "$.reservationId" } },
        },
        STATES.confirmReservation,
        RETRY,
        [{ ErrorEquals: [CONDITION_FAILED], Next: STATES.apartmentNotHeld, ResultPath: "$.failure" }, toErrorPath],
      ),
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
      [STATES.booked]: { Type: "Succeed", Comment: "Reservation confirmed, apartment occupied." },
      [STATES.apartmentNotHeld]: {
        Type: "Fail",
        Error: "Booking.ApartmentNotHeld",
        Cause: "The reservation is paid but the apartment no longer holds it; an operator must settle it (refund or rebook).",
      },

      // Error path: a step failed after its retries. Release the apartment unless the guest has paid.
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
      [STATES.releaseAfterError]: releaseApartment(STATES.aborted, RETRY_CLEANUP, toCleanupFailed),
      [STATES.aborted]: {
        Type: "Fail",
        Error: "Booking.Aborted",
        Cause: "A step failed; the reservation was expired (unless already settled) and the apartment released.",
      },
      [STATES.paidNotSettled]: {
        Type: "Fail",
        Error: "Booking.PaidNotSettled",
        Cause: "A step failed after the payment; the apartment stays held for the paid reservation. Start the workflow again with the same input to finish it.",
      },
      [STATES.cleanupFailed]: {
        Type: "Fail",
        Error: "Booking.CleanupFailed",
        Cause: "DynamoDB kept failing on the error path; the apartment may still be reserved. Start the workflow again with the same input once DynamoDB is healthy.",
      },
    },
  };
}

/** The IAM action each request-response DynamoDB integration needs. */
const ACTION_OF: Record<TaskResource, string> = {
  [DYNAMODB_GET_ITEM]: "dynamodb:GetItem",
  [DYNAMODB_UPDATE_ITEM]: "dynamodb:UpdateItem",
};

/**
 * The DynamoDB actions the definition calls, per table name (sorted): the state machine's role gets
 * exactly these, so the policy cannot drift from what the workflow does.
 */
export function tableActions(definition: StateMachineDefinition): Map<string, string[]> {
  const actions = new Map<string, Set<string>>();
  for (const state of Object.values(definition.States)) {
    if (state.Type !== "Task") continue;
    const table = String(state.Parameters.TableName);
    actions.set(table, (actions.get(table) ?? new Set()).add(ACTION_OF[state.Resource]));
  }
  return new Map([...actions].map(([table, set]) => [table, [...set].sort()]));
}
