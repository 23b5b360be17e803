import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import type { Apartment, Reservation } from "../model";

/** Physical table names, from app/env.ts. */
export interface BookingTables {
  readonly apartments: string;
  readonly reservations: string;
}

export type ReserveOutcome =
  | { readonly reserved: true }
  | { readonly reserved: false; readonly apartment?: Apartment };

export type PaymentOutcome =
  | { readonly result: "paid" | "already-paid" | "too-late"; readonly reservation: Reservation }
  | { readonly result: "not-found" };

const STATUS = { "#status": "status" };

/**
 * The API's reads and writes, and nothing more: the IAM policy of the API's Lambda lists exactly the
 * actions used here (apartments: GetItem, Scan, UpdateItem; reservations: GetItem, PutItem, UpdateItem).
 * The booking workflow makes the other transitions (paid -> confirmed, pending -> expired).
 */
export class BookingStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tables: BookingTables) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  public async listApartments(): Promise<Apartment[]> {
    const apartments: Apartment[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(new ScanCommand({ TableName: this.tables.apartments, ConsistentRead: true, ExclusiveStartKey: startKey }));
      apartments.push(...((page.Items ?? []) as Apartment[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return apartments.sort((a, b) => a.name.localeCompare(b.name));
  }

  public async getApartment(id: string): Promise<Apartment | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tables.apartments, Key: { id }, ConsistentRead: true }));
    return Item as Apartment | undefined;
  }

  public async getReservation(id: string): Promise<Reservation | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tables.reservations, Key: { id }, ConsistentRead: true }));
    return Item as Reservation | undefined;
  }

  /**
   * In one transaction: the apartment goes vacant -> reserved, and the pending reservation is written.
   * Of two concurrent reservations of one apartment, the condition lets exactly one through.
   */
  public async reserve(reservation: Reservation): Promise<ReserveOutcome> {
    try {
      await this.doc.send(
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
          ],
        }),
      );
      return { reserved: true };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    return { reserved: false, apartment: await this.getApartment(reservation.apartmentId) };
  }

  /**
   * Undoes {@link reserve} when the workflow that would settle the reservation did not start: the
   * reservation expires and the apartment is vacant again, both only if still in the state reserve left.
   */
  public async release(reservation: Reservation, now: Date): Promise<void> {
    const at = now.toISOString();
    await this.doc.send(
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
   * pending -> paid, only before the deadline. ISO-8601 instants in UTC compare correctly as strings.
   * A reservation already paid (or confirmed by the workflow) is returned unchanged.
   */
  public async pay(id: string, now: Date): Promise<PaymentOutcome> {
    const at = now.toISOString();
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tables.reservations,
          Key: { id },
          UpdateExpression: "SET #status = :paid, paidAt = :now, updatedAt = :now",
          ConditionExpression: "#status = :pending AND paymentDeadline > :now",
          ExpressionAttributeNames: STATUS,
          ExpressionAttributeValues: { ":paid": "paid", ":pending": "pending", ":now": at },
          ReturnValues: "ALL_NEW",
        }),
      );
      return { result: "paid", reservation: Attributes as Reservation };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    const reservation = await this.getReservation(id);
    if (!reservation) return { result: "not-found" };
    const settled = reservation.status === "paid" || reservation.status === "confirmed";
    return { result: settled ? "already-paid" : "too-late", reservation };
  }

  /** Writes the apartments that are not there yet (never overwrites one); returns how many were new. */
  public async addApartments(apartments: readonly Apartment[]): Promise<number> {
    let added = 0;
    for (const apartment of apartments) {
      try {
        await this.doc.send(new PutCommand({ TableName: this.tables.apartments, Item: apartment, ConditionExpression: "attribute_not_exists(id)" }));
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
