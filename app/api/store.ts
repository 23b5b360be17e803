import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { createHash, randomUUID } from "node:crypto";
import { isTimeZone, nightsOf, utcMidnight } from "../dates";
import type { ApartmentRecord, NightItem, Reservation } from "../model";
import { NIGHT_RETENTION_DAYS, nightKey, type TableNames } from "../tables";
import { DependencyUnavailable, isUnavailable } from "./errors";

export type ReserveOutcome =
  | { readonly reserved: true }
  /** Nights of the stay (YYYY-MM-DD) another reservation holds. */
  | { readonly reserved: false; readonly unavailableNights: readonly string[]; readonly holdLimit?: false }
  | { readonly reserved: false; readonly holdLimit: true };

/** The night item of `date` for a reservation, with its TTL (NIGHT_RETENTION_DAYS after the date). */
export function nightItem(reservation: Pick<Reservation, "id" | "apartmentId">, date: string): NightItem {
  return {
    id: nightKey(reservation.apartmentId, date),
    apartmentId: reservation.apartmentId,
    date,
    reservationId: reservation.id,
    expiresAt: Math.floor(utcMidnight(date) / 1000) + NIGHT_RETENTION_DAYS * 86_400,
  };
}

/** Attempts of a reservation's transaction when it only lost to a concurrent transaction (TransactionConflict). */
const CONFLICT_ATTEMPTS = 3;

/** Keys per BatchGetItem: "up to 100 items" (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html). */
const BATCH_GET_LIMIT = 100;

/** Condition of releasing a night: it is this reservation's, or already gone (a release may be repeated). */
const NIGHT_IS_OURS_OR_GONE = "attribute_not_exists(id) OR reservationId = :reservationId";

export type PaymentOutcome =
  | { readonly result: "paid" | "already-paid" | "too-late" | "amount-mismatch" | "other-key"; readonly reservation: Reservation }
  | { readonly result: "not-found" };

/** The guests table key of an e-mail address: a hash, so the table holds no address. */
export function guestKey(email: string): string {
  return `guest-${createHash("sha256").update(email.trim().toLowerCase()).digest("hex")}`;
}

/** A key that cannot exist (ids are UUIDs, apartments match [A-Za-z0-9-]), read by the readiness check. */
const READINESS_KEY = "readiness_probe";

const STATUS = { "#status": "status" };

/**
 * The API's reads and writes, and nothing more: the IAM policy of the API's Lambda lists exactly the
 * actions used here (apartments: GetItem, Scan, PutItem for the seed; reservations: GetItem,
 * PutItem, UpdateItem; nights: BatchGetItem, PutItem, DeleteItem; guests: GetItem, UpdateItem).
 * The booking workflow makes the other transitions (paid -> confirmed, pending -> expired).
 */
export class BookingStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tables: TableNames) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  /** Every call goes through here: an unreachable, hanging or throttling DynamoDB becomes a 503. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private async send<T = any>(command: unknown): Promise<T> {
    try {
      return (await (this.doc.send as (c: unknown) => Promise<unknown>).call(this.doc, command)) as T;
    } catch (error) {
      if (isUnavailable(error)) throw new DependencyUnavailable("DynamoDB", error);
      throw error;
    }
  }

  /** Readiness: one consistent read of a key that does not exist. */
  public async ready(): Promise<void> {
    await this.send(new GetCommand({ TableName: this.tables.apartments, Key: { id: READINESS_KEY } }));
  }

  public async listApartments(): Promise<ApartmentRecord[]> {
    const apartments: ApartmentRecord[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page: { Items?: unknown[]; LastEvaluatedKey?: Record<string, unknown> } = await this.send(new ScanCommand({ TableName: this.tables.apartments, ConsistentRead: true, ExclusiveStartKey: startKey }));
      apartments.push(...((page.Items ?? []) as ApartmentRecord[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return apartments.sort((a, b) => a.name.localeCompare(b.name));
  }

  public async getApartment(id: string): Promise<ApartmentRecord | undefined> {
    const { Item } = await this.send<{ Item?: unknown }>(new GetCommand({ TableName: this.tables.apartments, Key: { id }, ConsistentRead: true }));
    return Item as ApartmentRecord | undefined;
  }

  /**
   * Which of these nights are held (their item exists), as night keys (nightKey): strongly
   * consistent BatchGetItem reads, 100 keys per call, the calls in parallel, unprocessed keys asked again.
   */
  public async heldNights(nights: ReadonlyArray<{ readonly apartmentId: string; readonly date: string }>): Promise<Set<string>> {
    const held = new Set<string>();
    const keys = [...new Set(nights.map((n) => nightKey(n.apartmentId, n.date)))];
    const chunks = Array.from({ length: Math.ceil(keys.length / BATCH_GET_LIMIT) }, (_, i) => i * BATCH_GET_LIMIT);
    await Promise.all(chunks.map(async (i) => {
      let request: Record<string, { Keys: Array<Record<string, unknown>>; ConsistentRead?: boolean; ProjectionExpression?: string }> | undefined = {
        [this.tables.nights]: { Keys: keys.slice(i, i + BATCH_GET_LIMIT).map((id) => ({ id })), ConsistentRead: true, ProjectionExpression: "id" },
      };
      for (let attempt = 1; request && Object.keys(request).length > 0; attempt++) {
        if (attempt > 5) throw new DependencyUnavailable("DynamoDB", Object.assign(new Error("BatchGetItem left keys unprocessed 5 times"), { name: "ProvisionedThroughputExceededException" }));
        if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * Math.random()));
        const page: { Responses?: Record<string, Array<{ id: string }>>; UnprocessedKeys?: typeof request } = await this.send(new BatchGetCommand({ RequestItems: request }));
        for (const item of page.Responses?.[this.tables.nights] ?? []) held.add(item.id);
        request = page.UnprocessedKeys;
      }
    }));
    return held;
  }

  public async getReservation(id: string): Promise<Reservation | undefined> {
    const { Item } = await this.send<{ Item?: unknown }>(new GetCommand({ TableName: this.tables.reservations, Key: { id }, ConsistentRead: true }));
    return Item as Reservation | undefined;
  }

  /**
   * In one transaction (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html):
   * the pending reservation is put, (with a guests table) it joins its guest's holds only while the
   * guest has fewer than `maxHolds`, and one item per night of the stay is put only if the night
   * has none (`attribute_not_exists`). DynamoDB transactions are serializable, so of any number of
   * concurrent reservations sharing a night exactly one succeeds, while stays that share no night
   * never touch the same item. A stay starting on another's checkout day shares no night.
   * The reservation and the hold come first, the nights after them: CancellationReasons are in
   * the order of the actions, so the failed nights are read off by index.
   */
  public async reserve(reservation: Reservation, maxHolds = Infinity): Promise<ReserveOutcome> {
    const guests = this.tables.guests;
    const guestId = guestKey(reservation.email);
    if (guests) await this.dropEndedHolds(guestId, new Date(reservation.createdAt));
    const dates = nightsOf(reservation.checkIn, reservation.checkOut);
    const others = [
      { Put: { TableName: this.tables.reservations, Item: reservation, ConditionExpression: "attribute_not_exists(id)" } },
      ...(guests
        ? [{
            Update: {
              TableName: guests,
              Key: { id: guestId },
              UpdateExpression: "ADD holds :hold SET updatedAt = :now",
              ConditionExpression: "attribute_not_exists(holds) OR size(holds) < :max",
              ExpressionAttributeValues: { ":hold": new Set([reservation.id]), ":now": reservation.createdAt, ":max": Number.isFinite(maxHolds) ? maxHolds : 1_000_000 },
            },
          }]
        : []),
    ];
    const nights = dates.map((date) => ({ Put: { TableName: this.tables.nights, Item: nightItem(reservation, date), ConditionExpression: "attribute_not_exists(id)" } }));
    for (let attempt = 1; ; attempt++) {
      try {
        // A client token per attempt: the SDK's own retry of a write whose answer was lost (a timeout)
        // sends the same token and succeeds without writing again, instead of finding its own nights
        // taken; the retry below after a definite cancellation is a new attempt with a new token.
        // DynamoDB API reference, TransactWriteItems ClientRequestToken (1-36 characters, 10 minutes).
        const token = attempt === 1 ? reservation.id : randomUUID();
        await this.send(new TransactWriteCommand({ TransactItems: [...others, ...nights], ClientRequestToken: token }));
        return { reserved: true };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
        const codeOf = (i: number) => reasons[i]?.Code ?? "None";
        const nightCodes = dates.map((_, i) => codeOf(others.length + i));
        const taken = dates.filter((_, i) => nightCodes[i] === "ConditionalCheckFailed");
        if (taken.length > 0) return { reserved: false, unavailableNights: taken };
        if (guests && codeOf(1) === "ConditionalCheckFailed") return { reserved: false, holdLimit: true };
        if (codeOf(0) === "ConditionalCheckFailed") throw new Error(`reservation id ${reservation.id} exists already`);
        // Only lost to a concurrent transaction on the same items (TransactionConflict): try again,
        // then report the contested nights as taken (the other transaction is booking them).
        if (attempt >= CONFLICT_ATTEMPTS) {
          const contested = dates.filter((_, i) => nightCodes[i] === "TransactionConflict");
          return { reserved: false, unavailableNights: contested.length > 0 ? contested : dates };
        }
        await new Promise((resolve) => setTimeout(resolve, 25 * attempt * Math.random()));
      }
    }
  }

  /** Removes from a guest's holds the reservations that no longer hold (paid, expired, past deadline, gone). */
  private async dropEndedHolds(guestId: string, now: Date): Promise<void> {
    const { Item } = await this.send<{ Item?: { holds?: Set<string> } }>(new GetCommand({ TableName: this.tables.guests!, Key: { id: guestId }, ConsistentRead: true }));
    const holds = [...(Item?.holds ?? [])];
    const ended: string[] = [];
    for (const id of holds) {
      const r = await this.getReservation(id);
      if (!r || r.status !== "pending" || r.paymentDeadline <= now.toISOString()) ended.push(id);
    }
    if (ended.length === 0) return;
    await this.send(new UpdateCommand({ TableName: this.tables.guests!, Key: { id: guestId }, UpdateExpression: "DELETE holds :ended", ExpressionAttributeValues: { ":ended": new Set(ended) } }));
  }

  /**
   * Undoes {@link reserve} when the workflow that would settle the reservation did not start (and
   * the sweeper's release of a hold no workflow owns): in one transaction the reservation expires,
   * only if still pending, and each of its nights is deleted, only if it is still this
   * reservation's (or gone). A reservation's transaction of N nights releases with N + 1 actions.
   */
  public async release(reservation: Reservation, now: Date): Promise<void> {
    const at = now.toISOString();
    await this.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.tables.reservations,
              Key: { id: reservation.id },
              UpdateExpression: "SET #status = :expired, updatedAt = :now",
              ConditionExpression: "#status = :pending",
              ExpressionAttributeNames: STATUS,
              ExpressionAttributeValues: { ":expired": "expired", ":pending": "pending", ":now": at },
            },
          },
          ...nightsOf(reservation.checkIn, reservation.checkOut).map((date) => ({
            Delete: {
              TableName: this.tables.nights,
              Key: { id: nightKey(reservation.apartmentId, date) },
              ConditionExpression: NIGHT_IS_OURS_OR_GONE,
              ExpressionAttributeValues: { ":reservationId": reservation.id },
            },
          })),
        ],
      }),
    );
  }

  /**
   * pending -> paid, only before the deadline and only for the reservation's amount, recording the
   * payment's idempotency key. ISO-8601 instants in UTC compare correctly as strings. A reservation
   * already paid (or confirmed by the workflow) with the same key is returned unchanged.
   */
  public async pay(id: string, payment: { readonly amount: number; readonly key: string }, now: Date): Promise<PaymentOutcome> {
    const at = now.toISOString();
    try {
      const { Attributes } = await this.send<{ Attributes?: unknown }>(
        new UpdateCommand({
          TableName: this.tables.reservations,
          Key: { id },
          UpdateExpression: "SET #status = :paid, paidAt = :now, updatedAt = :now, paymentKey = :key",
          ConditionExpression: "#status = :pending AND paymentDeadline > :now AND amount = :amount",
          ExpressionAttributeNames: STATUS,
          ExpressionAttributeValues: { ":paid": "paid", ":pending": "pending", ":now": at, ":key": payment.key, ":amount": payment.amount },
          ReturnValues: "ALL_NEW",
        }),
      );
      return { result: "paid", reservation: Attributes as Reservation };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const reservation = await this.getReservation(id);
    if (!reservation) return { result: "not-found" };
    if (reservation.status === "paid" || reservation.status === "confirmed") {
      if (reservation.paymentKey !== payment.key) return { result: "other-key", reservation };
      // The same key with another amount is not a retry of that payment.
      return { result: reservation.amount === payment.amount ? "already-paid" : "amount-mismatch", reservation };
    }
    if (reservation.status === "pending" && reservation.paymentDeadline > at && reservation.amount !== payment.amount) return { result: "amount-mismatch", reservation };
    return { result: "too-late", reservation };
  }

  /**
   * Reservations still pending after `before` (their deadline passed): what the sweeper checks.
   * A Scan with a filter: the table holds a few thousand items at most (guest data expires).
   */
  public async pendingPastDeadline(before: Date): Promise<Reservation[]> {
    const found: Reservation[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page: { Items?: unknown[]; LastEvaluatedKey?: Record<string, unknown> } = await this.send(
        new ScanCommand({
          TableName: this.tables.reservations,
          FilterExpression: "#status = :pending AND paymentDeadline < :before",
          ExpressionAttributeNames: STATUS,
          ExpressionAttributeValues: { ":pending": "pending", ":before": before.toISOString() },
          ExclusiveStartKey: startKey,
        }),
      );
      found.push(...((page.Items ?? []) as Reservation[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return found;
  }

  /** Every pending reservation (the local runner resumes their workflows after a restart). */
  public async pending(): Promise<Reservation[]> {
    return this.pendingPastDeadline(new Date("9999-12-31T00:00:00.000Z"));
  }

  /**
   * Writes the apartments that are not there yet (never overwrites one); returns how many were new.
   * Throws before writing anything when an apartment's timeZone is not an IANA zone (its "today"
   * could not be computed).
   */
  public async addApartments(apartments: readonly ApartmentRecord[]): Promise<number> {
    const unknownZone = apartments.find((a) => !isTimeZone(a.timeZone));
    if (unknownZone) throw new Error(`apartment "${unknownZone.id}": timeZone "${unknownZone.timeZone}" must be an IANA time zone, e.g. "Europe/Lisbon"`);
    let added = 0;
    for (const apartment of apartments) {
      try {
        await this.send(new PutCommand({ TableName: this.tables.apartments, Item: apartment, ConditionExpression: "attribute_not_exists(id)" }));
        added += 1;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    return added;
  }
}

/**
 * A condition of the write was not met, or in a transaction a condition failed or a concurrent
 * transaction on the same item won; other cancellations (throttling, validation) are real errors.
 */
function isConditionFailure(error: unknown): boolean {
  const { name, CancellationReasons } = (error ?? {}) as { name?: string; CancellationReasons?: Array<{ Code?: string }> };
  if (name === "ConditionalCheckFailedException") return true;
  return name === "TransactionCanceledException" &&
    (CancellationReasons ?? []).every((r) => ["None", "ConditionalCheckFailed", "TransactionConflict"].includes(r.Code ?? "None"));
}
