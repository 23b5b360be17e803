/**
 * `npm run dev:reporting`: the reporting service on this machine, against an in-memory local
 * DynamoDB seeded with the demo apartments (one of them reserved, one occupied). REPORTING_PORT (or
 * PORT) picks the port (default 8788, as in `npm run dev`). `/reporting/whoami` says the metadata service is unreachable, as it is off EC2.
 */
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { serve } from "@hono/node-server";
import { LOCAL_PORTS } from "../../lib/ports";
import { readReportingEnv } from "../env";
import { LOCAL_TABLE_ENV, startLocalDynamo } from "../local/dynamodb";
import type { Apartment, Reservation } from "../model";
import { demoApartments } from "../seed-data";
import { createReportingApp } from "./app";
import { createInstanceMetadata } from "./imds";

/** Demo data with every apartment status, so the page shows each of them. */
export function demoOccupancy(now = new Date()): { apartments: Apartment[]; reservations: Reservation[] } {
  const at = now.toISOString();
  const reservation = (id: string, apartmentId: string, status: Reservation["status"], deadlineMinutes: number): Reservation => ({
    id, apartmentId, guestName: "Demo Guest", email: "guest@example.com", status, amount: 120,
    paymentDeadline: new Date(now.getTime() + deadlineMinutes * 60_000).toISOString(), createdAt: at, updatedAt: at,
  });
  const reservations = [
    reservation("res-demo-pending", "apt-harbour-view", "pending", 15),
    reservation("res-demo-confirmed", "apt-skyline", "confirmed", -60),
  ];
  const apartments = demoApartments(at).map((apartment): Apartment => {
    const held = reservations.find((r) => r.apartmentId === apartment.id);
    if (!held) return apartment;
    return { ...apartment, status: held.status === "pending" ? "reserved" : "occupied", reservationId: held.id };
  });
  return { apartments, reservations };
}

async function main(): Promise<void> {
  const env = readReportingEnv({ ...process.env, PORT: process.env.REPORTING_PORT || process.env.PORT }, { ...LOCAL_TABLE_ENV, PORT: String(LOCAL_PORTS.reporting) });
  const local = await startLocalDynamo();
  const db = DynamoDBDocumentClient.from(local.client);
  const { apartments, reservations } = demoOccupancy();
  for (const item of apartments) await db.send(new PutCommand({ TableName: env.tables.apartments, Item: item }));
  for (const item of reservations) await db.send(new PutCommand({ TableName: env.tables.reservations, Item: item }));

  const app = createReportingApp({ db, tables: env.tables, metadata: createInstanceMetadata({ endpoint: env.imdsEndpoint }), requireSignIn: false });
  const server = serve({ fetch: app.fetch, port: env.port, hostname: "127.0.0.1" }, (info) => {
    console.log(`reporting service: http://127.0.0.1:${info.port}/reporting  (local DynamoDB at ${local.endpoint}; Ctrl+C stops)`);
  });
  const stop = () => server.close(() => void local.stop().then(() => process.exit(0)));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`dev:reporting failed: ${(error as Error).message}`);
    process.exit(1);
  });
}
