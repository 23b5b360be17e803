import type { AddressInfo } from "node:net";
import { CreateTableCommand, DynamoDBClient, ListTablesCommand } from "@aws-sdk/client-dynamodb";
import { SDK_CLIENT_SETTINGS } from "../api/sdk-settings";
import { TABLES, type TableDefinition } from "../tables";
import { startTransactionFront } from "./transactions";

/** Table names used locally: the logical names, so `APARTMENTS_TABLE=apartments`. */
export const LOCAL_TABLE_ENV: Record<string, string> = Object.fromEntries(
  Object.values(TABLES).map((t: TableDefinition) => [t.envVar, t.name]),
);

export interface LocalDynamo {
  readonly endpoint: string;
  readonly client: DynamoDBClient;
  stop(): Promise<void>;
}

/** Credentials and region for talking to the local server; never real ones. */
/** The API's SDK settings (app/api/sdk-settings.ts) with more time per attempt: dynalite under load is slower than DynamoDB. */
const LOCAL_CLIENT_SETTINGS = { ...SDK_CLIENT_SETTINGS, requestHandler: { ...SDK_CLIENT_SETTINGS.requestHandler, connectionTimeout: 2000, requestTimeout: 5000 } } as const;

export const LOCAL_AWS = { region: "eu-west-1", credentials: { accessKeyId: "local", secretAccessKey: "local" } };

/**
 * Starts an in-memory (or, with `dataDirectory`, on-disk) DynamoDB-compatible server (dynalite, with TransactWriteItems added in front)
 * and creates the tables from app/tables.ts. Port 0 picks a free port.
 */
export async function startLocalDynamo(port = 0, options: { readonly dataDirectory?: string } = {}): Promise<LocalDynamo> {
  // dynalite ships no types
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dynalite = require("dynalite") as (opts: Record<string, unknown>) => import("node:http").Server;
  // With a data directory the tables live on disk (LevelDB) and outlive the process.
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(options.dataDirectory ? { path: options.dataDirectory } : {}) });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  // Clients talk to the front, which adds TransactWriteItems (see app/local/transactions.ts).
  const front = await startTransactionFront(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, port);
  const endpoint = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  // Bounded like the Lambda's clients, so a hanging local database answers 503 instead of hanging
  // the request: at most MAX_ATTEMPTS x (2 + 5) s.
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint, ...LOCAL_CLIENT_SETTINGS });
  await createTables(client);
  return {
    endpoint,
    client,
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve) => front.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Creates any missing table, with the same keys as in AWS. */
export async function createTables(client: DynamoDBClient): Promise<void> {
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  for (const table of Object.values(TABLES) as TableDefinition[]) {
    if (existing.has(table.name)) continue;
    await client.send(
      new CreateTableCommand({
        TableName: table.name,
        BillingMode: "PAY_PER_REQUEST",
        KeySchema: [{ AttributeName: table.partitionKey, KeyType: "HASH" }],
        AttributeDefinitions: [{ AttributeName: table.partitionKey, AttributeType: "S" }],
      }),
    );
  }
}
