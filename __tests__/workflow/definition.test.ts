import validateAsl from "asl-validator";
import type { StateMachineDefinition } from "../../app/workflow/asl";
import { bookingDefinition, bookingExecutionInput, CONDITION_FAILED, NIGHT_STATES, NIGHT_STATES_AFTER_ERROR, RELEASE_CONCURRENCY, STATES, tableActions, taskStates } from "../../app/workflow/definition";
import { runExecution, unsupportedFeatures } from "../../app/workflow/local-runner";
import { TABLE_NAMES } from "./fixtures";

const definition = bookingDefinition({ tables: TABLE_NAMES, pollSeconds: 5 });

/** A modified copy of the definition, as if someone extended it. */
function edited(edit: (d: any) => void): StateMachineDefinition {
  const copy = structuredClone(definition) as any;
  edit(copy);
  return copy;
}

describe("booking workflow definition", () => {
  test("is valid Amazon States Language (asl-validator)", () => {
    // asl-validator adds fields to what it checks: give it a copy.
    const { isValid, errorsText } = validateAsl(structuredClone(definition));
    expect(errorsText("\n")).toBe("");
    expect(isValid).toBe(true);
  });

  test("uses only what the local runner interprets", () => {
    expect(unsupportedFeatures(definition)).toEqual([]);
  });

  test("talks to DynamoDB directly (request-response integrations, no Lambda)", () => {
    const resources = taskStates(definition.States).map(([, s]) => s.Resource);
    expect(new Set(resources)).toEqual(new Set(["arn:aws:states:::dynamodb:getItem", "arn:aws:states:::dynamodb:updateItem", "arn:aws:states:::dynamodb:deleteItem"]));
  });

  test("every DynamoDB step retries with backoff and never retries a failed condition; every step outside a Map has a catch-all", () => {
    for (const [name, state] of taskStates(definition.States)) {
      expect([name, state.Retry?.[0]]).toEqual([name, { ErrorEquals: [CONDITION_FAILED], MaxAttempts: 0 }]);
      expect([name, state.Retry?.[1]]).toEqual([name, expect.objectContaining({ ErrorEquals: ["States.TaskFailed"], BackoffRate: 2, JitterStrategy: "FULL" })]);
    }
    for (const [name, state] of Object.entries(definition.States)) {
      if (state.Type !== "Task" && state.Type !== "Map") continue;
      expect([name, state.Catch?.at(-1)?.ErrorEquals]).toEqual([name, ["States.ALL"]]);
    }
  });

  test("releases a stay's nights with a Map of conditional deletes, each only of this reservation's night", () => {
    for (const [name, names] of [[STATES.releaseNights, NIGHT_STATES], [STATES.releaseAfterError, NIGHT_STATES_AFTER_ERROR]] as const) {
      const map = definition.States[name] as any;
      expect(map).toMatchObject({ Type: "Map", ItemsPath: "$.nightKeys", MaxConcurrency: RELEASE_CONCURRENCY, ResultPath: null });
      expect(map.ItemSelector).toEqual({ "key.$": "$$.Map.Item.Value", "reservationId.$": "$.reservationId" });
      const release = map.ItemProcessor.States[names.releaseNight];
      expect(release.Parameters).toMatchObject({ TableName: TABLE_NAMES.nights, Key: { id: { "S.$": "$.key" } }, ConditionExpression: "attribute_not_exists(id) OR reservationId = :reservationId" });
      // A night another reservation holds is nothing of ours: the iteration succeeds.
      expect(release.Catch).toEqual([{ ErrorEquals: [CONDITION_FAILED], Next: names.notOurs, ResultPath: "$.failure" }]);
    }
  });

  test("the execution input carries the stay's night keys", () => {
    const input = bookingExecutionInput({ reservationId: "r1", apartmentId: "apt-1", paymentDeadline: "2030-01-01T12:00:00.000Z", checkIn: "2030-01-30", checkOut: "2030-02-02" }, 30);
    expect(input.nightKeys).toEqual(["apt-1#2030-01-30", "apt-1#2030-01-31", "apt-1#2030-02-01"]);
  });

  test("fails to build the execution input of a stay without nights", () => {
    expect(() => bookingExecutionInput({ reservationId: "r1", apartmentId: "apt-1", paymentDeadline: "2030-01-01T12:00:00.000Z", checkIn: "2030-01-30", checkOut: "2030-01-30" })).toThrow(
      'bookingExecutionInput: checkIn "2030-01-30" and checkOut "2030-01-30" must be YYYY-MM-DD dates with checkOut after checkIn',
    );
  });

  test("the error path releases the nights unless the guest has paid", () => {
    const task = (name: string) => definition.States[name] as any;
    expect(task(STATES.readReservation).Catch[0].Next).toBe(STATES.cancelAfterError);
    expect(task(STATES.cancelAfterError).Parameters.ConditionExpression).toBe("#status = :pending");
    expect(task(STATES.cancelAfterError).Next).toBe(STATES.releaseAfterError);
    expect(task(STATES.releaseAfterError).Type).toBe("Map");
    expect(task(STATES.paidBeforeError).Choices[1].Next).toBe(STATES.paidNotSettled);
  });

  test("payment and expiry exclude each other: both leave `pending` by a conditional write", () => {
    const expire = definition.States[STATES.expireReservation] as any;
    expect(expire.Parameters.ConditionExpression).toBe("#status = :pending AND paymentDeadline <= :now");
    expect(expire.Catch[0]).toMatchObject({ ErrorEquals: [CONDITION_FAILED], Next: STATES.readReservation });
  });

  test("needs exactly GetItem + UpdateItem on reservations and DeleteItem on nights, nothing on apartments", () => {
    expect(tableActions(definition)).toEqual(
      new Map([
        [TABLE_NAMES.reservations, ["dynamodb:GetItem", "dynamodb:UpdateItem"]],
        [TABLE_NAMES.nights, ["dynamodb:DeleteItem"]],
      ]),
    );
  });

  test("fails on a poll interval below one second", () => {
    expect(() => bookingDefinition({ tables: { nights: "n", reservations: "r" }, pollSeconds: 0 })).toThrow(
      "bookingDefinition: pollSeconds 0 must be a whole number of seconds of at least 1",
    );
  });
});

describe("local runner support check", () => {
  test("fails on a state type the runner does not interpret", () => {
    const d = edited((d) => (d.States[STATES.released] = { Type: "Parallel", Branches: [], End: true }));
    expect(unsupportedFeatures(d)).toEqual([`state "${STATES.released}": Type "Parallel" is not supported (supported: Task, Wait, Choice, Succeed, Fail, Map)`]);
  });

  test("fails on a distributed Map, and on what it does not interpret inside an inline one", () => {
    const d = edited((d) => {
      d.States[STATES.releaseNights].ItemProcessor.ProcessorConfig = { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" };
      d.States[STATES.releaseNights].ItemProcessor.States[NIGHT_STATES.releaseNight].Parameters.ReturnValues = "ALL_OLD";
    });
    expect(unsupportedFeatures(d)).toEqual([
      `state "${STATES.releaseNights}".ItemProcessor.ProcessorConfig: only Mode "INLINE" is supported`,
      `state "${STATES.releaseNights}" > state "${NIGHT_STATES.releaseNight}".Parameters: field "ReturnValues" is not supported (supported: TableName, Key, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues)`,
    ]);
  });

  test("fails on another integration", () => {
    const d = edited((d) => (d.States[STATES.readReservation].Resource = "arn:aws:states:::aws-sdk:dynamodb:transactWriteItems"));
    expect(unsupportedFeatures(d).join("\n")).toContain(`Resource "arn:aws:states:::aws-sdk:dynamodb:transactWriteItems" is not supported`);
  });

  test("fails on an intrinsic function", () => {
    const d = edited((d) => (d.States[STATES.readReservation].Parameters.Key.id = { "S.$": "States.Format('r-{}', $.reservationId)" }));
    expect(unsupportedFeatures(d).join("\n")).toContain(`intrinsic function "States.Format('r-{}', $.reservationId)" is not supported`);
  });

  test("fails on a comparison operator the runner does not evaluate", () => {
    const d = edited((d) => d.States[STATES.decide].Choices.push({ Variable: "$.read.checkedAt", TimestampGreaterThan: "2030-01-01T00:00:00Z", Next: STATES.released }));
    expect(unsupportedFeatures(d).join("\n")).toContain(`field "TimestampGreaterThan" is not supported`);
  });

  test("fails on a state field, a DynamoDB parameter, a retrier field or a JSONPath it does not handle", () => {
    const d = edited((d) => {
      d.States[STATES.readReservation].InputPath = "$";
      d.States[STATES.expireReservation].Parameters.ReturnValues = "ALL_NEW";
      const retry = d.States[STATES.confirmReservation].Retry;
      d.States[STATES.confirmReservation].Retry = [retry[0], { ...retry[1], MaxAttemptsPerError: 2 }];
      d.States[STATES.decide].Choices[0].Or[0].Variable = "$.read.items[0]";
      d.States[STATES.waitForPayment].SecondsPath = "$.poll";
      d.Version = "1.0";
    });
    expect(unsupportedFeatures(d)).toEqual([
      'definition: field "Version" is not supported (supported: Comment, StartAt, States)',
      `state "${STATES.waitForPayment}": field "SecondsPath" is not supported (supported: Type, Comment, Seconds, Next, End)`,
      `state "${STATES.readReservation}": field "InputPath" is not supported (supported: Type, Comment, Resource, Parameters, ResultSelector, ResultPath, Retry, Catch, Next, End)`,
      `state "${STATES.decide}".Choices[0].Or[0].Variable: path "$.read.items[0]" is not supported (supported: $.field.field)`,
      `state "${STATES.expireReservation}".Parameters: field "ReturnValues" is not supported (supported: TableName, Key, UpdateExpression, ConditionExpression, ExpressionAttributeNames, ExpressionAttributeValues)`,
      `state "${STATES.confirmReservation}".Retry[1]: field "MaxAttemptsPerError" is not supported (supported: ErrorEquals, IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds, JitterStrategy)`,
    ]);
  });

  test("fails to run a definition it cannot interpret, naming what is missing", async () => {
    const d = edited((d) => (d.States[STATES.released] = { Type: "Pass", End: true }));
    await expect(runExecution(d, {}, { client: { send: async () => ({}) } })).rejects.toThrow(
      `the local runner cannot run this definition:\n  state "${STATES.released}": Type "Pass" is not supported`,
    );
  });
});
