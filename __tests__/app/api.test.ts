import { ScanCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { createApi, MAX_BODY_BYTES, type LogEntry } from "../../app/api/app";
import { DependencyUnavailable } from "../../app/api/errors";
import { BookingStore } from "../../app/api/store";
import { startLocalDynamo, type LocalDynamo } from "../../app/local/dynamodb";
import type { Apartment, BookingWorkflowInput, Reservation, WorkflowStarter } from "../../app/model";
import { LOCAL_TABLE_NAMES } from "../../app/tables";
import { demoApartments } from "../../app/seed-data";

const TABLES = LOCAL_TABLE_NAMES;
/** A stay in the future of START at every demo apartment: 3 nights. */
const STAY = { checkIn: "2030-06-10", checkOut: "2030-06-13" };
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
  // Most tests reserve as the same guest: a limit they never reach, except where a test sets its own.
  return createApi({ store, workflow, paymentWindowSeconds: WINDOW_SECONDS, maxHoldsPerEmail: 1000, clock: () => now, log: (e) => logs.push(e), ...overrides });
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

async function reserve(apartmentId: string, stay = STAY): Promise<Reservation> {
  const response = await post("/api/reservations", { apartmentId, guestName: "Ada Lovelace", email: "ada@example.com", ...stay });
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

  test("lists the apartments with their details and whether they are free tonight, without a global status", async () => {
    const id = await newApartment();
    await reserve(id, { checkIn: "2030-06-01", checkOut: "2030-06-02" });
    const response = await api().request("/api/apartments");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const apartments = (await response.json()) as Apartment[];
    expect(apartments.map((a) => a.id)).toEqual(expect.arrayContaining(demoApartments().map((a) => a.id)));
    expect(apartments.find((a) => a.id === "apt-harbour-view")).toEqual({
      id: "apt-harbour-view", name: "Harbour View Loft", description: expect.any(String), bedrooms: 1, pricePerNight: 120, currency: "EUR",
      timeZone: "Europe/Lisbon", available: true, checkIn: "2030-06-01", checkOut: "2030-06-02",
    });
    const reserved = apartments.find((a) => a.id === id)!;
    expect(reserved).toMatchObject({ available: false, checkIn: "2030-06-01", checkOut: "2030-06-02" });
    expect(reserved).not.toHaveProperty("status");
    expect(reserved).not.toHaveProperty("reservationId");
  });

  test("reads one apartment, free tonight", async () => {
    const response = await api().request("/api/apartments/apt-old-town");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: "apt-old-town", name: "Old Town Studio", timeZone: "Europe/Madrid", available: true, checkIn: "2030-06-01", checkOut: "2030-06-02" });
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
  test("reserves a stay: 201 with the nights, the server's total and the payment deadline; nights held, workflow started", async () => {
    const apartmentId = await newApartment();
    const response = await post("/api/reservations", { apartmentId, guestName: "  Ada Lovelace ", email: "ada@example.com", ...STAY });
    expect(response.status).toBe(201);
    const reservation = (await response.json()) as Reservation;
    const price = demoApartments()[0].pricePerNight;
    expect(reservation).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: "pending",
      apartmentId,
      apartmentName: expect.stringMatching(/^Test \d+$/),
      guestName: "Ada Lovelace",
      email: "ada@example.com",
      checkIn: "2030-06-10",
      checkOut: "2030-06-13",
      nights: 3,
      pricePerNight: price,
      totalPrice: 3 * price,
      currency: "EUR",
      amount: 3 * price,
      paymentDeadline: "2030-06-01T12:02:00.000Z",
      createdAt: START.toISOString(),
      updatedAt: START.toISOString(),
    });
    expect(response.headers.get("location")).toBe("/api/reservation");
    expect(started).toEqual([{ reservationId: reservation.id, apartmentId, paymentDeadline: "2030-06-01T12:02:00.000Z", checkIn: "2030-06-10", checkOut: "2030-06-13" }]);
    const held = await store.heldNights(["2030-06-09", "2030-06-10", "2030-06-11", "2030-06-12", "2030-06-13"].map((date) => ({ apartmentId, date })));
    expect([...held].sort()).toEqual([`${apartmentId}#2030-06-10`, `${apartmentId}#2030-06-11`, `${apartmentId}#2030-06-12`]);
  });

  test("takes the currency from the deployment (config api.currency)", async () => {
    const response = await api({ currency: "CHF" }).request("/api/reservations", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ apartmentId: await newApartment(), guestName: "Ada", email: "ada@example.com", ...STAY }),
    });
    expect(await response.json()).toMatchObject({ currency: "CHF" });
  });

  test("fails with 409 when a night overlaps another stay, listing the nights, writing nothing", async () => {
    const apartmentId = await newApartment();
    await reserve(apartmentId);
    const response = await post("/api/reservations", { apartmentId, guestName: "Grace Hopper", email: "grace@example.com", checkIn: "2030-06-12", checkOut: "2030-06-15" });
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: `apartment "${apartmentId}" is already booked for 1 of the 3 nights (2030-06-12); choose other dates: GET /api/apartments/${apartmentId}/availability shows the free nights`,
      unavailableNights: ["2030-06-12"],
      details: [],
    });
    expect(await reservationsOf(apartmentId)).toHaveLength(1);
    expect(started).toHaveLength(1);
    // Nothing of the failed stay is held: its free nights can still be booked.
    expect((await post("/api/reservations", { apartmentId, guestName: "Grace Hopper", email: "grace@example.com", checkIn: "2030-06-13", checkOut: "2030-06-15" })).status).toBe(201);
  });

  test("fails with 404 on an apartment that does not exist, naming the field", async () => {
    const response = await post("/api/reservations", { apartmentId: "apt-nowhere", guestName: "Ada", email: "ada@example.com", ...STAY });
    expect(response.status).toBe(404);
    expect((await response.json()).details).toEqual([{ field: "apartmentId", message: "must be the id of an existing apartment", received: "apt-nowhere" }]);
    expect(await reservationsOf("apt-nowhere")).toEqual([]);
  });

  test("fails with 400 naming every bad field, what is wrong and what was received", async () => {
    const response = await post("/api/reservations", { apartmentId: 42, guestName: "", email: "ada-at-example", ...STAY, note: "hi" });
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe("invalid reservation request: fix apartmentId, guestName, email, note (see details)");
    expect(body.details).toEqual([
      { field: "apartmentId", message: 'must be a string: the id of an apartment from GET /api/apartments, e.g. "apt-harbour-view"', received: 42 },
      { field: "guestName", message: 'must not be empty: the guest\'s full name, e.g. "Ada Lovelace"', received: "" },
      { field: "email", message: 'must be an email address, e.g. "ada@example.com"', received: "ada-at-example" },
      { field: "note", message: "is not a field of a reservation request; send only apartmentId, guestName, email, checkIn and checkOut" },
    ]);
  });

  test("fails with 400 on missing fields, saying what each one is", async () => {
    const body = await (await post("/api/reservations", {})).json();
    expect(body.details).toEqual([
      { field: "apartmentId", message: 'is required: the id of an apartment from GET /api/apartments, e.g. "apt-harbour-view"' },
      { field: "guestName", message: 'is required: the guest\'s full name, e.g. "Ada Lovelace"' },
      { field: "email", message: 'is required: the guest\'s email address, e.g. "ada@example.com"' },
      { field: "checkIn", message: 'is required: the first night of the stay as YYYY-MM-DD, e.g. "2026-12-10"' },
      { field: "checkOut", message: 'is required: the day of departure, after the last night as YYYY-MM-DD, e.g. "2026-12-13"' },
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
    const response = await post("/api/reservations", { apartmentId, guestName: "x".repeat(MAX_BODY_BYTES), email: "ada@example.com", ...STAY });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: `request body is larger than ${MAX_BODY_BYTES} bytes; a reservation or a payment needs under 1 KB`, details: [] });
    expect(await reservationsOf(apartmentId)).toEqual([]);
  });

  test("fails with 503 when the workflow cannot start, and leaves the nights free and the reservation expired", async () => {
    const apartmentId = await newApartment();
    failWorkflow = true;
    const response = await post("/api/reservations", { apartmentId, guestName: "Ada", email: "ada@example.com", ...STAY });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ error: "the booking workflow could not be started, so nothing was reserved; try again in a moment", details: [] });
    expect(await store.heldNights([{ apartmentId, date: STAY.checkIn }])).toEqual(new Set());
    expect(await reservationsOf(apartmentId)).toEqual([{ id: expect.any(String), status: "expired" }]);
    expect(logs).toEqual([expect.objectContaining({ level: "error", message: "booking workflow did not start; reservation released", apartmentId, cause: expect.objectContaining({ message: "states: service unavailable" }) })]);
    expect(logs[0]).not.toHaveProperty("reservationId");

    failWorkflow = false;
    await reserve(apartmentId);
  });
});

const byId = (id: string, extra: Record<string, string> = {}) => ({ "X-Reservation-Id": id, ...extra });

function pay(reservation: Reservation, key = "pay-key-0001", amount: unknown = reservation.amount) {
  return post("/api/reservation/payment", { amount }, byId(reservation.id, { "Content-Type": "application/json", "Idempotency-Key": key }));
}

describe("robustness (found by probing the local API)", () => {
  test("a payment amount DynamoDB cannot store is a 400 naming amount, never a 500", async () => {
    const reservation = await reserve(await newApartment());
    for (const raw of ["1e400", "1e200", "9007199254740993", "1e-200", "5e-324", "12.345"]) {
      const response = await post("/api/reservation/payment", `{"amount":${raw}}`, byId(reservation.id, { "Content-Type": "application/json", "Idempotency-Key": "pay-key-0001" }));
      expect([raw, response.status]).toEqual([raw, 400]);
      expect((await response.json()).details).toEqual([expect.objectContaining({ field: "amount", message: expect.stringContaining("at most two decimals") })]);
    }
  });

  test("the same Idempotency-Key with another amount is not a retry of that payment: 422, still paid once", async () => {
    const reservation = await reserve(await newApartment());
    expect((await pay(reservation)).status).toBe(200);
    const other = await pay(reservation, "pay-key-0001", 1);
    expect(other.status).toBe(422);
    expect(await store.getReservation(reservation.id)).toMatchObject({ status: "paid", paymentKey: "pay-key-0001", amount: reservation.amount });
  });

  test.each([
    ["a pile of combining marks on one letter", "a" + "\u0301".repeat(7000)],
    ["a line separator", "Ada\u2028Lovelace"],
    ["a lone surrogate", "Ada\ud800"],
    ["noncharacters", "Ada \uffff\ufdd0"],
  ])("a guest name with %s is a 400 naming guestName", async (_what, guestName) => {
    const response = await post("/api/reservations", { apartmentId: await newApartment(), guestName, email: "ada@example.com", ...STAY });
    expect(response.status).toBe(400);
    expect((await response.json()).details).toEqual([expect.objectContaining({ field: "guestName" })]);
  });

  test("a reservation write whose answer is lost after DynamoDB committed it: 503 that says so, and the nights are freed again", async () => {
    const apartmentId = await newApartment();
    class LostAnswer extends BookingStore {
      override async reserve(...args: Parameters<BookingStore["reserve"]>): ReturnType<BookingStore["reserve"]> {
        await super.reserve(...args);
        throw new DependencyUnavailable("DynamoDB", Object.assign(new Error("socket timed out"), { name: "TimeoutError" }));
      }
    }
    const lossy = new LostAnswer(local.client, TABLES);
    const response = await api({ store: lossy }).request("/api/reservations", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ apartmentId, guestName: "Ada", email: "ada@example.com", ...STAY }),
    });
    expect(response.status).toBe(503);
    const body = await response.json();
    expect(body).toMatchObject({ unavailable: "DynamoDB" });
    expect(body.error).toMatch(/^DynamoDB is unavailable right now \(no answer in time\); if the booking was saved before the answer was lost, it was released again or lapses by itself by \S+Z, try again in 5 seconds$/);
    expect(await store.heldNights([{ apartmentId, date: STAY.checkIn }])).toEqual(new Set());
    expect(started).toEqual([]);
    await reserve(apartmentId);
  });
});

describe("GET /api/reservation (id in the X-Reservation-Id header)", () => {
  test("reads a reservation; its amount is the stay's total", async () => {
    const reservation = await reserve(await newApartment());
    expect(reservation.amount).toBe(3 * demoApartments()[0].pricePerNight);
    expect(reservation.amount).toBe(reservation.totalPrice);
    const response = await api().request("/api/reservation", { headers: byId(reservation.id) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(reservation);
  });

  test("fails with 404 on an unknown reservation and 400 on a malformed or missing id", async () => {
    const unknown = await api().request("/api/reservation", { headers: byId("0b7e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b") });
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toBe("no reservation has the id in the X-Reservation-Id header; check it against the one you received");
    const malformed = await api().request("/api/reservation", { headers: byId("12") });
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).details).toEqual([{ field: "X-Reservation-Id", message: expect.stringContaining("must be the id returned by POST /api/reservations"), received: "12" }]);
    expect((await api().request("/api/reservation")).status).toBe(400);
  });

  test("fails with 404 on the old path form, pointing at the header, without echoing the id", async () => {
    const response = await api().request("/api/reservations/0b7e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
    expect(response.status).toBe(404);
    const text = await response.text();
    expect(text).toContain("X-Reservation-Id header");
    expect(text).not.toContain("0b7e3f7a");
  });
});

describe("POST /api/reservation/payment", () => {
  test("marks a pending reservation paid before its deadline, for its amount", async () => {
    const reservation = await reserve(await newApartment());
    now = new Date(START.getTime() + 60_000);
    const response = await pay(reservation);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ...reservation, status: "paid", paidAt: now.toISOString(), updatedAt: now.toISOString(), paymentKey: "pay-key-0001" });
  });

  test("is idempotent: the same key again, or after the workflow confirmed, answers 200 with the reservation unchanged", async () => {
    const reservation = await reserve(await newApartment());
    const first = await (await pay(reservation)).json();
    now = new Date(START.getTime() + 5_000);
    const again = await pay(reservation);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);

    await workflowSets(reservation.id, "confirmed");
    now = new Date(START.getTime() + 3600_000);
    const confirmed = await pay(reservation);
    expect(confirmed.status).toBe(200);
    expect(await confirmed.json()).toEqual({ ...first, status: "confirmed" });
  });

  test("fails with 409 on a second payment under another idempotency key, charging nothing", async () => {
    const reservation = await reserve(await newApartment());
    await pay(reservation, "pay-key-first");
    const second = await pay(reservation, "pay-key-second");
    expect(second.status).toBe(409);
    expect((await second.json()).error).toBe("this reservation is already paid (by a payment with another Idempotency-Key); nothing more was charged");
  });

  test("fails with 422 on an amount other than the reservation's, and 400 without a key or an amount", async () => {
    const reservation = await reserve(await newApartment());
    const wrong = await pay(reservation, "pay-key-0001", reservation.amount - 1);
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toEqual({
      error: `the amount ${reservation.amount - 1} is not what this reservation costs (${reservation.amount}); nothing was charged, pay the amount shown on the reservation`,
      details: [{ field: "amount", message: `must be ${reservation.amount}`, received: reservation.amount - 1 }],
    });
    expect(await store.getReservation(reservation.id)).toMatchObject({ status: "pending" });
    const noKey = await post("/api/reservation/payment", { amount: reservation.amount }, byId(reservation.id, { "Content-Type": "application/json" }));
    expect(noKey.status).toBe(400);
    expect((await noKey.json()).details).toEqual([{ field: "Idempotency-Key", message: expect.stringContaining("a key you choose for this payment") }]);
    const noAmount = await post("/api/reservation/payment", {}, byId(reservation.id, { "Content-Type": "application/json", "Idempotency-Key": "pay-key-0001" }));
    expect(noAmount.status).toBe(400);
    expect((await noAmount.json()).details).toEqual([{ field: "amount", message: "is required: the amount shown on the reservation" }]);
  });

  test("fails with 409 once the deadline has passed, even before the workflow expired it", async () => {
    const reservation = await reserve(await newApartment());
    now = new Date(START.getTime() + WINDOW_SECONDS * 1000);
    const response = await pay(reservation);
    expect(response.status).toBe(409);
    expect(await response.json()).toEqual({
      error: "this reservation can no longer be paid: its payment deadline 2030-06-01T12:02:00.000Z has passed and its nights are being released; make a new reservation",
      details: [],
    });
    expect(await store.getReservation(reservation.id)).toMatchObject({ status: "pending" });
  });

  test("fails with 409 on a reservation the workflow expired", async () => {
    const reservation = await reserve(await newApartment());
    await workflowSets(reservation.id, "expired");
    const response = await pay(reservation);
    expect(response.status).toBe(409);
    // Before its deadline (the workflow's error path expires early): the answer must not claim the deadline passed.
    expect((await response.json()).error).toBe("this reservation can no longer be paid: it has expired and its nights are released; make a new reservation");
    expect(await store.getReservation(reservation.id)).toMatchObject({ status: "expired" });
  });

  test("fails with 404 on an unknown reservation", async () => {
    const response = await post("/api/reservation/payment", { amount: 1 }, byId("0b7e3f7a-1c2d-4e5f-8a9b-0c1d2e3f4a5b", { "Content-Type": "application/json", "Idempotency-Key": "pay-key-0001" }));
    expect(response.status).toBe(404);
  });
});

describe("hold limit per e-mail", () => {
  const request = (apartmentId: string, email: string) =>
    ({ method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ apartmentId, guestName: "Hoarder", email, ...STAY }) });

  test("fails the (N+1)th pending hold of one e-mail with 429 and a clear error; paying one frees a slot", async () => {
    const app = api({ maxHoldsPerEmail: 2 });
    const email = "Hoarder@Example.com";
    const first = await app.request("/api/reservations", request(await newApartment(), email));
    const second = await app.request("/api/reservations", request(await newApartment(), email.toLowerCase()));
    expect([first.status, second.status]).toEqual([201, 201]);
    const third = await app.request("/api/reservations", request(await newApartment(), email));
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toBe(String(WINDOW_SECONDS));
    expect(await third.json()).toEqual({
      error: `${email} already holds 2 unpaid reservations, the most one guest may hold at once; pay or let one expire, then reserve again`,
      details: [{ field: "email", message: "has 2 unpaid reservations already" }],
    });
    await pay((await first.json()) as Reservation);
    expect((await app.request("/api/reservations", request(await newApartment(), email))).status).toBe(201);
  });

  test("of 10 concurrent reservations of one e-mail at most N win (race-safe), the rest get 429", async () => {
    const app = api({ maxHoldsPerEmail: 3 });
    const apartments = await Promise.all(Array.from({ length: 10 }, () => newApartment()));
    const responses = await Promise.all(apartments.map((a) => app.request("/api/reservations", request(a, "racer@example.com"))));
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, ...Array(7).fill(429)]);
  });
});

describe("guest input hygiene", () => {
  const reserveAs = async (guestName: string, email = "ada@example.com") =>
    post("/api/reservations", { apartmentId: await newApartment(), guestName, email, ...STAY });

  test.each([
    ["a NUL", "Ada\u0000Lovelace", "must be on one line"],
    ["a line break", "Ada\r\nLovelace", "must be on one line"],
    ["an escape sequence", "Ada\u001b[31mLovelace", "must be on one line"],
    ["a bidi override", "Ada \u202Eecalevol", "text-direction control characters"],
    ["only zero-width characters", "\u200B\u200C\u200D\uFEFF", "must contain visible letters"],
    ["101 characters", "é".repeat(101), "must be at most 100 characters (this one has 101)"],
  ])("fails a guest name with %s, in words a guest understands", async (_what, guestName, message) => {
    const response = await reserveAs(guestName);
    expect(response.status).toBe(400);
    expect((await response.json()).details).toEqual([expect.objectContaining({ field: "guestName", message: expect.stringContaining(message) })]);
  });

  test("counts characters as a reader does: 100 accented or emoji characters are accepted", async () => {
    expect((await reserveAs("e\u0301".repeat(100))).status).toBe(201);
    expect((await reserveAs("👩‍👩‍👧".repeat(100))).status).toBe(201);
  });

  test("fails an e-mail whose local part is over 64 characters", async () => {
    const response = await reserveAs("Ada Lovelace", `${"a".repeat(65)}@example.com`);
    expect(response.status).toBe(400);
    expect((await response.json()).details).toEqual([expect.objectContaining({ field: "email", message: 'must have at most 64 characters before the "@", e.g. "ada@example.com"' })]);
  });
});

describe("dependencies and the front door", () => {
  test("readiness reports each dependency", async () => {
    const ready = await api({ workflow: { ...workflow, ready: async () => undefined } }).request("/api/ready");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", dependencies: { DynamoDB: "ok", "Step Functions": "ok" } });
  });

  test("fails every route with 403 and a JSON error when the origin proof is enforced and missing", async () => {
    const { staticOriginVerifier } = await import("../../app/api/origin-verify");
    const app = api({ originVerify: staticOriginVerifier("the-secret-value") });
    const direct = await app.request("/api/health");
    expect(direct.status).toBe(403);
    expect(await direct.json()).toEqual({ error: expect.stringContaining("only through the web site's address (CloudFront)"), details: [] });
    expect((await app.request("/api/health", { headers: { "X-Origin-Verify": "the-secret-value" } })).status).toBe(200);
    // The placeholder the distribution is created with is never accepted.
    expect((await api({ originVerify: staticOriginVerifier("not-yet-rotated") }).request("/api/health", { headers: { "X-Origin-Verify": "not-yet-rotated" } })).status).toBe(403);
  });
});

describe("errors", () => {
  test("fails with a JSON 404 on an unknown route", async () => {
    const response = await api().request("/api/bookings");
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: "no route GET /api/bookings; the API serves /api/apartments, /api/apartments/:id, /api/apartments/:id/availability, /api/reservations, /api/reservation, /api/reservation/payment, /api/health and /api/ready", details: [] });
  });

  test("fails with a generic 500 that leaks no internals, and logs the cause", async () => {
    // An error nothing expects: DynamoDB refusing the request itself (a ValidationException, here a
    // table name the API never uses), not being unavailable.
    const broken = new BookingStore(local.client, { apartments: "no such table!", reservations: "no such table!", nights: "no such table!" });
    const response = await api({ store: broken }).request("/api/apartments");
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: expect.stringMatching(/^internal error [0-9a-f-]{36}; it was logged, try again later$/), details: [] });
    expect(text).not.toMatch(/Validation|no such table|at .*\.ts/);
    expect(logs).toEqual([expect.objectContaining({ level: "error", message: "request failed", method: "GET", route: "/api/apartments", error: expect.objectContaining({ name: "ValidationException" }) })]);
    expect(text).toContain(logs[0].errorId as string);
  });

  test("a table that is not there (deleted, or not deployed yet) is DynamoDB unavailable: 503 with a reason, not a 500", async () => {
    const missing = new BookingStore(local.client, { apartments: "no-such-table", reservations: "no-such-table", nights: "no-such-table" });
    const response = await api({ store: missing }).request("/api/apartments");
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toMatchObject({ unavailable: "DynamoDB", error: expect.stringMatching(/^DynamoDB is unavailable right now \(ResourceNotFoundException\)/) });
  });
});
