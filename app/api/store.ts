import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { createHash } from "node:crypto";
import type { Apartment, Reservation } from "../model";
import type { TableNames } from "../tables";
import { DependencyUnavailable, isUnavailable } from "./errors";

export type ReserveOutcome =
  | { readonly reserved: true }
  | { readonly reserved: false; readonly apartment?: Apartment; readonly holdLimit?: false }
  | { readonly reserved: false; readonly holdLimit: true };

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
 * actions used here (apartments: GetItem, Scan, UpdateItem; reservations: GetItem, PutItem, UpdateItem).
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

  public async listApartments(): Promise<Apartment[]> {
    const apartments: Apartment[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page: { Items?: unknown[]; LastEvaluatedKey?: Record<string, unknown> } = await this.send(new ScanCommand({ TableName: this.tables.apartments, ConsistentRead: true, ExclusiveStartKey: startKey }));
      apartments.push(...((page.Items ?? []) as Apartment[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return apartments.sort((a, b) => a.name.localeCompare(b.name));
  }

  public async getApartment(id: string): Promise<Apartment | undefined> {
    const { Item } = await this.send<{ Item?: unknown }>(new GetCommand({ TableName: this.tables.apartments, Key: { id }, ConsistentRead: true }));
    return Item as Apartment | undefined;
  }

  public async getReservation(id: string): Promise<Reservation | undefined> {
    const { Item } = await this.send<{ Item?: unknown }>(new GetCommand({ TableName: this.tables.reservations, Key: { id }, ConsistentRead: true }));
    return Item as Reservation | undefined;
  }

  /**
   * In one transaction: the apartment goes vacant -> reserved, the pending reservation is written,
   * and (with a guests table) the reservation joins its guest's holds only while the guest has fewer
   * than `maxHolds`. Of two concurrent reservations of one apartment, or two of one guest at the
   * limit, the conditions let exactly one through (DynamoDB transactions are serializable).
   */
  public async reserve(reservation: Reservation, maxHolds = Infinity): Promise<ReserveOutcome> {
    const guests = this.tables.guests;
    const guestId = guestKey(reservation.email);
    if (guests) await this.dropEndedHolds(guestId, new Date(reservation.createdAt));
    try {
      await this.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tables.apartments,
                Key: { id: reservation.apartmentId },
                UpdateExpression: "SET #status = :reserved, reservationId = :reservationId, updatedAt = :now",
                ConditionExpression: "#status = :vacant",
                ExpressionAttributeNames: STATUS,
                ExpressionAttributeValues: { ":reserved": "reserved", ":vacant": "vacant", ":reservationId": reservation.id, ":now": reservation.createdAt },
              },
            },
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
          ],
        }),
      );
      return { reserved: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const reasons = (error as { CancellationReasons?: Array<{ Code?: string }> }).CancellationReasons ?? [];
      if (reasons[2]?.Code === "ConditionalCheckFailed" && reasons[0]?.Code !== "ConditionalCheckFailed") return { reserved: false, holdLimit: true };
    }
    return { reserved: false, apartment: await this.getApartment(reservation.apartmentId) };
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
   * Undoes {@link reserve} when the workflow that would settle the reservation did not start: the
   * reservation expires and the apartment is vacant again, both only if still in the state reserve left.
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
          {
            Update: {
              TableName: this.tables.apartments,
              Key: { id: reservation.apartmentId },
              UpdateExpression: "SET #status = :vacant, updatedAt = :now REMOVE reservationId",
              ConditionExpression: "#status = :reserved AND reservationId = :reservationId",
              ExpressionAttributeNames: STATUS,
              ExpressionAttributeValues: { ":vacant": "vacant", ":reserved": "reserved", ":reservationId": reservation.id, ":now": at },
            },
          },
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
      return { result: reservation.paymentKey === payment.key ? "already-paid" : "other-key", reservation };
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

  /** Writes the apartments that are not there yet (never overwrites one); returns how many were new. */
  public async addApartments(apartments: readonly Apartment[]): Promise<number> {
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
