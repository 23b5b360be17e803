/**
 * The DynamoDB tables, defined once: the infrastructure creates them from these definitions and
 * the local DynamoDB server (dev scripts, tests) creates the same tables from them.
 */
export interface TableDefinition {
  /** Logical name; the physical name is `<project>-<env>-<name>` in AWS, `<name>` locally. */
  readonly name: string;
  readonly partitionKey: string;
  /** Environment variable through which code receives the physical table name. */
  readonly envVar: string;
}

export const TABLES = {
  apartments: { name: "apartments", partitionKey: "id", envVar: "APARTMENTS_TABLE" },
  reservations: { name: "reservations", partitionKey: "id", envVar: "RESERVATIONS_TABLE" },
  /**
   * One item per apartment and booked night, key `<apartmentId>#<YYYY-MM-DD>` (see nightKey): a
   * night is taken while its item exists. Written with `attribute_not_exists` in the reservation's
   * transaction, deleted (conditionally on its reservationId) when the reservation expires.
   */
  nights: { name: "nights", partitionKey: "id", envVar: "NIGHTS_TABLE" },
  /** Unpaid holds per guest e-mail (a hash of it), for the hold limit; only the API uses it. */
  guests: { name: "guests", partitionKey: "id", envVar: "GUESTS_TABLE" },
} as const satisfies Record<string, TableDefinition>;

export type TableKey = keyof typeof TABLES;

/**
 * Physical table names, keyed like TABLES: the one shape in which code receives them (from app/env.ts
 * in AWS, LOCAL_TABLE_NAMES locally, Terraform tokens in the stacks). Only the API uses `guests`.
 */
export interface TableNames {
  readonly apartments: string;
  readonly reservations: string;
  /** The booked nights (one item per apartment and night). */
  readonly nights: string;
  /** Pending holds per guest e-mail (the hold limit). @default - no hold limit (the reporting service, the workflow) */
  readonly guests?: string;
}

/** A local DynamoDB server (app/local/dynamodb.ts) has every table under its logical name. */
export const LOCAL_TABLE_NAMES = Object.fromEntries(Object.entries(TABLES).map(([key, table]) => [key, table.name])) as Required<TableNames>;

/** The key of a night item: the apartment and the date the night starts (the apartment's local date). */
export function nightKey(apartmentId: string, date: string): string {
  return `${apartmentId}#${date}`;
}

/** Attribute of a night item holding its expiry (epoch seconds): DynamoDB's TTL deletes it after it. */
export const NIGHT_TTL_ATTRIBUTE = "expiresAt";

/**
 * Days after its date a night item is kept: nights before the apartment's today are never bookable
 * (the API refuses them whatever the table holds), so the item only has to outlive the night in
 * every time zone (UTC-12 to UTC+14) plus the reporting service's "today". DynamoDB's TTL deletes
 * expired items within a few days, which does no harm here.
 */
export const NIGHT_RETENTION_DAYS = 2;

/**
 * DynamoDB's limit on the actions of one TransactWriteItems: "groups up to 100 action requests"
 * (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html).
 */
export const TRANSACT_WRITE_ITEMS_LIMIT = 100;

/**
 * What a reservation's transaction writes besides its nights (app/api/store.ts reserve): the
 * reservation item and the guest's hold (guests table). Releasing it writes fewer: the reservation
 * and its nights.
 */
export const RESERVATION_TRANSACTION_OTHER_ITEMS = 2;

/** The longest stay one transaction can book: 100 actions - the reservation - the guest hold = 98 nights. */
export const MAX_STAY_NIGHTS = TRANSACT_WRITE_ITEMS_LIMIT - RESERVATION_TRANSACTION_OTHER_ITEMS;

/**
 * The environment variables through which code receives physical table names (each table's
 * `envVar`, read by app/env.ts), for the given tables in the order given.
 */
export function tableEnvironment(names: Partial<Record<TableKey, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(names).flatMap(([key, name]) => (name === undefined ? [] : [[TABLES[key as TableKey].envVar, name]])));
}
