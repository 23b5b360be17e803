/**
 * The stay contract (docs/api.md, "Stays"): dates, nights, totals, availability, overlaps and races,
 * against the local DynamoDB server (dynalite behind app/local/transactions.ts).
 */
import { createApi, DEFAULT_MAX_NIGHTS } from "../../app/api/app";
import { BookingStore } from "../../app/api/store";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { LOCAL_AWS, startLocalDynamo, type LocalDynamo } from "../../app/local/dynamodb";
import type { Apartment, Availability, Reservation } from "../../app/model";
import { isTimeZone } from "../../app/dates";
import { demoApartments } from "../../app/seed-data";
import { LOCAL_TABLE_NAMES, MAX_STAY_NIGHTS } from "../../app/tables";
import { createLocalWorkflow, type Sleep } from "../../app/workflow/local-runner";

const START = new Date("2030-06-01T12:00:00.000Z");
const WINDOW_SECONDS = 120;

let local: LocalDynamo;
let store: BookingStore;
let now: Date;
let count = 0;

const noWorkflow = { start: async () => undefined };

function api(overrides: Partial<Parameters<typeof createApi>[0]> = {}) {
  return createApi({ store, workflow: noWorkflow, paymentWindowSeconds: WINDOW_SECONDS, maxHoldsPerEmail: 1000, clock: () => now, log: () => undefined, ...overrides });
}

const json = { "Content-Type": "application/json" };

function book(apartmentId: string, checkIn: string, checkOut: string, app = api(), guest = "ada") {
  return app.request("/api/reservations", { method: "POST", headers: json, body: JSON.stringify({ apartmentId, guestName: "Ada Lovelace", email: `${guest}@example.com`, checkIn, checkOut }) });
}

/** An apartment of this test's own, in Lisbon (the demo's first). */
async function newApartment(timeZone = "Europe/Lisbon"): Promise<string> {
  count += 1;
  const id = `apt-stay-${count}`;
  await store.addApartments([{ ...demoApartments(START.toISOString())[0], id, name: `Stay test ${count}`, timeZone }]);
  return id;
}

beforeAll(async () => {
  local = await startLocalDynamo();
  store = new BookingStore(local.client, LOCAL_TABLE_NAMES);
  await store.addApartments(demoApartments(START.toISOString()));
});
afterAll(() => local.stop());
beforeEach(() => {
  now = START;
});

describe("dates of a stay", () => {
  test.each([
    ["not a date", { checkIn: "next friday", checkOut: "2030-06-13" }, "checkIn", 'must be a real calendar date written as YYYY-MM-DD (the first night of the stay), e.g. "2026-12-10"'],
    ["a day that does not exist", { checkIn: "2030-06-10", checkOut: "2030-02-30" }, "checkOut", 'must be a real calendar date written as YYYY-MM-DD (the day of departure, after the last night), e.g. "2026-12-13"'],
    ["checkOut on checkIn", { checkIn: "2030-06-10", checkOut: "2030-06-10" }, "checkOut", 'must be after checkIn (2030-06-10): checkOut is the day of departure, so a one-night stay checks out the next day, e.g. "2030-06-11"'],
    ["checkOut before checkIn", { checkIn: "2030-06-10", checkOut: "2030-06-08" }, "checkOut", "must be after checkIn (2030-06-10)"],
    ["a stay in the past", { checkIn: "2030-05-31", checkOut: "2030-06-02" }, "checkIn", "is in the past: today is 2030-06-01 at the apartment (Europe/Lisbon); choose 2030-06-01 or a later date"],
    ["a stay longer than the maximum", { checkIn: "2030-06-10", checkOut: "2030-07-11" }, "checkOut", `makes a stay of 31 nights, more than the ${DEFAULT_MAX_NIGHTS} one reservation can hold; choose a checkOut no later than "2030-07-10" (and book the rest as a second stay)`],
  ])("fails POST /api/reservations with 400 on %s, naming the field, what is wrong and the fix", async (_what, stay, field, message) => {
    const apartmentId = await newApartment();
    const response = await book(apartmentId, stay.checkIn, stay.checkOut);
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body.error).toBe(`invalid reservation request: fix ${field} (see details)`);
    expect(body.details).toEqual([{ field, message: expect.stringContaining(message), received: stay[field as "checkIn" | "checkOut"] }]);
    expect(await store.heldNights([{ apartmentId, date: "2030-06-10" }])).toEqual(new Set());
  });

  test("a stay of exactly the maximum is accepted, and the maximum is the deployment's (config api.maxNights)", async () => {
    expect((await book(await newApartment(), "2030-06-01", "2030-07-01")).status).toBe(201);
    const short = api({ maxNights: 5 });
    const response = await book(await newApartment(), "2030-06-10", "2030-06-16", short);
    expect(response.status).toBe(400);
    expect((await response.json()).details[0].message).toContain("makes a stay of 6 nights, more than the 5 one reservation can hold");
  });

  test(`a stay of ${MAX_STAY_NIGHTS} nights, the most one transaction holds, books and its nights are all held`, async () => {
    const apartmentId = await newApartment();
    const response = await book(apartmentId, "2030-06-01", "2030-09-07", api({ maxNights: MAX_STAY_NIGHTS }));
    expect(response.status).toBe(201);
    expect((await response.json()).nights).toBe(MAX_STAY_NIGHTS);
    const held = await store.heldNights(Array.from({ length: MAX_STAY_NIGHTS }, (_, i) => ({ apartmentId, date: new Date(Date.UTC(2030, 5, 1 + i)).toISOString().slice(0, 10) })));
    expect(held.size).toBe(MAX_STAY_NIGHTS);
  });

  test("fails createApi on a maximum stay above what one transaction can hold", () => {
    expect(() => api({ maxNights: MAX_STAY_NIGHTS + 1 })).toThrow(`createApi: maxNights 99 must be a whole number from 1 to ${MAX_STAY_NIGHTS}`);
  });

  test("'today' is the apartment's local date: at 22:30 UTC it is already tomorrow in Madrid, not yet in Lisbon", async () => {
    now = new Date("2030-06-01T22:30:00.000Z");
    const lisbon = await newApartment("Europe/Lisbon");
    const madrid = await newApartment("Europe/Madrid");
    expect((await book(lisbon, "2030-06-01", "2030-06-02")).status).toBe(201);
    const response = await book(madrid, "2030-06-01", "2030-06-02");
    expect(response.status).toBe(400);
    expect((await response.json()).details).toEqual([expect.objectContaining({ field: "checkIn", message: expect.stringContaining("today is 2030-06-02 at the apartment (Europe/Madrid)") })]);
  });
});

describe("apartments' time zones", () => {
  test("every demo apartment has an IANA time zone", () => {
    for (const apartment of demoApartments()) expect([apartment.id, isTimeZone(apartment.timeZone)]).toEqual([apartment.id, true]);
  });

  test("fails to add an apartment whose time zone is not an IANA zone, writing nothing", async () => {
    await expect(store.addApartments([{ ...demoApartments()[0], id: "apt-nowhere-zone", timeZone: "Lisbon" }])).rejects.toThrow(
      'apartment "apt-nowhere-zone": timeZone "Lisbon" must be an IANA time zone, e.g. "Europe/Lisbon"',
    );
    expect(await store.getApartment("apt-nowhere-zone")).toBeUndefined();
  });
});

describe("overlaps", () => {
  test("a stay starting on another's checkout day does not overlap, nor one ending on another's checkIn", async () => {
    const apartmentId = await newApartment();
    expect((await book(apartmentId, "2030-06-10", "2030-06-13")).status).toBe(201);
    expect((await book(apartmentId, "2030-06-13", "2030-06-15")).status).toBe(201);
    expect((await book(apartmentId, "2030-06-08", "2030-06-10")).status).toBe(201);
    const overlapping = await book(apartmentId, "2030-06-09", "2030-06-14");
    expect(overlapping.status).toBe(409);
    expect((await overlapping.json()).unavailableNights).toEqual(["2030-06-09", "2030-06-10", "2030-06-11", "2030-06-12", "2030-06-13"]);
  });

  test("of 30 concurrent overlapping stays of one apartment exactly one gets 201, 29 get 409 naming nights of their own stay", async () => {
    const apartmentId = await newApartment();
    const app = api();
    // Different stays, all of them holding the nights 2030-06-10 .. 2030-06-12.
    const stays = Array.from({ length: 30 }, (_, i) => ({ checkIn: `2030-06-${String(10 - (i % 3)).padStart(2, "0")}`, checkOut: `2030-06-${13 + (i % 4)}` }));
    const responses = await Promise.all(stays.map((s, i) => book(apartmentId, s.checkIn, s.checkOut, app, `racer${i}`)));
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(29);
    const bodies = await Promise.all(responses.map((r) => r.json()));
    const winner = bodies[statuses.indexOf(201)] as Reservation;
    bodies.forEach((body, i) => {
      if (statuses[i] !== 409) return;
      expect(body.unavailableNights.length).toBeGreaterThan(0);
      for (const night of body.unavailableNights) expect(night >= stays[i].checkIn && night < stays[i].checkOut && night >= winner.checkIn && night < winner.checkOut).toBe(true);
    });
    // Only the winner's nights are held: the losers' transactions wrote nothing.
    const around = Array.from({ length: 12 }, (_, i) => ({ apartmentId, date: `2030-06-${String(6 + i).padStart(2, "0")}` }));
    expect([...(await store.heldNights(around))].sort()).toEqual(Array.from({ length: winner.nights }, (_, i) => `${apartmentId}#2030-06-${String(Number(winner.checkIn.slice(8)) + i).padStart(2, "0")}`));
  });

  test("10 back-to-back stays of one apartment, booked in parallel, all get 201", async () => {
    const apartmentId = await newApartment();
    const app = api();
    const responses = await Promise.all(Array.from({ length: 10 }, (_, i) => book(apartmentId, `2030-07-${String(1 + 2 * i).padStart(2, "0")}`, `2030-07-${String(3 + 2 * i).padStart(2, "0")}`, app, `guest${i}`)));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set((await Promise.all(responses.map((r) => r.json()))).map((r: Reservation) => r.id));
    expect(ids.size).toBe(10);
    const nights = Array.from({ length: 20 }, (_, i) => ({ apartmentId, date: `2030-07-${String(1 + i).padStart(2, "0")}` }));
    expect((await store.heldNights(nights)).size).toBe(20);
  });
});

describe("a transaction that lost only to a concurrent one (TransactionConflict)", () => {
  /** A store whose first `conflicts` reservation transactions are cancelled as DynamoDB cancels a conflict. */
  function conflictingStore(conflicts: number) {
    const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: local.endpoint });
    let left = conflicts;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (/TransactWrite/.test(String(context.commandName)) && left > 0) {
          left -= 1;
          const items = (args.input as { TransactItems: unknown[] }).TransactItems;
          throw Object.assign(new Error("Transaction cancelled, please refer cancellation reasons for specific reasons"), {
            name: "TransactionCanceledException",
            // [reservation, guest hold, night 1, night 2]: the reservation and the first night contested; nothing written.
            CancellationReasons: items.map((_, i) => ({ Code: i === 0 || i === 2 ? "TransactionConflict" : "None" })),
          });
        }
        return next(args);
      },
      { step: "initialize", name: "injectConflict" },
    );
    return { store: new BookingStore(client, LOCAL_TABLE_NAMES), client, left: () => left };
  }

  test("is tried again, and books when the other transaction is gone", async () => {
    const conflicted = conflictingStore(2);
    try {
      const response = await book(await newApartment(), "2030-06-10", "2030-06-12", api({ store: conflicted.store }));
      expect(response.status).toBe(201);
      expect(conflicted.left()).toBe(0);
    } finally {
      conflicted.client.destroy();
    }
  });

  test("fails with 409 naming the contested nights when it keeps conflicting", async () => {
    const conflicted = conflictingStore(10);
    try {
      const apartmentId = await newApartment();
      const response = await book(apartmentId, "2030-06-10", "2030-06-12", api({ store: conflicted.store }));
      expect(response.status).toBe(409);
      expect((await response.json()).unavailableNights).toEqual(["2030-06-10"]);
      expect(10 - conflicted.left()).toBe(3);
      expect(await store.heldNights([{ apartmentId, date: "2030-06-10" }])).toEqual(new Set());
    } finally {
      conflicted.client.destroy();
    }
  });
});

describe("GET /api/apartments/:id/availability", () => {
  test("answers one entry per night from <= date < to: held nights and past nights unavailable", async () => {
    const apartmentId = await newApartment();
    await book(apartmentId, "2030-06-02", "2030-06-04");
    const response = await api().request(`/api/apartments/${apartmentId}/availability?from=2030-05-31&to=2030-06-05`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      apartmentId, from: "2030-05-31", to: "2030-06-05",
      nights: [
        { date: "2030-05-31", available: false },
        { date: "2030-06-01", available: true },
        { date: "2030-06-02", available: false },
        { date: "2030-06-03", available: false },
        { date: "2030-06-04", available: true },
      ],
    } satisfies Availability);
  });

  test("defaults to 28 nights from the apartment's today", async () => {
    const body = (await (await api().request("/api/apartments/apt-harbour-view/availability")).json()) as Availability;
    expect([body.from, body.to, body.nights.length]).toEqual(["2030-06-01", "2030-06-29", 28]);
    expect(body.nights[0]).toEqual({ date: "2030-06-01", available: true });
  });

  test("answers 92 nights, and fails with 400 naming `to` beyond that or before `from`", async () => {
    expect(((await (await api().request("/api/apartments/apt-harbour-view/availability?from=2030-06-01&to=2030-09-01")).json()) as Availability).nights).toHaveLength(92);
    const tooLong = await api().request("/api/apartments/apt-harbour-view/availability?from=2030-06-01&to=2030-09-02");
    expect(tooLong.status).toBe(400);
    expect((await tooLong.json()).details).toEqual([{ field: "to", message: 'asks for 93 nights, more than the 92 one request answers; choose a "to" no later than "2030-09-01" and ask again from there', received: "2030-09-02" }]);
    const backwards = await api().request("/api/apartments/apt-harbour-view/availability?from=2030-06-10&to=2030-06-10");
    expect(backwards.status).toBe(400);
    expect((await backwards.json()).details).toEqual([expect.objectContaining({ field: "to", message: expect.stringContaining("must be after from (2030-06-10)") })]);
  });

  test("fails with 400 naming `from` when it is not a date, and 404 on an unknown apartment", async () => {
    const bad = await api().request("/api/apartments/apt-harbour-view/availability?from=June");
    expect(bad.status).toBe(400);
    expect((await bad.json()).details).toEqual([expect.objectContaining({ field: "from", received: "June" })]);
    expect((await api().request("/api/apartments/apt-nowhere/availability")).status).toBe(404);
  });
});

describe("GET /api/apartments for dates", () => {
  test("shows each apartment available or not for the asked stay", async () => {
    const apartmentId = await newApartment();
    await book(apartmentId, "2030-08-10", "2030-08-12");
    const list = (await (await api().request("/api/apartments?checkIn=2030-08-11&checkOut=2030-08-14")).json()) as Apartment[];
    expect(list.find((a) => a.id === apartmentId)).toMatchObject({ available: false, checkIn: "2030-08-11", checkOut: "2030-08-14" });
    expect(list.find((a) => a.id === "apt-harbour-view")).toMatchObject({ available: true, checkIn: "2030-08-11", checkOut: "2030-08-14" });
    const after = (await (await api().request(`/api/apartments/${apartmentId}?checkIn=2030-08-12&checkOut=2030-08-14`)).json()) as Apartment;
    expect(after.available).toBe(true);
  });

  test("a checkIn alone asks for one night", async () => {
    const one = (await (await api().request("/api/apartments/apt-old-town?checkIn=2030-08-20")).json()) as Apartment;
    expect([one.checkIn, one.checkOut]).toEqual(["2030-08-20", "2030-08-21"]);
  });

  test("fails with 400 naming checkIn on a checkOut alone, on a stay in the past, and naming checkOut on a backwards stay", async () => {
    const alone = await api().request("/api/apartments?checkOut=2030-08-14");
    expect(alone.status).toBe(400);
    expect((await alone.json()).details).toEqual([expect.objectContaining({ field: "checkIn", message: expect.stringContaining("is required with checkOut") })]);
    const past = await api().request("/api/apartments/apt-old-town?checkIn=2030-05-01&checkOut=2030-05-03");
    expect(past.status).toBe(400);
    expect((await past.json()).details).toEqual([expect.objectContaining({ field: "checkIn", message: expect.stringContaining("is in the past") })]);
    const backwards = await api().request("/api/apartments?checkIn=2030-08-14&checkOut=2030-08-13");
    expect(backwards.status).toBe(400);
    expect((await backwards.json()).details).toEqual([expect.objectContaining({ field: "checkOut" })]);
  });
});

describe("with the booking workflow", () => {
  test("an expired stay frees its nights, which can then be booked again", async () => {
    let time = START.getTime();
    const clock = () => new Date(time);
    // Virtual time: every wait of the workflow moves the clock instead of waiting.
    const sleep: Sleep = async (ms) => {
      time += ms;
    };
    const workflow = createLocalWorkflow({ client: local.client, tables: LOCAL_TABLE_NAMES, pollSeconds: 5, now: clock, sleep, onExecutionEnd: () => undefined });
    try {
      const app = api({ workflow, clock });
      const apartmentId = await newApartment();
      const response = await book(apartmentId, "2030-06-10", "2030-06-13", app);
      expect(response.status).toBe(201);
      const { id } = (await response.json()) as Reservation;
      expect((await book(apartmentId, "2030-06-12", "2030-06-14", app, "grace")).status).toBe(409);
      const result = await workflow.result(id);
      expect(result.status).toBe("SUCCEEDED");
      expect(result.states.slice(-3)).toEqual(["Expire reservation", "Release nights", "Released"]);
      expect(await store.getReservation(id)).toMatchObject({ status: "expired" });
      expect(await store.heldNights(["2030-06-10", "2030-06-11", "2030-06-12"].map((date) => ({ apartmentId, date })))).toEqual(new Set());
      expect((await book(apartmentId, "2030-06-12", "2030-06-14", api({ clock }), "grace")).status).toBe(201);
    } finally {
      await workflow.stop();
    }
  });
});
