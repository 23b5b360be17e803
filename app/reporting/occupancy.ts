import { ScanCommand, type DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { addDays, localDate } from "../dates";
import { RESERVATION_STATUSES, type ApartmentRecord, type NightItem, type Reservation, type ReservationStatus } from "../model";
import { nightKey, TABLES, type TableNames } from "../tables";

/** The DynamoDB actions this file calls, granted by the network stack (kept SDK-free in actions.ts). */
export { REPORTING_TABLE_ACTIONS } from "./actions";

/**
 * Characters of a reservation id the report shows. The whole id is a bearer secret (GET
 * /api/reservation answers the guest's name and e-mail with it), and the report is for operators; the
 * start of the id is enough to find the reservation, and leaves 96 random bits unshown.
 */
export const RESERVATION_REFERENCE_LENGTH = 8;

/** Days the report covers: today (at each apartment) and the next 7. */
export const REPORT_DAYS = 8;

/**
 * A night as the report shows it: booked (paid or confirmed), held (pending payment), releasing
 * (its reservation expired or is gone and the workflow is freeing it) or free.
 */
export type NightState = "booked" | "held" | "releasing" | "free";
export const NIGHT_STATES: readonly NightState[] = ["booked", "held", "releasing", "free"];

export interface NightCell {
  readonly date: string;
  readonly state: NightState;
  /** The start of the holding reservation's id. */
  readonly reference?: string;
}

export interface ApartmentRow {
  readonly apartment: ApartmentRecord;
  /** The apartment's local date now. */
  readonly today: string;
  /** REPORT_DAYS nights from today. */
  readonly nights: readonly NightCell[];
}

/** Day `offset` (0 = today at each apartment) summed over the apartments. */
export interface DayTotal {
  readonly offset: number;
  /** The dates that day is at the apartments (one, unless their time zones are on different dates). */
  readonly dates: readonly string[];
  readonly counts: Record<NightState, number>;
}

export interface OccupancyReport {
  readonly generatedAt: string;
  readonly reservationsByStatus: Record<ReservationStatus, number>;
  /** Sorted by apartment name. */
  readonly rows: readonly ApartmentRow[];
  /** REPORT_DAYS entries, today first. */
  readonly days: readonly DayTotal[];
}

/**
 * Every item of a table, following `LastEvaluatedKey` page by page (a Scan returns at most 1 MB,
 * or `pageSize` items, per call); `filter` narrows what comes back (not what is read).
 */
export async function scanAll<T>(
  db: DynamoDBDocumentClient,
  tableName: string,
  pageSize?: number,
  filter?: { readonly expression: string; readonly names?: Record<string, string>; readonly values: Record<string, unknown> },
): Promise<T[]> {
  const items: T[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({
      TableName: tableName,
      ExclusiveStartKey: startKey,
      Limit: pageSize,
      ...(filter ? { FilterExpression: filter.expression, ExpressionAttributeNames: filter.names, ExpressionAttributeValues: filter.values } : {}),
    }));
    items.push(...((page.Items ?? []) as T[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

const stateOf = (reservation: Reservation | undefined): NightState =>
  reservation?.status === "paid" || reservation?.status === "confirmed" ? "booked" : reservation?.status === "pending" ? "held" : "releasing";

/**
 * Occupancy by date, from the nights table: for each apartment its nights from its own today to
 * today + 7, each booked, held, releasing or free; the same days summed over the apartments; and the
 * reservations by status. Night items of past dates expire (NIGHT_RETENTION_DAYS), so the scan of
 * the nights table stays about as large as the bookings of the coming months.
 */
export async function occupancyReport(db: DynamoDBDocumentClient, tables: TableNames, now = new Date(), pageSize?: number): Promise<OccupancyReport> {
  const apartments = await scanAll<ApartmentRecord>(db, tables.apartments, pageSize);
  const todays = new Map(apartments.map((a) => [a.id, localDate(now, a.timeZone || "UTC")]));
  const sorted = [...todays.values()].sort();
  const first = sorted[0] ?? localDate(now, "UTC");
  const last = addDays(sorted.at(-1) ?? first, REPORT_DAYS - 1);
  const [reservations, nights] = await Promise.all([
    scanAll<Reservation>(db, tables.reservations, pageSize),
    scanAll<NightItem>(db, tables.nights, pageSize, { expression: "#date BETWEEN :first AND :last", names: { "#date": "date" }, values: { ":first": first, ":last": last } }),
  ]);
  const reservationById = new Map(reservations.map((r) => [r.id, r]));
  const nightByKey = new Map(nights.map((n) => [n.id, n]));
  const rows = [...apartments]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((apartment): ApartmentRow => {
      const today = todays.get(apartment.id)!;
      const cells = Array.from({ length: REPORT_DAYS }, (_, offset): NightCell => {
        const date = addDays(today, offset);
        const night = nightByKey.get(nightKey(apartment.id, date));
        if (!night) return { date, state: "free" };
        return { date, state: stateOf(reservationById.get(night.reservationId)), reference: night.reservationId.slice(0, RESERVATION_REFERENCE_LENGTH) };
      });
      return { apartment, today, nights: cells };
    });
  const days = Array.from({ length: REPORT_DAYS }, (_, offset): DayTotal => ({
    offset,
    dates: [...new Set(rows.map((r) => r.nights[offset].date))].sort(),
    counts: countBy(NIGHT_STATES, rows.map((r) => r.nights[offset].state)),
  }));
  return { generatedAt: now.toISOString(), reservationsByStatus: countBy(RESERVATION_STATUSES, reservations.map((r) => r.status)), rows, days };
}

/**
 * Proves the tables answer, cheaply: a Scan of at most one item's key each (the action the service
 * already has, so the health check needs no permission of its own).
 */
export async function checkTables(db: DynamoDBDocumentClient, tables: TableNames): Promise<void> {
  const probe = (tableName: string, key: string) =>
    db.send(new ScanCommand({ TableName: tableName, Limit: 1, ProjectionExpression: "#key", ExpressionAttributeNames: { "#key": key } }));
  await Promise.all([
    probe(tables.apartments, TABLES.apartments.partitionKey),
    probe(tables.reservations, TABLES.reservations.partitionKey),
    probe(tables.nights, TABLES.nights.partitionKey),
  ]);
}

function countBy<K extends string>(keys: readonly K[], values: readonly string[]): Record<K, number> {
  const counts = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const value of values) if (value in counts) counts[value as K] += 1;
  return counts;
}
