import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createDevServer, type LocalBooking } from "../../app/dev/api-server";
import { BookingStore } from "../../app/api/store";
import { sweepHolds } from "../../app/api/sweeper";
import { startLocalDynamo } from "../../app/local/dynamodb";
import { createLocalWorkflow } from "../../app/workflow/local-runner";
import { readAppEnv, readDevServerEnv } from "../../app/env";
import type { Apartment, BookingWorkflowInput, Reservation } from "../../app/model";
import { demoApartments } from "../../app/seed-data";
import { LOCAL_TABLE_NAMES } from "../../app/tables";

/** A stay in the future of the tests' clocks (2030-06-01). */
const STAY = { checkIn: "2030-06-10", checkOut: "2030-06-12" };

/** Retries the check until it passes (the workflow polls on real timers), for at most 30 s. */
async function eventually(check: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await check();
    } catch (error) {
      if (attempt >= 300) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe("dev server (npm run dev:api)", () => {
  test("serves the API over HTTP against the local DynamoDB, seeded, with the booking workflow running in-process", async () => {
    let now = new Date("2030-06-01T12:00:00.000Z");
    const server = await createDevServer({ port: 0, paymentWindowSeconds: 60, workflowPollSeconds: 1, clock: () => now });
    const base = server.url.replace("localhost", "127.0.0.1");
    const apartment = async (id: string) => (await (await fetch(`${base}/apartments/${id}?checkIn=${STAY.checkIn}&checkOut=${STAY.checkOut}`)).json()) as Apartment;
    const reservation = async (id: string) => (await (await fetch(`${base}/reservation`, { headers: { "X-Reservation-Id": id } })).json()) as Reservation;
    const reserve = async (apartmentId: string) => {
      const response = await fetch(`${base}/reservations`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ apartmentId, guestName: "Ada", email: "ada@example.com", ...STAY }),
      });
      expect(response.status).toBe(201);
      return (await response.json()) as Reservation;
    };
    try {
      expect(server.url).toMatch(/^http:\/\/localhost:\d+\/api$/);
      expect(server.seeded).toBe(demoApartments().length);
      expect(await (await fetch(`${base}/apartments`)).json()).toHaveLength(demoApartments().length);

      const paid = await reserve("apt-old-town");
      const unpaid = await reserve("apt-skyline");
      const pay = { method: "POST", headers: { "X-Reservation-Id": paid.id, "Idempotency-Key": "pay-key-0001", "Content-Type": "application/json" }, body: JSON.stringify({ amount: paid.amount }) };
      expect((await fetch(`${base}/reservation/payment`, pay)).status).toBe(200);
      await eventually(async () => expect(await reservation(paid.id)).toMatchObject({ status: "confirmed" }));
      expect(await apartment("apt-old-town")).toMatchObject({ available: false });
      expect(await apartment("apt-skyline")).toMatchObject({ available: false });

      now = new Date(now.getTime() + 61_000);
      await eventually(async () => expect(await apartment("apt-skyline")).toMatchObject({ available: true }));
      expect(await reservation(unpaid.id)).toMatchObject({ status: "expired" });
      expect(await apartment("apt-old-town")).toMatchObject({ available: false });
    } finally {
      await server.stop();
    }
    // The workflow runs on real timers: allow the waits above their full 30 s on a busy machine.
  }, 90_000);

  test("hands a plugged-in workflow runner the local database and tables", async () => {
    const received: LocalBooking[] = [];
    const starts: BookingWorkflowInput[] = [];
    const server = await createDevServer({
      port: 0,
      paymentWindowSeconds: 30,
      workflow: (local) => {
        received.push(local);
        return { start: async (input) => void starts.push(input) };
      },
    });
    try {
      expect(received).toEqual([expect.objectContaining({ tables: { apartments: "apartments", reservations: "reservations", nights: "nights", guests: "guests" }, paymentWindowSeconds: 30 })]);
      expect(received[0].dynamo.endpoint).toBe(server.dynamodbEndpoint);
      const response = await fetch(`${server.url.replace("localhost", "127.0.0.1")}/reservations`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ apartmentId: "apt-skyline", guestName: "Ada", email: "ada@example.com", ...STAY }),
      });
      expect(starts).toEqual([expect.objectContaining({ reservationId: (await response.json()).id, apartmentId: "apt-skyline", ...STAY })]);
    } finally {
      await server.stop();
    }
  });
});

describe("holds survive a restart of the dev server (DEV_DATA_DIR)", () => {
  test("a restart resumes the pending holds: the hold left running expires on time after the restart", async () => {
    const dataDirectory = mkdtempSync(join(tmpdir(), "dev-data-"));
    let now = new Date("2030-06-01T12:00:00.000Z");
    const options = { port: 0, paymentWindowSeconds: 60, workflowPollSeconds: 1, clock: () => now, dataDirectory };
    try {
      const first = await createDevServer(options);
      const response = await fetch(`${first.url.replace("localhost", "127.0.0.1")}/reservations`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ apartmentId: "apt-skyline", guestName: "Ada", email: "ada@example.com", ...STAY }),
      });
      expect(response.status).toBe(201);
      const { id } = (await response.json()) as Reservation;
      await first.stop(); // the running workflow ends with the process, the tables stay on disk

      const second = await createDevServer(options);
      try {
        expect([second.seeded, second.resumed]).toEqual([0, 1]);
        const base = second.url.replace("localhost", "127.0.0.1");
        now = new Date(now.getTime() + 61_000);
        await eventually(async () => expect(await (await fetch(`${base}/apartments/apt-skyline?checkIn=${STAY.checkIn}&checkOut=${STAY.checkOut}`)).json()).toMatchObject({ available: true }));
        expect(await (await fetch(`${base}/reservation`, { headers: { "X-Reservation-Id": id } })).json()).toMatchObject({ status: "expired" });
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDirectory, { recursive: true, force: true });
    }
  }, 90_000);
});

describe("the local sweeper", () => {
  test("releases a hold whose workflow never started, and leaves one a running workflow owns", async () => {
    const local = await startLocalDynamo();
    const tables = LOCAL_TABLE_NAMES;
    const store = new BookingStore(local.client, tables);
    const workflow = createLocalWorkflow({ client: local.client, tables, pollSeconds: 3600 });
    try {
      await store.addApartments(demoApartments());
      const t0 = new Date("2030-06-01T12:00:00.000Z");
      const hold = (id: string, apartmentId: string): Reservation => ({
        id, apartmentId, apartmentName: apartmentId, guestName: "Ada", email: `${id}@example.com`, status: "pending", ...STAY, nights: 2,
        pricePerNight: 120, totalPrice: 240, currency: "EUR", amount: 240,
        paymentDeadline: new Date(t0.getTime() + 60_000).toISOString(), createdAt: t0.toISOString(), updatedAt: t0.toISOString(),
      });
      const orphan = hold("0b7e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a01", "apt-skyline"); // reserve committed, the start never happened
      const owned = hold("0b7e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a02", "apt-old-town");
      for (const r of [orphan, owned]) expect(await store.reserve(r)).toEqual({ reserved: true });
      await workflow.start({ reservationId: owned.id, apartmentId: owned.apartmentId, paymentDeadline: owned.paymentDeadline, ...STAY });

      const sweep = (at: number) => sweepHolds({ store, owns: async (r) => workflow.owns(r.id), now: () => new Date(at), log: () => undefined });
      expect(await sweep(t0.getTime() + 30_000)).toEqual({ checked: 0, released: 0 }); // before the deadline: nothing
      expect(await sweep(t0.getTime() + 60_000 + 61_000)).toEqual({ checked: 2, released: 1 });
      expect(await store.getReservation(orphan.id)).toMatchObject({ status: "expired" });
      expect(await store.heldNights([{ apartmentId: "apt-skyline", date: STAY.checkIn }])).toEqual(new Set());
      expect((await store.heldNights([{ apartmentId: "apt-old-town", date: STAY.checkIn }])).size).toBe(1);
      expect(await store.getReservation(owned.id)).toMatchObject({ status: "pending" });
    } finally {
      await workflow.stop();
      await local.stop();
    }
  });
});

describe("readDevServerEnv", () => {
  test("reads API_PORT (or PORT) and the payment window, defaulting to npm run dev's 8787 and 900 s", () => {
    expect(readDevServerEnv({})).toMatchObject({ port: 8787, paymentWindowSeconds: 900 });
    expect(readDevServerEnv({ API_PORT: "8080", PAYMENT_WINDOW_SECONDS: "60" })).toMatchObject({ port: 8080, paymentWindowSeconds: 60 });
    expect(readDevServerEnv({ PORT: "4000", DEV_DATA_DIR: ".dev-data" })).toMatchObject({ port: 4000, paymentWindowSeconds: 900, dataDirectory: ".dev-data" });
    expect(readDevServerEnv({ API_PORT: "4001", PORT: "4000" })).toMatchObject({ port: 4001, paymentWindowSeconds: 900 });
    expect(readDevServerEnv({ MAX_NIGHTS: "7", CURRENCY: "GBP" })).toMatchObject({ maxNights: 7, currency: "GBP" });
  });

  test("fails on an API_PORT or PORT that is not a port number, naming the variable", () => {
    expect(() => readDevServerEnv({ API_PORT: "http" })).toThrow('API_PORT "http" must be a TCP port number from 0 to 65535, e.g. API_PORT=8787');
    expect(() => readDevServerEnv({ PORT: "70000" })).toThrow('PORT "70000" must be a TCP port number from 0 to 65535, e.g. PORT=8787');
  });

  test("the one local port story: dev:api, dev:reporting and npm run dev use the same ports, and the docs say so", () => {
    const { LOCAL_PORTS } = jest.requireActual<typeof import("../../lib/ports")>("../../lib/ports");
    expect(LOCAL_PORTS).toEqual({ web: 5173, api: 8787, reporting: 8788 });
    const { readFileSync } = jest.requireActual<typeof import("node:fs")>("node:fs");
    const root = `${__dirname}/../..`;
    for (const file of ["README.md", "docs/api.md", "docs/development.md", "help"]) {
      const text = readFileSync(`${root}/${file}`, "utf8");
      expect({ file, stale: text.match(/localhost:(3000|3100)\b|127\.0\.0\.1:(3000|3100)\b/g) }).toEqual({ file, stale: null });
    }
    expect(readFileSync(`${root}/README.md`, "utf8")).toContain(`http://localhost:${LOCAL_PORTS.api}/api`);
  });
});

describe("readAppEnv against a local endpoint (npm run seed)", () => {
  test("defaults the table names to the local server's logical names", () => {
    expect(readAppEnv({ DYNAMODB_ENDPOINT: "http://127.0.0.1:8000" })).toMatchObject({
      tables: { apartments: "apartments", reservations: "reservations", nights: "nights", guests: "guests" }, dynamodbEndpoint: "http://127.0.0.1:8000",
    });
  });
});
