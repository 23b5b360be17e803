/**
 * `npm run dev:api`: the API on localhost against an in-memory DynamoDB with the demo apartments.
 * Settings: PORT (default 3000), PAYMENT_WINDOW_SECONDS (default 900).
 */
import { readDevServerEnv } from "../env";
import { createApi, type LogEntry } from "../api/app";
import { serveApi } from "../api/node-server";
import { BookingStore, type BookingTables } from "../api/store";
import { startLocalDynamo, type LocalDynamo } from "../local/dynamodb";
import type { WorkflowStarter } from "../model";
import { demoApartments } from "../seed-data";
import { TABLES } from "../tables";

/** What a local workflow runner gets to work with: the same database and tables as the API. */
export interface LocalBooking {
  readonly dynamo: LocalDynamo;
  readonly tables: BookingTables;
  readonly paymentWindowSeconds: number;
}

export interface DevServerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly paymentWindowSeconds: number;
  /**
   * Builds the workflow starter from the local database.
   * @default - a starter that only logs that the workflow does not run locally
   */
  readonly workflow?: (local: LocalBooking) => WorkflowStarter;
  /**
   * Current time for the API.
   * @default - the system clock
   */
  readonly clock?: () => Date;
  /**
   * Where the API and the server report.
   * @default - one JSON line on stderr
   */
  readonly log?: (entry: LogEntry) => void;
}

export interface DevServer {
  /** e.g. http://localhost:3000/api */
  readonly url: string;
  readonly dynamodbEndpoint: string;
  /** Demo apartments loaded at start (the table starts empty). */
  readonly seeded: number;
  stop(): Promise<void>;
}

const workflowNotRunning = (log: (entry: LogEntry) => void): WorkflowStarter => ({
  start: async (input) => log({ level: "info", message: "workflow not running locally: the reservation stays pending", ...input }),
});

export async function createDevServer(options: DevServerOptions): Promise<DevServer> {
  const log = options.log ?? ((entry: LogEntry) => console.error(JSON.stringify(entry)));
  const dynamo = await startLocalDynamo();
  const tables: BookingTables = { apartments: TABLES.apartments.name, reservations: TABLES.reservations.name };
  const store = new BookingStore(dynamo.client, tables);
  const local: LocalBooking = { dynamo, tables, paymentWindowSeconds: options.paymentWindowSeconds };
  try {
    const seeded = (await store.listApartments()).length === 0 ? await store.addApartments(demoApartments()) : 0;
    const workflow = options.workflow ? options.workflow(local) : workflowNotRunning(log);
    const api = createApi({ store, workflow, paymentWindowSeconds: options.paymentWindowSeconds, clock: options.clock, log });
    const server = await serveApi(api, options.port);
    return {
      url: server.url,
      dynamodbEndpoint: dynamo.endpoint,
      seeded,
      stop: async () => {
        await server.close();
        await dynamo.stop();
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}

async function main(): Promise<void> {
  const env = readDevServerEnv();
  const server = await createDevServer(env);
  console.log(`api: ${server.url}`);
  console.log(`dynamodb: ${server.dynamodbEndpoint} (in memory, ${server.seeded} demo apartments; gone when the server stops)`);
  console.log(`payment window: ${env.paymentWindowSeconds} s. Ctrl-C stops.`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.stop().then(
      () => process.exit(0),
      (error: Error) => {
        console.error(`dev:api: stopping failed: ${error.message}`);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`dev:api failed: ${error.message}`);
    process.exit(1);
  });
}
