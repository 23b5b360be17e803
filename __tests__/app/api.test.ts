import { ScanCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { createApi, MAX_BODY_BYTES, type LogEntry } from "../../app/api/app";
import { BookingStore } from "../../app/api/store";
import { startLocalDynamo, type LocalDynamo } from "../../app/local/dynamodb";
import type { Apartment, BookingWorkflowInput, Reservation, WorkflowStarter } from "../../app/model";
import { demoApartments } from "../../app/seed-data";

const TABLES = { apartments: "apartments", reservations: "reservations" };
const START = new Date("2030-06-01T12:00:00.000Z");
const WINDOW_SECONDS = 120;

let local: LocalDynamo;
let store: BookingStore;
let now: Date;
let started: BookingWorkflowInput[];
let logs: LogEntry[];
let failWorkflow: boolean;
let apartmentCount = 0;

const workflow: WorkflowStarter = {
  start: async (input) => {
    if (failWorkflow) throw new Error("states: service unavailable");
    started.push(input);
  },
};

function api(overrides: Partial<Parameters<typeof createApi>[0]> = {}) {
  return createApi({ store, workflow, paymentWindowSeconds: WINDOW_SECONDS, clock: () => now, log: (e) => logs.push(e), ...overrides });
}

function post(path: string, body: unknown, headers: Record<string, string> = { "Content-Type": "application/json" }) {
  return api().request(path, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });
}

/** A vacant apartment of this test's own. */
async function newApartment(): Promise<string> {
  apartmentCount += 1;
  const id = `apt-test-${apartmentCount}`;
  await store.addApartments([{ ...demoApartments(START.toISOString())[0], id, name: `Test ${apartmentCount}` }]);
  return id;
}

async function reserve(apartmentId: string): Promise<Reservation> {
  const response = await post("/api/reservations", { apartmentId, guestName: "Ada Lovelace", email: "ada@example.com" });
  expect(response.status).toBe(201);
  return (await response.json()) as Reservation;
}

async function reservationsOf(apartmentId: string): Promise<Array<Record<string, unknown>>> {
  const { Items = [] } = await local.client.send(new ScanCommand({ TableName: TABLES.reservations }));
  return Items.filter((i) => i.apartmentId.S === apartmentId).map((i) => ({ id: i.id.S, status: i.status.S }));
}

/** A write the booking workflow makes (not the API): reservation -> status. */
async function workflowSets(reservationId: string, status: string) {
  await local.client.send(
    new UpdateItemCommand({
      TableName: TABLES.reservations,
      Key: { id: { S: reservationId } },
      UpdateExpression: "SET #s = :s",
      ExpressionAttributeNames: { "#s": "status" },
      ExpressionAttributeValues: { ":s": { S: status } },
    }),
  );
}

beforeAll(async () => {
  local = await startLocalDynamo();
  store = new BookingStore(local.client, TABLES);
  await store.addApartments(demoApartments(START.toISOString()));
});
afterAll(() => local.stop());
beforeEach(() => {
  now = START;
  started = [];
  logs = [];
  failWorkflow = false;
});

describe("GET /api/health and /api/apartments", () => {
  test("health answers ok", async () => {
    const response = await api().request("/api/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  test("lists the apartments with id, name, status and details, without the holding reservation", async () => {
    const id = await newApartment();
    await reserve(id);
    const response = await api().request("/api/apartments");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const apartments = (await response.json()) as Apartment[];
    expect(apartments.map((a) => a.id)).toEqual(expect.arrayContaining(demoApartments().map((a) => a.id)));
    expect(apartments.find((a) => a.id === "apt-harbour-view")).toMatchObject({ name: "Harbour View Loft", status: "vacant", bedrooms: 1, pricePerNight: 120 });
    const reserved = apartments.find((a) => a.id === id)!;
    expect(reserved.status).toBe("reserved");
    expect(reserved).not.toHaveProperty("reservationId");
  });

  test("reads one apartment", async () => {
    const response = await api().request("/api/apartments/apt-old-town");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: "apt-old-town", name: "Old Town Studio", status: "vacant" });
  });

  test("fails with 404 on an unknown apartment", async () => {
    const response = await api().request("/api/apartments/apt-nowhere");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'apartment "apt-nowhere" does not exist; GET /api/apartments lists them', details: [] });
  });

  test("fails with 400 on a malformed apartment id, naming the field", async () => {
    const response = await api().request("/api/apartments/not%20an%20id");
    expect(response.status).toBe(400);
    expect((await response.json()).details).toEqual([
      { field: "id", message: expect.stringContaining('must be 1-64 letters, digits or "-"'), received: "not an id" },
    ]);
  });
});

describe("POST /api/reservations", () => {
  test("reserves a vacant apartment: 201 with id and payment deadline, apartment reserved, workflow started", async () => {
    const apartmentId = await newApartment();
    const response = await post("/api/reservations", { apartmentId, guestName: "  Ada Lovelace ", email: "ada@example.com" });
    expect(response.status).toBe(201);
    const reservation = (await response.json()) as Reservation;
    expect(reservation).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      apartmentId,
      guestName: "Ada Lovelace",
      email: "ada@example.com",
      status: "pending",
      paymentDeadline: "2030-06-01T12:02:00.000Z",
      createdAt: START.toISOString(),
      updatedAt: START.toISOString(),
    });
    expect(response.headers.get("location")).toBe(`/api/reservations/${reservation.id}`);
    expect(started).toEqual([{ reservationId: reservation.id, apartmentId, paymentDeadline: "2030-06-01T12:02:00.000Z" }]);
    expect(await store.getApartment(apartmentId)).toMatchObject({ status: "reserved", reservationId: reservation.id });
  });

  test("fails with 409 when the apartment is not vacant, writing nothing", async () => {
    const apartmentId = await newApartment();
    await reserve(apartmentId);
    const response = await post("/api/reservations", { apartmentId, guestName: "Grace Hopper", email: "grace@example.com" });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: `apartment "${apartmentId}" is reserved, not vacant; choose a vacant apartment from GET /api/apartments`,
      details: [],
    });
    expect(await reservationsOf(apartmentId)).toHaveLength(1);
    expect(started).toHaveLength(1);
  });

  test("fails with 404 on an apartment that does not exist, naming the field", async () => {
    const response = await post("/api/reservations", { apartmentId: "apt-nowhere", guestName: "Ada", email: "ada@example.com" });
    expect(response.status).toBe(404);
    expect((await response.json()).details).toEqual([{ field: "apartmentId", message: "must be the id of an existing apartment", received: "apt-nowhere" }]);
    expect(await reservationsOf("apt-nowhere")).toEqual([]);
  });

  test("fails with 400 naming every bad field, what is wrong and what was received", async () => {
    const response = await post("/api/reservations", { apartmentId: 42, guestName: "", email: "ada-at-example", note: "hi" });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe("invalid reservation request: fix apartmentId, guestName, email, note (see details)");
    expect(body.details).toEqual([
      { field: "apartmentId", message: 'must be a string: the id of an apartment from GET /api/apartments, e.g. "apt-harbour-view"', received: 42 },
      { field: "guestName", message: 'must not be empty: the guest\'s full name, e.g. "Ada Lovelace"', received: "" },
      { field: "email", message: 'must be an email address, e.g. "ada@example.com"', received: "ada-at-example" },
      { field: "note", message: "is not a field of a reservation request; send only apartmentId, guestName and email" },
    ]);
  });

  test("fails with 400 on missing fields, saying what each one is", async () => {
    const body = await (await post("/api/reservations", {})).json();
    expect(body.details).toEqual([
      { field: "apartmentId", message: 'is required: the id of an apartment from GET /api/apartments, e.g. "apt-harbour-view"' },
      { field: "guestName", message: 'is required: the guest\'s full name, e.g. "Ada Lovelace"' },
      { field: "email", message: 'is required: the guest\'s email address, e.g. "ada@example.com"' },
    ]);
  });

  test("fails with 400 when the body is not a JSON object", async () => {
    const notJson = await post("/api/reservations", "{apartmentId:");
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: "request body is not valid JSON", details: [{ field: "body" }] });
    const array = await post("/api/reservations", []);
    expect(array.status).toBe(400);
    expect((await array.json()).details).toEqual([{ field: "body", message: expect.stringContaining("must be a JSON object") }]);
  });

  test("fails with 415 on a body that is not declared JSON (no HTML form can post here)", async () => {
    const response = await post("/api/reservations", "apartmentId=apt-old-town", { "Content-Type": "application/x-www-form-urlencoded" });
    expect(response.status).toBe(415);
    expect((await response.json()).error).toContain('send the header "Content-Type: application/json"');
  });

  test("fails with 413 on a body over the size limit", async () => {
    const apartmentId = await newApartment();
    const response = await post("/api/reservations", { apartmentId, guestName: "x".repeat(MAX_BODY_BYTES), email: "ada@example.com" });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: `request body is larger than ${MAX_BODY_BYTES} bytes; a reservation request needs under 1 KB`, details: [] });
    expect(await store.getApartment(apartmentId)).toMatchObject({ status: "vacant" });
  });

  test("of 25 concurrent reservations of one apartment exactly one wins, the others get 409", async () => {
    const apartmentId = await newApartment();
    const app = api();
    const responses = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        app.request("/api/reservations", {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ apartmentId, guestName: `Guest ${i}`, email: `guest${i}@example.com` }),
        }),
      ),
    );
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, ...Array(24).fill(409)]);
    const winner = (await responses.find((r) => r.status === 201)!.json()) as Reservation;
    expect(await reservationsOf(apartmentId)).toEqual([{ id: winner.id, status: "pending" }]);
    expect(await store.getApartment(apartmentId)).toMatchObject({ status: "reserved", reservationId: winner.id });
    expect(started.map((s) => s.reservationId)).toEqual([winner.id]);
  });

  test("fails with 503 when the workflow cannot start, and leaves the apartment vacant and the reservation expired", async () => {
    const apartmentId = await newApartment();
    failWorkflow = true;
    const response = await post("/api/reservations", { apartmentId, guestName: "Ada", email: "ada@example.com" });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: "the booking workflow could not be started, so nothing was reserved; try again in a moment", details: [] });
    const apartment = await store.getApartment(apartmentId);
    expect(apartment).toMatchObject({ status: "vacant" });
    expect(apartment).not.toHaveProperty("reservationId");
    expect(await reservationsOf(apartmentId)).toEqual([{ id: expect.any(String), status: "expired" }]);
    expect(logs).toEqual([expect.objectContaining({ level: "error", message: "booking workflow did not start; reservation released", apartmentId, cause: expect.objectContaining({ message: "states: service unavailable" }) })]);
    expect(logs[0]).not.toHaveProperty("reservationId");

    failWorkflow = false;
    await reserve(apartmentId);
  });
});

describe("GET /api/reservations/:id", () => {
  test("reads a reservation", async () => {
    const reservation = await reserve(await newApartment());
    const response = await api().request(`/api/reservations/${reservation.id}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(reservation);
  });

  test("fails with 404 on an unknown reservation and 400 on a malformed id", async () => {
    const unknown = await api().request("/api/reservations/0b7e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toBe('reservation "0b7e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b" does not exist');
    const malformed = await api().request("/api/reservations/12");
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).details).toEqual([{ field: "id", message: expect.stringContaining("must be the id returned by POST /api/reservations"), received: "12" }]);
  });
});

describe("POST /api/reservations/:id/payment", () => {
  test("marks a pending reservation paid before its deadline", async () => {
    const reservation = await reserve(await newApartment());
    now = new Date(START.getTime() + 60_000);
    const response = await post(`/api/reservations/${reservation.id}/payment`, "");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ...reservation, status: "paid", paidAt: now.toISOString(), updatedAt: now.toISOString() });
  });

  test("is idempotent: paying again, or after the workflow confirmed, answers 200 with the reservation unchanged", async () => {
    const reservation = await reserve(await newApartment());
    const first = await (await post(`/api/reservations/${reservation.id}/payment`, "")).json();
    now = new Date(START.getTime() + 5_000);
    const again = await post(`/api/reservations/${reservation.id}/payment`, "");
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);

    await workflowSets(reservation.id, "confirmed");
    now = new Date(START.getTime() + 3600_000);
    const confirmed = await post(`/api/reservations/${reservation.id}/payment`, "");
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({ ...first, status: "confirmed" });
  });

  test("fails with 409 once the deadline has passed, even before the workflow expired it", async () => {
    const reservation = await reserve(await newApartment());
    now = new Date(START.getTime() + WINDOW_SECONDS * 1000);
    const response = await post(`/api/reservations/${reservation.id}/payment`, "");
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: `reservation "${reservation.id}" can no longer be paid: its payment deadline 2030-06-01T12:02:00.000Z has passed and the apartment is being released; make a new reservation`,
      details: [],
    });
    expect(await store.getReservation(reservation.id)).toMatchObject({ status: "pending" });
  });

  test("fails with 409 on a reservation the workflow expired", async () => {
    const reservation = await reserve(await newApartment());
    await workflowSets(reservation.id, "expired");
    const response = await post(`/api/reservations/${reservation.id}/payment`, "");
    expect(response.status).toBe(409);
    // Before its deadline (the workflow's error path expires early): the answer must not claim the deadline passed.
    expect((await response.json()).error).toBe(`reservation "${reservation.id}" can no longer be paid: it has expired and the apartment is released; make a new reservation`);
    expect(await store.getReservation(reservation.id)).toMatchObject({ status: "expired" });
  });

  test("fails with 404 on an unknown reservation", async () => {
    const response = await post("/api/reservations/0b7e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b/payment", "");
    expect(response.status).toBe(404);
  });
});

describe("errors", () => {
  test("fails with a JSON 404 on an unknown route", async () => {
    const response = await api().request("/api/bookings");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "no route GET /api/bookings; the API serves /api/apartments, /api/reservations and /api/health", details: [] });
  });

  test("fails with a generic 500 that leaks no internals, and logs the cause", async () => {
    const broken = new BookingStore(local.client, { apartments: "no-such-table", reservations: "no-such-table" });
    const response = await api({ store: broken }).request("/api/apartments");
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: expect.stringMatching(/^internal error [0-9a-f-]{36}; it was logged, try again later$/), details: [] });
    expect(text).not.toMatch(/ResourceNotFound|no-such-table|at .*\.ts/);
    expect(logs).toEqual([expect.objectContaining({ level: "error", message: "request failed", method: "GET", route: "/api/apartments", error: expect.objectContaining({ name: "ResourceNotFoundException" }) })]);
    expect(text).toContain(logs[0].errorId as string);
  });
});
