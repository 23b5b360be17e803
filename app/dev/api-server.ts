/**
 * `npm run dev:api`: the API on localhost against an in-memory DynamoDB with the demo apartments,
 * and the booking workflow running in the same process.
 * Settings: API_PORT or PORT (default 8787, as in `npm run dev`), PAYMENT_WINDOW_SECONDS (default 900),
 * DEV_DATA_DIR (keep the tables on disk there, so a restart resumes the pending holds; default in memory).
 */
import { readDevServerEnv, readLogFormat } from "../env";
import { createApi, type LogEntry } from "../api/app";
import { createObservability, type Observability } from "../api/observability";
import { serveApi } from "../api/node-server";
import { BookingStore } from "../api/store";
import { startLocalDynamo, type LocalDynamo } from "../local/dynamodb";
import type { WorkflowStarter } from "../model";
import { demoApartments } from "../seed-data";
import { whenParentExits } from "../../lib/parent-watch";
import { LOCAL_TABLE_NAMES, type TableNames } from "../tables";
import { sweepHolds } from "../api/sweeper";
import { createLocalWorkflow, type LocalWorkflow } from "../workflow/local-runner";

/** What a local workflow runner gets to work with: the same database and tables as the API. */
export interface LocalBooking {
  readonly dynamo: LocalDynamo;
  readonly tables: TableNames;
  readonly paymentWindowSeconds: number;
}

/** Seconds between two payment checks of the local workflow, as in the dev environment. */
const DEFAULT_POLL_SECONDS = 5;

/** A workflow starter the server stops (ending running executions) before the database. */
export type DevWorkflow = WorkflowStarter & { stop?(): Promise<void> } & Partial<Pick<LocalWorkflow, "owns" | "resume">>;

/** Seconds between two sweeps of holds no workflow owns (the EventBridge schedule in AWS). */
const SWEEP_SECONDS = 60;

export interface DevServerOptions {
  /** 0 picks a free port. */
  readonly port: number;
  readonly paymentWindowSeconds: number;
  /**
   * Seconds between two payment checks of the local booking workflow.
   * @default 5 - as in the dev environment (DEFAULT_POLL_SECONDS)
   */
  readonly workflowPollSeconds?: number;
  /**
   * Builds the workflow starter from the local database.
   * @default - the booking workflow's own definition, run in this process (app/workflow/local-runner.ts)
   */
  readonly workflow?: (local: LocalBooking) => DevWorkflow;
  /**
   * Directory that keeps the local tables across restarts (DEV_DATA_DIR).
   * @default - in memory, gone when the server stops
   */
  readonly dataDirectory?: string;
  /** Longest stay in nights (MAX_NIGHTS). @default - app/api/app.ts DEFAULT_MAX_NIGHTS */
  readonly maxNights?: number;
  /** ISO 4217 code of the prices (CURRENCY). @default - app/api/app.ts DEFAULT_CURRENCY */
  readonly currency?: string;
  /**
   * Current time for the API.
   * @default - the system clock
   */
  readonly clock?: () => Date;
  /**
   * Where the API reports errors.
   * @default - one JSON line on stderr
   */
  readonly log?: (entry: LogEntry) => void;
  /**
   * Request lines and metrics of the API, as in Lambda (app/api/observability.ts).
   * @default - readable lines on stdout (LOG_FORMAT=json: the JSON lines Lambda writes)
   */
  readonly observability?: Observability;
}

export interface DevServer {
  /** e.g. http://localhost:3000/api */
  readonly url: string;
  readonly dynamodbEndpoint: string;
  /** Demo apartments loaded at start (the table starts empty). */
  readonly seeded: number;
  /** Pending holds from an earlier run whose workflows were started again. */
  readonly resumed: number;
  stop(): Promise<void>;
}

export async function createDevServer(options: DevServerOptions): Promise<DevServer> {
  const dynamo = await startLocalDynamo(0, { dataDirectory: options.dataDirectory });
  const tables: TableNames = LOCAL_TABLE_NAMES;
  const store = new BookingStore(dynamo.client, tables);
  const local: LocalBooking = { dynamo, tables, paymentWindowSeconds: options.paymentWindowSeconds };
  try {
    const seeded = (await store.listApartments()).length === 0 ? await store.addApartments(demoApartments()) : 0;
    const workflow = (options.workflow ?? localBookingWorkflow(options))(local);
    // The table outlives a restart (DEV_DATA_DIR): pick up the holds the last run left running.
    const resumed = workflow.resume
      ? await workflow.resume((await store.pending()).map((r) => ({ reservationId: r.id, apartmentId: r.apartmentId, paymentDeadline: r.paymentDeadline, checkIn: r.checkIn, checkOut: r.checkOut })))
      : 0;
    const owns = workflow.owns?.bind(workflow);
    const sweeper = owns
      ? setInterval(() => {
          sweepHolds({ store, owns: async (r) => owns(r.id), now: options.clock, log: () => undefined }).catch(() => undefined);
        }, SWEEP_SECONDS * 1000)
      : undefined;
    sweeper?.unref();
    const api = createApi({ store, workflow, paymentWindowSeconds: options.paymentWindowSeconds, clock: options.clock, log: options.log,
      maxNights: options.maxNights, currency: options.currency,
      observability: options.observability ?? createObservability({ format: readLogFormat(), environment: "local" }) });
    const server = await serveApi(api, options.port);
    return {
      url: server.url,
      dynamodbEndpoint: dynamo.endpoint,
      seeded,
      resumed,
      stop: async () => {
        if (sweeper) clearInterval(sweeper);
        await server.close();
        await workflow.stop?.();
        await dynamo.stop();
      },
    };
  } catch (error) {
    await dynamo.stop();
    throw error;
  }
}

function localBookingWorkflow(options: DevServerOptions): (local: LocalBooking) => DevWorkflow {
  return (local) =>
    createLocalWorkflow({ client: local.dynamo.client, tables: local.tables, pollSeconds: options.workflowPollSeconds ?? DEFAULT_POLL_SECONDS, now: options.clock });
}

async function main(): Promise<void> {
  const env = readDevServerEnv();
  const server = await createDevServer(env);
  console.log(`api: ${server.url}`);
  console.log(env.dataDirectory
    ? `dynamodb: ${server.dynamodbEndpoint} (kept in ${env.dataDirectory}; ${server.seeded} demo apartments added, ${server.resumed} pending holds resumed)`
    : `dynamodb: ${server.dynamodbEndpoint} (in memory, ${server.seeded} demo apartments; gone when the server stops; DEV_DATA_DIR=.dev-data keeps it)`);
  console.log(`booking workflow: in this process; payment window ${env.paymentWindowSeconds} s, checked every ${DEFAULT_POLL_SECONDS} s. Ctrl-C stops.`);
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
  whenParentExits(stop); // `kill <npm pid>`: npm's shell ends without passing the signal on
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`dev:api failed: ${error.message}`);
    process.exit(1);
  });
}
