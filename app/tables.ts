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
  /** Pending holds per guest e-mail (the hold limit). @default - no hold limit (the reporting service, the workflow) */
  readonly guests?: string;
}

/** A local DynamoDB server (app/local/dynamodb.ts) has every table under its logical name. */
export const LOCAL_TABLE_NAMES = Object.fromEntries(Object.entries(TABLES).map(([key, table]) => [key, table.name])) as Required<TableNames>;
