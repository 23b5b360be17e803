/**
 * `npm run dev:reporting`: the reporting service on this machine, against an in-memory local
 * DynamoDB seeded with the demo apartments and a few stays (one held, one booked, one expired and releasing). REPORTING_PORT (or
 * PORT) picks the port (default 8788, as in `npm run dev`). `/reporting/whoami` says the metadata service is unreachable, as it is off EC2.
 */
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { serve } from "@hono/node-server";
import { whenParentExits } from "../../lib/parent-watch";
import { LOCAL_PORTS, parsePort } from "../../lib/ports";
import { readReportingEnv } from "../env";
import { LOCAL_TABLE_ENV, startLocalDynamo } from "../local/dynamodb";
import { nightItem } from "../api/store";
import { addDays, localDate, nightsOf } from "../dates";
import type { ApartmentRecord, NightItem, Reservation } from "../model";
import { demoApartments } from "../seed-data";
import { createReportingApp } from "./app";
import { createInstanceMetadata } from "./imds";

/** Demo data with every kind of night (booked, held, releasing, free), so the page shows each of them. */
export function demoOccupancy(now = new Date()): { apartments: ApartmentRecord[]; reservations: Reservation[]; nights: NightItem[] } {
  const at = now.toISOString();
  const apartments = demoApartments(at);
  const reservation = (id: string, apartmentId: string, status: Reservation["status"], deadlineMinutes: number, fromToday: number, nights: number): Reservation => {
    const apartment = apartments.find((a) => a.id === apartmentId)!;
    const checkIn = addDays(localDate(now, apartment.timeZone), fromToday);
    const totalPrice = nights * apartment.pricePerNight;
    return {
      id, apartmentId, apartmentName: apartment.name, guestName: "Demo Guest", email: "guest@example.com", status,
      checkIn, checkOut: addDays(checkIn, nights), nights, pricePerNight: apartment.pricePerNight, totalPrice, currency: "EUR", amount: totalPrice,
      paymentDeadline: new Date(now.getTime() + deadlineMinutes * 60_000).toISOString(), createdAt: at, updatedAt: at,
    };
  };
  const reservations = [
    reservation("res-demo-pending", "apt-harbour-view", "pending", 15, 0, 2),
    reservation("res-demo-confirmed", "apt-skyline", "confirmed", -60, 1, 4),
    reservation("res-demo-expired", "apt-old-town", "expired", -5, 3, 1),
  ];
  const nights = reservations.flatMap((r) => nightsOf(r.checkIn, r.checkOut).map((date) => nightItem(r, date)));
  return { apartments, reservations, nights };
}

async function main(): Promise<void> {
  // REPORTING_PORT as in `npm run dev` (PORT still works); 0 picks a free port here, unlike on EC2.
  const portVariable = process.env.REPORTING_PORT ? "REPORTING_PORT" : process.env.PORT ? "PORT" : "REPORTING_PORT";
  const port = parsePort(portVariable, process.env[portVariable], LOCAL_PORTS.reporting);
  const env = readReportingEnv({ ...process.env, PORT: String(LOCAL_PORTS.reporting) }, LOCAL_TABLE_ENV);
  const local = await startLocalDynamo();
  const db = DynamoDBDocumentClient.from(local.client);
  const { apartments, reservations, nights } = demoOccupancy();
  for (const item of apartments) await db.send(new PutCommand({ TableName: env.tables.apartments, Item: item }));
  for (const item of reservations) await db.send(new PutCommand({ TableName: env.tables.reservations, Item: item }));
  for (const item of nights) await db.send(new PutCommand({ TableName: env.tables.nights, Item: item }));

  const app = createReportingApp({ db, tables: env.tables, metadata: createInstanceMetadata({ endpoint: env.imdsEndpoint }), requireSignIn: false });
  const server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" }, (info) => {
    console.log(`reporting service: http://127.0.0.1:${info.port}/reporting  (local DynamoDB at ${local.endpoint}; Ctrl+C stops)`);
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => void local.stop().then(() => process.exit(0)));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  whenParentExits(stop); // `kill <npm pid>`: npm's shell ends without passing the signal on
}

if (require.main === module) {
  main().catch((error) => {
    console.error(`dev:reporting failed: ${(error as Error).message}`);
    process.exit(1);
  });
}
