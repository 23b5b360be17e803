import { DeleteItemCommand, ProvisionedThroughputExceededException } from "@aws-sdk/client-dynamodb";
import { startLocalDynamo, type LocalDynamo } from "../../app/local/dynamodb";
import { bookingDefinition, bookingExecutionInput, RESERVATION_TTL_ATTRIBUTE, STATES } from "../../app/workflow/definition";
import { bookingExecutionName } from "../../app/api/sfn-workflow";
import { createLocalWorkflow, runExecution, type DynamoDBSender, type ExecutionResult } from "../../app/workflow/local-runner";
import { intercepting, itemsOf, pay, reserve, STAY_NIGHTS, T0, TABLE_NAMES, virtualTime } from "./fixtures";

const POLL_SECONDS = 5;
const WINDOW_MS = 30_000;
const RETENTION_DAYS = 7;
/** The TTL the workflow writes: payment deadline + retention, epoch seconds (DynamoDB number). */
const expiryOf = (input: { paymentDeadline: string }) => Date.parse(input.paymentDeadline) / 1000 + RETENTION_DAYS * 86_400;
const definition = bookingDefinition({ tables: TABLE_NAMES, pollSeconds: POLL_SECONDS });

let local: LocalDynamo;
beforeAll(async () => {
  local = await startLocalDynamo();
});
afterAll(() => local.stop());

type Command = { constructor: { name: string }; input: any };
const isUpdateOf = (table: string) => (c: Command) => c.constructor.name === "UpdateItemCommand" && c.input.TableName === table;
const isRead = (c: Command) => c.constructor.name === "GetItemCommand";
const isNightDelete = (c: Command) => c.constructor.name === "DeleteItemCommand" && c.input.TableName === TABLE_NAMES.nights;
/** Every night of the stay held by this reservation, or every night free. */
const heldBy = (id: string) => STAY_NIGHTS.map(() => id);
const FREE = STAY_NIGHTS.map(() => undefined);

/** One execution in virtual time, with an optional hook before each DynamoDB request. */
async function run(input: Awaited<ReturnType<typeof reserve>>, before?: (c: Command, time: ReturnType<typeof virtualTime>) => unknown) {
  const time = virtualTime();
  const client: DynamoDBSender = before ? intercepting(local.client, (c) => before(c, time) as void) : local.client;
  const result = await runExecution(definition, { ...bookingExecutionInput(input, RETENTION_DAYS) }, { client, now: time.now, sleep: time.sleep });
  return { result, time, ...(await itemsOf(local.client, input)) };
}

describe("booking workflow, executed locally against DynamoDB", () => {
  test("a stay paid before the first check: reservation confirmed, its nights kept", async () => {
    const input = await reserve(local.client, T0 + WINDOW_MS);
    expect(await pay(local.client, input.reservationId, T0 + 1000)).toBe(true);

    const { result, nights, reservation } = await run(input);

    expect(result).toMatchObject({ status: "SUCCEEDED" });
    expect(result.states).toEqual([STATES.waitForPayment, STATES.readReservation, STATES.decide, STATES.confirmReservation, STATES.booked]);
    expect(nights).toEqual(heldBy(input.reservationId));
    expect(reservation).toMatchObject({ status: "confirmed", updatedAt: new Date(T0 + POLL_SECONDS * 1000).toISOString() });
    expect((reservation as Record<string, unknown> | undefined)?.[RESERVATION_TTL_ATTRIBUTE]).toBe(expiryOf(input));
  });

  test("paid during the window: confirmed at the next check, within one poll interval", async () => {
    let reads = 0;
    let paidAt = 0;
    const input = await reserve(local.client, T0 + WINDOW_MS);
    const { result, nights, reservation, time } = await run(input, async (c, time) => {
      if (isRead(c) && ++reads === 3) {
        paidAt = time.at();
        expect(await pay(local.client, c.input.Key.id.S, paidAt)).toBe(true);
      }
    });

    expect(result.status).toBe("SUCCEEDED");
    expect(result.states.at(-1)).toBe(STATES.booked);
    expect(nights).toEqual(heldBy(input.reservationId));
    expect(reservation?.status).toBe("confirmed");
    expect(time.at() - paidAt).toBeLessThanOrEqual(POLL_SECONDS * 1000);
  });

  test("a stay unpaid at the deadline: reservation expired, every night of it free again", async () => {
    const input = await reserve(local.client, T0 + WINDOW_MS);
    expect((await itemsOf(local.client, input)).nights).toEqual(heldBy(input.reservationId));

    const { result, nights, reservation, time } = await run(input);

    expect(result.status).toBe("SUCCEEDED");
    expect(result.states.slice(-3)).toEqual([STATES.expireReservation, STATES.releaseNights, STATES.released]);
    expect(result.states.filter((s) => s === STATES.readReservation)).toHaveLength(WINDOW_MS / 1000 / POLL_SECONDS);
    expect(nights).toEqual(FREE);
    expect(reservation).toMatchObject({ status: "expired", updatedAt: new Date(T0 + WINDOW_MS).toISOString() });
    // DynamoDB's TTL deletes the guest's data RETENTION_DAYS after the deadline.
    expect((reservation as Record<string, unknown> | undefined)?.[RESERVATION_TTL_ATTRIBUTE]).toBe(expiryOf(input));
    expect(time.at()).toBe(T0 + WINDOW_MS);
    // A payment after the expiry is refused by the API's conditional write.
    expect(await pay(local.client, input.reservationId, T0 + WINDOW_MS - 1)).toBe(false);
  });

  test("race, payment first: a payment that lands between the check and the expiry wins; the expiry's write loses", async () => {
    const input = await reserve(local.client, T0 + WINDOW_MS);
    let paid: boolean | undefined;
    const { result, nights, reservation } = await run(input, async (c) => {
      // The API's clock is a millisecond behind Step Functions': for it, the payment is in time.
      if (isUpdateOf(TABLE_NAMES.reservations)(c) && paid === undefined) paid = await pay(local.client, input.reservationId, T0 + WINDOW_MS - 1);
    });

    expect(paid).toBe(true);
    expect(result.status).toBe("SUCCEEDED");
    expect(result.states.slice(-6)).toEqual([
      STATES.decide, STATES.expireReservation, STATES.readReservation, STATES.decide, STATES.confirmReservation, STATES.booked,
    ]);
    expect(nights).toEqual(heldBy(input.reservationId));
    expect(reservation?.status).toBe("confirmed");
  });

  test("race, expiry first: a payment after the expiry's write is refused, even if in time by the API's clock", async () => {
    const input = await reserve(local.client, T0 + WINDOW_MS);
    let paid: boolean | undefined;
    const { result, nights, reservation } = await run(input, async (c) => {
      if (isNightDelete(c) && paid === undefined) paid = await pay(local.client, input.reservationId, T0 + WINDOW_MS - 1);
    });

    expect(paid).toBe(false);
    expect(result.states.slice(-2)).toEqual([STATES.releaseNights, STATES.released]);
    expect(nights).toEqual(FREE);
    expect(reservation?.status).toBe("expired");
  });

  test("race, concurrent: payments sent together with the expiry's write, exactly one outcome each", async () => {
    const inputs = await Promise.all(Array.from({ length: 20 }, () => reserve(local.client, T0 + WINDOW_MS)));
    const outcomes = await Promise.all(
      inputs.map(async (input, i) => {
        let payment: Promise<boolean> | undefined;
        const { result, nights, reservation } = await run(input, (c) => {
          // Not awaited: the payment and the expiry are in flight at the same time, the payment
          // sent just before the expiry for half of them, just after for the others.
          if (isUpdateOf(TABLE_NAMES.reservations)(c) && !payment) {
            const send = () => pay(local.client, input.reservationId, T0 + WINDOW_MS - 1);
            payment = i % 2 === 0 ? send() : new Promise<void>((resolve) => setImmediate(resolve)).then(send);
          }
        });
        return { paid: await payment, result, nights, reservation };
      }),
    );

    for (const { paid, result, nights, reservation } of outcomes) {
      expect(result.status).toBe("SUCCEEDED");
      if (paid) {
        expect([reservation?.status, nights]).toEqual(["confirmed", heldBy(reservation!.id)]);
      } else {
        expect([reservation?.status, nights]).toEqual(["expired", FREE]);
      }
    }
  });

  test("DynamoDB failing (throttled reads): retried with backoff, then the stay's nights are released", async () => {
    const input = await reserve(local.client, T0 + WINDOW_MS);
    let reads = 0;
    const { result, nights, reservation, time } = await run(input, (c) => {
      if (isRead(c)) {
        reads += 1;
        throw new ProvisionedThroughputExceededException({ message: "Rate of requests exceeds the allowed throughput", $metadata: {} });
      }
    });

    expect(reads).toBe(1 + 5); // the first attempt and 5 retries
    const backoffs = time.sleeps.slice(1, 6);
    backoffs.forEach((ms, i) => expect(ms).toBeLessThanOrEqual(Math.min(2 ** i, 20) * 1000));
    expect(result).toMatchObject({ status: "FAILED", error: "Booking.Aborted" });
    expect(result.states).toEqual([STATES.waitForPayment, STATES.readReservation, STATES.cancelAfterError, STATES.releaseAfterError, STATES.aborted]);
    expect(nights).toEqual(FREE);
    expect(reservation?.status).toBe("expired");
  });

  test("a night's delete failing for a while is retried: every night is released", async () => {
    const input = await reserve(local.client, T0 + WINDOW_MS);
    let failures = 0;
    const { result, nights } = await run(input, (c) => {
      if (isNightDelete(c) && c.input.Key.id.S.endsWith(STAY_NIGHTS[1]) && failures++ < 3) {
        throw Object.assign(new Error("We currently do not have sufficient capacity"), { name: "InternalServerError" });
      }
    });
    expect(failures).toBe(4);
    expect(result.states.slice(-2)).toEqual([STATES.releaseNights, STATES.released]);
    expect(nights).toEqual(FREE);
  });

  test("a night's delete failing for good fails the release: the error path tries again, and a re-run frees the rest", async () => {
    const input = await reserve(local.client, T0 + WINDOW_MS);
    const broken = (c: Command) => {
      if (isNightDelete(c) && c.input.Key.id.S.endsWith(STAY_NIGHTS[2])) throw Object.assign(new Error("Service unavailable"), { name: "ServiceUnavailable" });
    };
    const failing = await run(input, broken);
    expect(failing.result).toMatchObject({ status: "FAILED", error: "Booking.CleanupFailed" });
    // Expired first, so the error path finds it not pending, reads it, and releases again.
    expect(failing.result.states.slice(-7)).toEqual([
      STATES.expireReservation, STATES.releaseNights, STATES.cancelAfterError, STATES.readAfterError, STATES.paidBeforeError, STATES.releaseAfterError, STATES.cleanupFailed,
    ]);
    expect(failing.reservation?.status).toBe("expired");
    expect(failing.nights[2]).toBe(input.reservationId);

    const rerun = await run(input);
    expect(rerun.result.states.slice(-3)).toEqual([STATES.decide, STATES.releaseNights, STATES.released]);
    expect(rerun.nights).toEqual(FREE);
  });

  test("DynamoDB failing after the payment: the nights stay held for the paid guest, and a re-run settles it", async () => {
    const input = await reserve(local.client, T0 + WINDOW_MS);
    await pay(local.client, input.reservationId, T0);
    const failing = await run(input, (c) => {
      if (isUpdateOf(TABLE_NAMES.reservations)(c) && ":confirmed" in c.input.ExpressionAttributeValues) {
        throw Object.assign(new Error("We currently do not have sufficient capacity"), { name: "InternalServerError" });
      }
    });

    expect(failing.result).toMatchObject({ status: "FAILED", error: "Booking.PaidNotSettled" });
    expect(failing.result.states).toEqual([
      STATES.waitForPayment, STATES.readReservation, STATES.decide, STATES.confirmReservation, STATES.cancelAfterError, STATES.readAfterError, STATES.paidBeforeError, STATES.paidNotSettled,
    ]);
    expect([failing.reservation?.status, failing.nights]).toEqual(["paid", heldBy(input.reservationId)]);

    const rerun = await run(input);
    expect(rerun.result.status).toBe("SUCCEEDED");
    expect([rerun.reservation?.status, rerun.nights]).toEqual(["confirmed", heldBy(input.reservationId)]);
  });

  test("reservation deleted: its nights are released", async () => {
    const input = await reserve(local.client, T0 + WINDOW_MS);
    await local.client.send(new DeleteItemCommand({ TableName: TABLE_NAMES.reservations, Key: { id: { S: input.reservationId } } }));

    const { result, nights } = await run(input);

    expect(result.states.slice(-3)).toEqual([STATES.decide, STATES.releaseNights, STATES.released]);
    expect(nights).toEqual(FREE);
  });

  test("nights another reservation holds are never touched", async () => {
    const input = await reserve(local.client, T0 + WINDOW_MS);
    const other = await reserve(local.client, T0 + WINDOW_MS);

    // As if this reservation's nights were the other's (same dates, other apartment).
    const { result, reservation } = await run({ ...input, apartmentId: other.apartmentId });

    expect(result.status).toBe("SUCCEEDED");
    expect(reservation?.status).toBe("expired");
    expect((await itemsOf(local.client, other)).nights).toEqual(heldBy(other.reservationId));
  });
});

describe("createLocalWorkflow (the in-process WorkflowStarter)", () => {
  test("runs an execution per reservation, with real timers", async () => {
    const workflow = createLocalWorkflow({ client: local.client, tables: TABLE_NAMES, pollSeconds: 1 });
    const input = await reserve(local.client, Date.now() + 60_000, Date.now());
    await pay(local.client, input.reservationId, Date.now());

    await workflow.start(input);

    expect((await workflow.result(input.reservationId)).status).toBe("SUCCEEDED");
    expect((await itemsOf(local.client, input)).reservation?.status).toBe("confirmed");
    await workflow.stop();
  });

  test("fails to start a second execution for the same reservation, like Step Functions", async () => {
    const time = virtualTime();
    const workflow = createLocalWorkflow({ client: local.client, tables: TABLE_NAMES, pollSeconds: 1, now: time.now, sleep: time.sleep });
    const input = await reserve(local.client, T0 + WINDOW_MS);
    await workflow.start(input);

    await expect(workflow.start(input)).rejects.toThrow(`ExecutionAlreadyExists: an execution named ${bookingExecutionName(input.reservationId)} was already started`);
    await workflow.drain();
  });

  test("stop() aborts waiting executions, reports them, and refuses new ones", async () => {
    const ended: Array<[string, ExecutionResult]> = [];
    const workflow = createLocalWorkflow({ client: local.client, tables: TABLE_NAMES, pollSeconds: 3600, onExecutionEnd: (name, r) => ended.push([name, r]) });
    const input = await reserve(local.client, Date.now() + 7_200_000, Date.now());
    await workflow.start(input);

    await workflow.stop();

    expect(ended).toEqual([[bookingExecutionName(input.reservationId), { status: "ABORTED", states: [STATES.waitForPayment] }]]);
    await expect(workflow.start(await reserve(local.client, T0 + WINDOW_MS))).rejects.toThrow("the local booking workflow is stopped");
  });
});
