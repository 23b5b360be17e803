import { DeleteItemCommand, ProvisionedThroughputExceededException } from "@aws-sdk/client-dynamodb";
import { startLocalDynamo, type LocalDynamo } from "../../app/local/dynamodb";
import { bookingDefinition, bookingExecutionInput, RESERVATION_TTL_ATTRIBUTE, STATES } from "../../app/workflow/definition";
import { bookingExecutionName } from "../../app/api/sfn-workflow";
import { createLocalWorkflow, runExecution, type DynamoDBSender, type ExecutionResult } from "../../app/workflow/local-runner";
import { intercepting, itemsOf, pay, reserve, T0, TABLE_NAMES, virtualTime } from "./fixtures";

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

/** One execution in virtual time, with an optional hook before each DynamoDB request. */
async function run(input: Awaited<ReturnType<typeof reserve>>, before?: (c: Command, time: ReturnType<typeof virtualTime>) => unknown) {
  const time = virtualTime();
  const client: DynamoDBSender = before ? intercepting(local.client, (c) => before(c, time) as void) : local.client;
  const result = await runExecution(definition, { ...bookingExecutionInput(input, RETENTION_DAYS) }, { client, now: time.now, sleep: time.sleep });
  return { result, time, ...(await itemsOf(local.client, input)) };
}

describe("booking workflow, executed locally against DynamoDB", () => {
  test("paid before the first check: apartment occupied, reservation confirmed", async () => {
    const input = await reserve(local.client, T0 + WINDOW_MS);
    expect(await pay(local.client, input.reservationId, T0 + 1000)).toBe(true);

    const { result, apartment, reservation } = await run(input);

    expect(result).toMatchObject({ status: "SUCCEEDED" });
    expect(result.states).toEqual([STATES.waitForPayment, STATES.readReservation, STATES.decide, STATES.occupyApartment, STATES.confirmReservation, STATES.booked]);
    expect(apartment).toMatchObject({ status: "occupied", reservationId: input.reservationId });
    expect(reservation).toMatchObject({ status: "confirmed", updatedAt: new Date(T0 + POLL_SECONDS * 1000).toISOString() });
    expect((reservation as Record<string, unknown> | undefined)?.[RESERVATION_TTL_ATTRIBUTE]).toBe(expiryOf(input));
  });

  test("paid during the window: confirmed at the next check, within one poll interval", async () => {
    let reads = 0;
    let paidAt = 0;
    const { result, apartment, reservation, time } = await run(await reserve(local.client, T0 + WINDOW_MS), async (c, time) => {
      if (isRead(c) && ++reads === 3) {
        paidAt = time.at();
        expect(await pay(local.client, c.input.Key.id.S, paidAt)).toBe(true);
      }
    });

    expect(result.status).toBe("SUCCEEDED");
    expect(result.states.at(-1)).toBe(STATES.booked);
    expect(apartment.status).toBe("occupied");
    expect(reservation?.status).toBe("confirmed");
    expect(time.at() - paidAt).toBeLessThanOrEqual(POLL_SECONDS * 1000);
  });

  test("unpaid at the deadline: apartment vacant again, reservation expired", async () => {
    const input = await reserve(local.client, T0 + WINDOW_MS);

    const { result, apartment, reservation, time } = await run(input);

    expect(result.status).toBe("SUCCEEDED");
    expect(result.states.slice(-3)).toEqual([STATES.expireReservation, STATES.releaseApartment, STATES.released]);
    expect(result.states.filter((s) => s === STATES.readReservation)).toHaveLength(WINDOW_MS / 1000 / POLL_SECONDS);
    expect(apartment.status).toBe("vacant");
    expect(apartment.reservationId).toBeUndefined();
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
    const { result, apartment, reservation } = await run(input, async (c) => {
      // The API's clock is a millisecond behind Step Functions': for it, the payment is in time.
      if (isUpdateOf(TABLE_NAMES.reservations)(c) && paid === undefined) paid = await pay(local.client, input.reservationId, T0 + WINDOW_MS - 1);
    });

    expect(paid).toBe(true);
    expect(result.status).toBe("SUCCEEDED");
    expect(result.states.slice(-7)).toEqual([
      STATES.decide, STATES.expireReservation, STATES.readReservation, STATES.decide, STATES.occupyApartment, STATES.confirmReservation, STATES.booked,
    ]);
    expect(apartment).toMatchObject({ status: "occupied", reservationId: input.reservationId });
    expect(reservation?.status).toBe("confirmed");
  });

  test("race, expiry first: a payment after the expiry's write is refused, even if in time by the API's clock", async () => {
    const input = await reserve(local.client, T0 + WINDOW_MS);
    let paid: boolean | undefined;
    const { result, apartment, reservation } = await run(input, async (c) => {
      if (isUpdateOf(TABLE_NAMES.apartments)(c)) paid = await pay(local.client, input.reservationId, T0 + WINDOW_MS - 1);
    });

    expect(paid).toBe(false);
    expect(result.states.slice(-2)).toEqual([STATES.releaseApartment, STATES.released]);
    expect(apartment.status).toBe("vacant");
    expect(reservation?.status).toBe("expired");
  });

  test("race, concurrent: payments sent together with the expiry's write, exactly one outcome each", async () => {
    const inputs = await Promise.all(Array.from({ length: 20 }, () => reserve(local.client, T0 + WINDOW_MS)));
    const outcomes = await Promise.all(
      inputs.map(async (input, i) => {
        let payment: Promise<boolean> | undefined;
        const { result, apartment, reservation } = await run(input, (c) => {
          // Not awaited: the payment and the expiry are in flight at the same time, the payment
          // sent just before the expiry for half of them, just after for the others.
          if (isUpdateOf(TABLE_NAMES.reservations)(c) && !payment) {
            const send = () => pay(local.client, input.reservationId, T0 + WINDOW_MS - 1);
            payment = i % 2 === 0 ? send() : new Promise<void>((resolve) => setImmediate(resolve)).then(send);
          }
        });
        return { paid: await payment, result, apartment, reservation };
      }),
    );

    for (const { paid, result, apartment, reservation } of outcomes) {
      expect(result.status).toBe("SUCCEEDED");
      if (paid) {
        expect([reservation?.status, apartment.status, apartment.reservationId]).toEqual(["confirmed", "occupied", reservation?.id]);
      } else {
        expect([reservation?.status, apartment.status, apartment.reservationId]).toEqual(["expired", "vacant", undefined]);
      }
    }
  });

  test("DynamoDB failing (throttled reads): retried with backoff, then the apartment is released", async () => {
    const input = await reserve(local.client, T0 + WINDOW_MS);
    let reads = 0;
    const { result, apartment, reservation, time } = await run(input, (c) => {
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
    expect(apartment.status).toBe("vacant");
    expect(apartment.reservationId).toBeUndefined();
    expect(reservation?.status).toBe("expired");
  });

  test("DynamoDB failing after the payment: the apartment stays held for the paid guest, and a re-run settles it", async () => {
    const input = await reserve(local.client, T0 + WINDOW_MS);
    await pay(local.client, input.reservationId, T0);
    const failing = await run(input, (c) => {
      if (isUpdateOf(TABLE_NAMES.apartments)(c)) throw Object.assign(new Error("We currently do not have sufficient capacity"), { name: "InternalServerError" });
    });

    expect(failing.result).toMatchObject({ status: "FAILED", error: "Booking.PaidNotSettled" });
    expect(failing.result.states).toEqual([
      STATES.waitForPayment, STATES.readReservation, STATES.decide, STATES.occupyApartment, STATES.cancelAfterError, STATES.readAfterError, STATES.paidBeforeError, STATES.paidNotSettled,
    ]);
    expect([failing.reservation?.status, failing.apartment.status]).toEqual(["paid", "reserved"]);

    const rerun = await run(input);
    expect(rerun.result.status).toBe("SUCCEEDED");
    expect([rerun.reservation?.status, rerun.apartment.status]).toEqual(["confirmed", "occupied"]);
  });

  test("reservation deleted: the apartment is released", async () => {
    const input = await reserve(local.client, T0 + WINDOW_MS);
    await local.client.send(new DeleteItemCommand({ TableName: TABLE_NAMES.reservations, Key: { id: { S: input.reservationId } } }));

    const { result, apartment } = await run(input);

    expect(result.states.slice(-3)).toEqual([STATES.decide, STATES.releaseApartment, STATES.released]);
    expect(apartment.status).toBe("vacant");
  });

  test("an apartment another reservation holds is never touched", async () => {
    const input = await reserve(local.client, T0 + WINDOW_MS);
    const other = await reserve(local.client, T0 + WINDOW_MS);

    const { result, apartment, reservation } = await run({ ...input, apartmentId: other.apartmentId });

    expect(result.status).toBe("SUCCEEDED");
    expect(reservation?.status).toBe("expired");
    expect(apartment).toMatchObject({ status: "reserved", reservationId: other.reservationId });
  });
});

describe("createLocalWorkflow (the in-process WorkflowStarter)", () => {
  test("runs an execution per reservation, with real timers", async () => {
    const workflow = createLocalWorkflow({ client: local.client, tables: TABLE_NAMES, pollSeconds: 1 });
    const input = await reserve(local.client, Date.now() + 60_000, Date.now());
    await pay(local.client, input.reservationId, Date.now());

    await workflow.start(input);

    expect((await workflow.result(input.reservationId)).status).toBe("SUCCEEDED");
    expect((await itemsOf(local.client, input)).apartment.status).toBe("occupied");
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
