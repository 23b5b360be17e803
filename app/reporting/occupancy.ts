import { ScanCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { APARTMENT_STATUSES, RESERVATION_STATUSES, type Apartment, type ApartmentStatus, type Reservation, type ReservationStatus } from "../model";
import { TABLES, type TableNames } from "../tables";

/** The DynamoDB actions this file calls, granted by the network stack (kept SDK-free in actions.ts). */
export { REPORTING_TABLE_ACTIONS } from "./actions";

/**
 * Characters of a reservation id the report shows. The whole id is a bearer secret (GET
 * /api/reservations/:id answers the guest's name and e-mail), and the report is public; the start
 * of the id is enough for an operator to find the reservation, and leaves 96 random bits unshown.
 */
export const RESERVATION_REFERENCE_LENGTH = 8;

export interface ApartmentRow {
  readonly apartment: Apartment;
  /** The reservation holding or occupying the apartment, when it has one; `reference` is the start of its id. */
  readonly reservation?: { readonly reference: string } & Pick<Reservation, "status" | "paymentDeadline">;
}

export interface OccupancyReport {
  readonly generatedAt: string;
  readonly apartmentsByStatus: Record<ApartmentStatus, number>;
  readonly reservationsByStatus: Record<ReservationStatus, number>;
  /** Sorted by apartment name. */
  readonly rows: readonly ApartmentRow[];
}

/**
 * Every item of a table, following `LastEvaluatedKey` page by page (a Scan returns at most 1 MB,
 * or `pageSize` items, per call).
 */
export async function scanAll<T>(db: DynamoDBDocumentClient, tableName: string, pageSize?: number): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, Limit: pageSize }));
    items.push(...((page.Items ?? []) as T[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** The occupancy summary: apartments by status, reservations by status, and one row per apartment. */
export async function occupancyReport(db: DynamoDBDocumentClient, tables: TableNames, now = new Date(), pageSize?: number): Promise<OccupancyReport> {
  const [apartments, reservations] = await Promise.all([
    scanAll<Apartment>(db, tables.apartments, pageSize),
    scanAll<Reservation>(db, tables.reservations, pageSize),
  ]);
  const apartmentsByStatus = countBy(APARTMENT_STATUSES, apartments.map((a) => a.status));
  const reservationsByStatus = countBy(RESERVATION_STATUSES, reservations.map((r) => r.status));
  const reservationById = new Map(reservations.map((r) => [r.id, r]));
  const rows = [...apartments]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((apartment): ApartmentRow => {
      const reservation = apartment.reservationId ? reservationById.get(apartment.reservationId) : undefined;
      return reservation
        ? { apartment, reservation: { reference: reservation.id.slice(0, RESERVATION_REFERENCE_LENGTH), status: reservation.status, paymentDeadline: reservation.paymentDeadline } }
        : { apartment };
    });
  return { generatedAt: now.toISOString(), apartmentsByStatus, reservationsByStatus, rows };
}

/**
 * Proves both tables answer, cheaply: a Scan of at most one item's key each (the action the service
 * already has, so the health check needs no permission of its own).
 */
export async function checkTables(db: DynamoDBDocumentClient, tables: TableNames): Promise<void> {
  const probe = (tableName: string, key: string) =>
    db.send(new ScanCommand({ TableName: tableName, Limit: 1, ProjectionExpression: "#key", ExpressionAttributeNames: { "#key": key } }));
  await Promise.all([probe(tables.apartments, TABLES.apartments.partitionKey), probe(tables.reservations, TABLES.reservations.partitionKey)]);
}

function countBy<K extends string>(keys: readonly K[], values: readonly string[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const value of values) if (value in counts) counts[value as K] += 1;
  return counts;
}
