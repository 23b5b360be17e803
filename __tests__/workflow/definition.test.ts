import validateAsl from "asl-validator";
import type { StateMachineDefinition } from "../../app/workflow/asl";
import { bookingDefinition, CONDITION_FAILED, STATES, tableActions } from "../../app/workflow/definition";
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
    const resources = Object.values(definition.States).flatMap((s) => (s.Type === "Task" ? [s.Resource] : []));
    expect(new Set(resources)).toEqual(new Set(["arn:aws:states:::dynamodb:getItem", "arn:aws:states:::dynamodb:updateItem"]));
  });

  test("every DynamoDB step retries with backoff, never retries a failed condition, and has a catch-all", () => {
    for (const [name, state] of Object.entries(definition.States)) {
      if (state.Type !== "Task") continue;
      expect([name, state.Retry?.[0]]).toEqual([name, { ErrorEquals: [CONDITION_FAILED], MaxAttempts: 0 }]);
      expect([name, state.Retry?.[1]]).toEqual([name, expect.objectContaining({ ErrorEquals: ["States.TaskFailed"], BackoffRate: 2, JitterStrategy: "FULL" })]);
      expect([name, state.Catch?.at(-1)?.ErrorEquals]).toEqual([name, ["States.ALL"]]);
    }
  });

  test("the error path releases the apartment unless the guest has paid", () => {
    const task = (name: string) => definition.States[name] as any;
    expect(task(STATES.readReservation).Catch[0].Next).toBe(STATES.cancelAfterError);
    expect(task(STATES.cancelAfterError).Parameters.ConditionExpression).toBe("#status = :pending");
    expect(task(STATES.cancelAfterError).Next).toBe(STATES.releaseAfterError);
    expect(task(STATES.releaseAfterError).Parameters.ConditionExpression).toBe("reservationId = :reservationId AND #status = :reserved");
  });

  test("payment and expiry exclude each other: both leave `pending` by a conditional write", () => {
    const expire = definition.States[STATES.expireReservation] as any;
    expect(expire.Parameters.ConditionExpression).toBe("#status = :pending AND paymentDeadline <= :now");
    expect(expire.Catch[0]).toMatchObject({ ErrorEquals: [CONDITION_FAILED], Next: STATES.readReservation });
  });

  test("needs exactly GetItem + UpdateItem on reservations and UpdateItem on apartments", () => {
    expect(tableActions(definition)).toEqual(
      new Map([
        [TABLE_NAMES.reservations, ["dynamodb:GetItem", "dynamodb:UpdateItem"]],
        [TABLE_NAMES.apartments, ["dynamodb:UpdateItem"]],
      ]),
    );
  });

  test("fails on a poll interval below one second", () => {
    expect(() => bookingDefinition({ tables: { apartments: "a", reservations: "r" }, pollSeconds: 0 })).toThrow(
      "bookingDefinition: pollSeconds 0 must be a whole number of seconds of at least 1",
    );
  });
});

describe("local runner support check", () => {
  test("fails on a state type the runner does not interpret", () => {
    const d = edited((d) => (d.States[STATES.released] = { Type: "Map", ItemProcessor: {}, End: true }));
    expect(unsupportedFeatures(d)).toEqual([`state "${STATES.released}": Type "Map" is not supported (supported: Task, Wait, Choice, Succeed, Fail)`]);
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
      const retry = d.States[STATES.occupyApartment].Retry;
      d.States[STATES.occupyApartment].Retry = [retry[0], { ...retry[1], MaxAttemptsPerError: 2 }];
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
      `state "${STATES.occupyApartment}".Retry[1]: field "MaxAttemptsPerError" is not supported (supported: ErrorEquals, IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds, JitterStrategy)`,
    ]);
  });

  test("fails to run a definition it cannot interpret, naming what is missing", async () => {
    const d = edited((d) => (d.States[STATES.released] = { Type: "Pass", End: true }));
    await expect(runExecution(d, {}, { client: { send: async () => ({}) } })).rejects.toThrow(
      `the local runner cannot run this definition:\n  state "${STATES.released}": Type "Pass" is not supported`,
    );
  });
});
