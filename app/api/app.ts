import { randomUUID } from "node:crypto";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ZodType } from "zod";
import { securityHeaders } from "../http/security-headers";
import { addDays, daysBetween, localDate, nightsOf } from "../dates";
import type { Apartment, ApartmentRecord, Availability, Reservation, WorkflowStarter } from "../model";
import { MAX_STAY_NIGHTS, nightKey } from "../tables";
import { ApiError, DependencyUnavailable, fieldErrors, NightsUnavailable, type ErrorBody, type FieldError } from "./errors";
import { ORIGIN_VERIFY_HEADER, type OriginVerifier } from "./origin-verify";
import {
  apartmentId,
  AVAILABILITY_DEFAULT_NIGHTS,
  AVAILABILITY_MAX_NIGHTS,
  availabilityQuery,
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKey,
  paymentRequest,
  RESERVATION_ID_HEADER,
  reservationId,
  reservationRequest,
  stayProblems,
  stayQuery,
} from "./requests";
import { reservationRef } from "./sfn-workflow";
import { describeError, requestObservability, routeTemplate, type Observability } from "./observability";
import type { BookingStore } from "./store";

/** Pending holds one e-mail address may have at once, unless the deployment says otherwise. */
export const DEFAULT_MAX_HOLDS_PER_EMAIL = 2;

/** Longest stay (nights) one reservation may book, unless the deployment says otherwise (config api.maxNights). */
export const DEFAULT_MAX_NIGHTS = 30;

/** ISO 4217 code of the prices, unless the deployment says otherwise (config api.currency). */
export const DEFAULT_CURRENCY = "EUR";

/** Largest request body accepted; a reservation request is well under 1 KB. */
export const MAX_BODY_BYTES = 16 * 1024;

/** A structured log line (one JSON object per line in CloudWatch Logs). */
export type LogEntry = { readonly level: "info" | "error"; readonly message: string } & Record<string, unknown>;

export interface ApiDeps {
  readonly store: BookingStore;
  /** Starts the booking workflow of a new reservation. */
  readonly workflow: WorkflowStarter;
  /** How long a new reservation holds its apartment. */
  readonly paymentWindowSeconds: number;
  /**
   * Pending (unpaid) reservations one e-mail address may hold at once; the next answers 429.
   * @default DEFAULT_MAX_HOLDS_PER_EMAIL
   */
  readonly maxHoldsPerEmail?: number;
  /**
   * Longest stay one reservation may book, in nights; at most MAX_STAY_NIGHTS (app/tables.ts).
   * @default DEFAULT_MAX_NIGHTS
   */
  readonly maxNights?: number;
  /**
   * ISO 4217 code of the apartments' prices.
   * @default DEFAULT_CURRENCY
   */
  readonly currency?: string;
  /**
   * Proof-of-origin check: requests that fail it get 403 (in AWS: the CloudFront origin header).
   * @default - no check (local development and tests)
   */
  readonly originVerify?: OriginVerifier;
  /**
   * The current time (tests move it to pass a payment deadline).
   * @default - the system clock
   */
  readonly clock?: () => Date;
  /**
   * Where errors are reported.
   * @default - one JSON line on stderr (CloudWatch Logs in Lambda)
   */
  readonly log?: (entry: LogEntry) => void;
  /**
   * Request lines, business metrics and traces (app/api/observability.ts); errors go to its logger.
   * @default - none: errors as JSON lines on stderr
   */
  readonly observability?: Observability;
}

/** The booking API under /api: the same app serves Lambda (app/api/lambda.ts) and Node (app/api/node-server.ts). */
export function createApi(deps: ApiDeps): Hono {
  const clock = deps.clock ?? (() => new Date());
  const { store, observability } = deps;
  const log =
    deps.log ??
    (observability
      ? ({ level, message, ...fields }: LogEntry) => observability.logger[level](message, fields)
      : (entry: LogEntry) => console.error(JSON.stringify(entry)));
  const maxHolds = deps.maxHoldsPerEmail ?? DEFAULT_MAX_HOLDS_PER_EMAIL;
  const maxNights = deps.maxNights ?? DEFAULT_MAX_NIGHTS;
  const currency = deps.currency ?? DEFAULT_CURRENCY;
  if (!Number.isInteger(maxNights) || maxNights < 1 || maxNights > MAX_STAY_NIGHTS) {
    throw new Error(`createApi: maxNights ${maxNights} must be a whole number from 1 to ${MAX_STAY_NIGHTS} (one DynamoDB transaction of at most 100 items holds a stay's nights, the reservation and the guest's hold), e.g. 30`);
  }
  /** The apartment's calendar date now: what "today" and "in the past" mean for it. */
  const todayAt = (apartment: ApartmentRecord) => localDate(clock(), apartment.timeZone || "UTC");
  const api = new Hono().basePath("/api");
  if (observability) api.use(requestObservability(observability));

  // Answers are per guest and change by the second: no cache (CloudFront included) may keep them.
  api.use(securityHeaders());
  if (deps.originVerify) {
    const verifier = deps.originVerify;
    api.use(async (c, next) => {
      if (!(await verifier.verify(c.req.header(ORIGIN_VERIFY_HEADER)))) {
        return c.json<ErrorBody>({ error: "this API is served only through the web site's address (CloudFront); call https://<site domain>/api/...", details: [] }, 403);
      }
      return next();
    });
  }
  api.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, `request body is larger than ${MAX_BODY_BYTES} bytes; a reservation or a payment needs under 1 KB`);
      },
    }),
  );

  /** Liveness: the function runs. It calls no dependency, so an outage does not restart healthy code. */
  api.get("/health", (c) => c.json({ status: "ok" }));

  /** Readiness: each dependency answers; 503 naming the unavailable ones otherwise. */
  api.get("/ready", async (c) => {
    const check = async (name: string, probe: (() => Promise<void>) | undefined) => {
      if (!probe) return [name, "not checked"] as const;
      try {
        await probe();
        return [name, "ok"] as const;
      } catch (error) {
        return [name, error instanceof DependencyUnavailable ? "unavailable" : "error"] as const;
      }
    };
    const dependencies = Object.fromEntries(await Promise.all([
      check("DynamoDB", () => store.ready()),
      check("Step Functions", deps.workflow.ready?.bind(deps.workflow)),
    ]));
    const down = Object.entries(dependencies).filter(([, state]) => state !== "ok" && state !== "not checked").map(([name]) => name);
    if (down.length > 0) c.header("Retry-After", "5");
    return c.json({ status: down.length > 0 ? "unavailable" : "ready", dependencies, ...(down.length > 0 ? { unavailable: down.join(", ") } : {}) }, down.length > 0 ? 503 : 200);
  });

  /**
   * The apartments as shown for a stay: the one asked (checkIn/checkOut), or tonight at each
   * apartment. 400 for a malformed or too long stay, or one in the past at every apartment asked.
   */
  const showApartments = async (c: Context, apartments: readonly ApartmentRecord[]): Promise<Apartment[]> => {
    const query = parse(stayQuery, { checkIn: c.req.query("checkIn"), checkOut: c.req.query("checkOut") }, undefined, "invalid stay");
    const asked = query.checkIn !== undefined ? { checkIn: query.checkIn, checkOut: query.checkOut ?? addDays(query.checkIn, 1) } : undefined;
    if (asked) badStay(stayProblems(asked, { maxNights }));
    const stays = apartments.map((apartment) => {
      const today = todayAt(apartment);
      const stay = asked ?? { checkIn: today, checkOut: addDays(today, 1) };
      return { apartment, today, stay, past: stay.checkIn < today };
    });
    if (asked && stays.length > 0 && stays.every((s) => s.past)) {
      const { today, apartment } = stays[0];
      badStay(stayProblems(asked, { maxNights, today, timeZone: apartment.timeZone }));
    }
    const held = await store.heldNights(stays.flatMap(({ apartment, stay, past }) => (past ? [] : nightsOf(stay.checkIn, stay.checkOut).map((date) => ({ apartmentId: apartment.id, date })))));
    return stays.map(({ apartment, stay, past }) => ({
      ...publicApartment(apartment, currency),
      available: !past && nightsOf(stay.checkIn, stay.checkOut).every((date) => !held.has(nightKey(apartment.id, date))),
      checkIn: stay.checkIn,
      checkOut: stay.checkOut,
    }));
  };

  const existingApartment = async (c: Context): Promise<ApartmentRecord> => {
    const id = parse(apartmentId, c.req.param("id"), "id", "invalid apartment id");
    const apartment = await store.getApartment(id);
    if (!apartment) throw new ApiError(404, `apartment "${id}" does not exist; GET /api/apartments lists them`);
    return apartment;
  };

  api.get("/apartments", async (c) => c.json(await showApartments(c, await store.listApartments())));

  api.get("/apartments/:id", async (c) => c.json((await showApartments(c, [await existingApartment(c)]))[0]));

  api.get("/apartments/:id/availability", async (c) => {
    const apartment = await existingApartment(c);
    const query = parse(availabilityQuery, { from: c.req.query("from"), to: c.req.query("to") }, undefined, "invalid availability range");
    const today = todayAt(apartment);
    const from = query.from ?? today;
    const to = query.to ?? addDays(from, AVAILABILITY_DEFAULT_NIGHTS);
    const length = daysBetween(from, to);
    if (length < 1) badStay([{ field: "to", message: `must be after from (${from}): "to" is the day after the last night to show, e.g. "${addDays(from, AVAILABILITY_DEFAULT_NIGHTS)}"`, received: to }], "invalid availability range");
    if (length > AVAILABILITY_MAX_NIGHTS) {
      badStay([{ field: "to", message: `asks for ${length} nights, more than the ${AVAILABILITY_MAX_NIGHTS} one request answers; choose a "to" no later than "${addDays(from, AVAILABILITY_MAX_NIGHTS)}" and ask again from there`, received: to }], "invalid availability range");
    }
    const dates = nightsOf(from, to);
    const held = await store.heldNights(dates.filter((date) => date >= today).map((date) => ({ apartmentId: apartment.id, date })));
    const body: Availability = {
      apartmentId: apartment.id,
      from,
      to,
      nights: dates.map((date) => ({ date, available: date >= today && !held.has(nightKey(apartment.id, date)) })),
    };
    return c.json(body);
  });

  api.post("/reservations", async (c) => {
    const request = parse(reservationRequest, await jsonBody(c), undefined, "invalid reservation request");
    const now = clock();
    const apartment = await store.getApartment(request.apartmentId);
    if (!apartment) {
      throw new ApiError(404, `apartment "${request.apartmentId}" does not exist; GET /api/apartments lists them`, [
        { field: "apartmentId", message: "must be the id of an existing apartment", received: request.apartmentId },
      ]);
    }
    const today = todayAt(apartment);
    badStay(stayProblems(request, { maxNights, today, timeZone: apartment.timeZone }), "invalid reservation request");
    const nights = daysBetween(request.checkIn, request.checkOut);
    const totalPrice = nights * apartment.pricePerNight;
    const reservation: Reservation = {
      id: randomUUID(),
      status: "pending",
      apartmentId: apartment.id,
      apartmentName: apartment.name,
      guestName: request.guestName,
      email: request.email,
      checkIn: request.checkIn,
      checkOut: request.checkOut,
      nights,
      pricePerNight: apartment.pricePerNight,
      totalPrice,
      currency,
      amount: totalPrice,
      paymentDeadline: new Date(now.getTime() + deps.paymentWindowSeconds * 1000).toISOString(),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    let outcome: Awaited<ReturnType<BookingStore["reserve"]>>;
    try {
      outcome = await store.reserve(reservation, maxHolds);
    } catch (error) {
      if (!(error instanceof DependencyUnavailable)) throw error;
      // A timeout can come after DynamoDB committed the write: free what it may hold now, or the
      // hold sweeper does at the payment deadline (the reservation has no workflow execution).
      await releaseUnstarted(reservation, error, "the reservation write did not answer");
      throw new DependencyUnavailable(error.dependency, error.underlying, `if the booking was saved before the answer was lost, it was released again or lapses by itself by ${reservation.paymentDeadline}`);
    }
    if (!outcome.reserved && outcome.holdLimit) {
      throw new ApiError(429, `${request.email} already holds ${maxHolds} unpaid reservation${maxHolds === 1 ? "" : "s"}, the most one guest may hold at once; pay or let one expire, then reserve again`, [
        { field: "email", message: `has ${maxHolds} unpaid reservations already` },
      ], { "Retry-After": String(deps.paymentWindowSeconds) });
    }
    if (!outcome.reserved) {
      const taken = outcome.unavailableNights;
      throw new NightsUnavailable(
        `apartment "${apartment.id}" is already booked for ${taken.length === nights ? (nights === 1 ? "that night" : `all ${nights} nights`) : `${taken.length} of the ${nights} nights`} (${taken.join(", ")}); choose other dates: GET /api/apartments/${apartment.id}/availability shows the free nights`,
        taken,
      );
    }
    try {
      await deps.workflow.start({
        reservationId: reservation.id,
        apartmentId: reservation.apartmentId,
        paymentDeadline: reservation.paymentDeadline,
        checkIn: reservation.checkIn,
        checkOut: reservation.checkOut,
      });
    } catch (error) {
      // The sweeper (app/api/sweeper.ts) releases it if this release fails too.
      await releaseUnstarted(reservation, error, "booking workflow did not start");
      throw new ApiError(503, "the booking workflow could not be started, so nothing was reserved; try again in a moment", [], { "Retry-After": "5" });
    }
    // The id is the guest's credential: read it back with the X-Reservation-Id header, never in a URL.
    c.header("Location", "/api/reservation");
    return c.json(reservation, 201);
  });

  api.get("/reservation", async (c) => {
    const id = reservationIdHeader(c);
    const reservation = await store.getReservation(id);
    if (!reservation) throw new ApiError(404, `no reservation has the id in the ${RESERVATION_ID_HEADER} header; check it against the one you received`);
    return c.json(reservation);
  });

  api.post("/reservation/payment", async (c) => {
    const id = reservationIdHeader(c);
    const key = parse(idempotencyKey, c.req.header(IDEMPOTENCY_KEY_HEADER), IDEMPOTENCY_KEY_HEADER, "missing or invalid idempotency key");
    const { amount } = parse(paymentRequest, await jsonBody(c, '{"amount": 120}'), undefined, "invalid payment");
    const outcome = await store.pay(id, { amount, key }, clock());
    if (outcome.result === "not-found") throw new ApiError(404, `no reservation has the id in the ${RESERVATION_ID_HEADER} header; check it against the one you received`);
    if (outcome.result === "amount-mismatch") {
      throw new ApiError(422, `the amount ${amount} is not what this reservation costs (${outcome.reservation.amount}); nothing was charged, pay the amount shown on the reservation`, [
        { field: "amount", message: `must be ${outcome.reservation.amount}`, received: amount },
      ]);
    }
    if (outcome.result === "other-key") {
      throw new ApiError(409, `this reservation is already paid (by a payment with another ${IDEMPOTENCY_KEY_HEADER}); nothing more was charged`);
    }
    if (outcome.result === "too-late") {
      // Expired early too: the API's rollback and the workflow's error path expire before the deadline.
      const why = outcome.reservation.status === "expired"
        ? "it has expired and its nights are released"
        : `its payment deadline ${outcome.reservation.paymentDeadline} has passed and its nights are being released`;
      throw new ApiError(409, `this reservation can no longer be paid: ${why}; make a new reservation`);
    }
    return c.json(outcome.reservation);
  });

  api.notFound((c) => {
    const hint = c.req.path.startsWith("/api/reservations/")
      ? ` (a reservation is read with GET /api/reservation and paid with POST /api/reservation/payment, its id in the ${RESERVATION_ID_HEADER} header, never in the URL)`
      : "";
    return c.json<ErrorBody>({ error: `no route ${c.req.method} ${hint ? "/api/reservations/..." : c.req.path}; the API serves /api/apartments, /api/apartments/:id, /api/apartments/:id/availability, /api/reservations, /api/reservation, /api/reservation/payment, /api/health and /api/ready${hint}`, details: [] }, 404);
  });

  api.onError((error, c) => {
    if (error instanceof ApiError) {
      for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
      if (error instanceof DependencyUnavailable) log({ level: "error", message: "dependency unavailable", dependency: error.dependency, method: c.req.method, route: routeTemplate(c) });
      return c.json(error.body, error.status);
    }
    const errorId = randomUUID();
    // The route template, not the path: a path can hold a reservation id.
    log({ level: "error", message: "request failed", errorId, method: c.req.method, route: routeTemplate(c), error: describeError(error) });
    return c.json<ErrorBody>({ error: `internal error ${errorId}; it was logged, try again later`, details: [] }, 500);
  });

  /** Undoes a reservation whose workflow did not start (or may not exist), so it cannot hold its nights forever. */
  async function releaseUnstarted(reservation: Reservation, cause: unknown, why: string): Promise<void> {
    // No reservation id: it is the bearer secret to the guest's details; a one-way reference instead.
    const context = { reservation: reservationRef(reservation.id), apartmentId: reservation.apartmentId, cause: describeError(cause) };
    try {
      await store.release(reservation, clock());
      log({ level: "error", message: `${why}; reservation released`, ...context });
    } catch (releaseError) {
      log({
        level: "error",
        message: `${why} and releasing the reservation failed (or it was never written): the hold sweeper releases its nights after the deadline`,
        ...context,
        releaseError: describeError(releaseError),
      });
    }
  }

  return api;
}

/** What anyone may see of an apartment: its description and price, not what the table also keeps. */
function publicApartment(apartment: ApartmentRecord, currency: string): Omit<Apartment, "available" | "checkIn" | "checkOut"> {
  const { id, name, description, bedrooms, pricePerNight, timeZone } = apartment;
  return { id, name, description, bedrooms, pricePerNight, currency, timeZone: timeZone || "UTC" };
}

/** 400 listing what is wrong with the dates, when anything is. */
function badStay(problems: readonly FieldError[], error = "invalid stay"): void {
  if (problems.length === 0) return;
  throw new ApiError(400, `${error}: fix ${[...new Set(problems.map((d) => d.field))].join(", ")} (see details)`, problems);
}

function parse<T>(schema: ZodType<T>, input: unknown, field: string | undefined, error: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = fieldErrors(result.error, input).map((d) => (field ? { ...d, field } : d));
  throw new ApiError(400, `${error}: fix ${[...new Set(details.map((d) => d.field))].join(", ")} (see details)`, details);
}

/** The reservation id from its header (the bearer credential never travels in a URL). */
function reservationIdHeader(c: Context): string {
  return parse(reservationId, c.req.header(RESERVATION_ID_HEADER), RESERVATION_ID_HEADER, `missing or invalid ${RESERVATION_ID_HEADER} header`);
}

/** The request body as JSON; JSON only, which also keeps cross-site HTML forms from posting here. */
async function jsonBody(c: Context, example = '{"apartmentId": "...", "guestName": "...", "email": "...", "checkIn": "YYYY-MM-DD", "checkOut": "YYYY-MM-DD"}'): Promise<unknown> {
  const type = c.req.header("Content-Type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, `request body must be JSON: send the header "Content-Type: application/json" (received ${type ? `"${type}"` : "none"})`);
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "request body is not valid JSON", [
      { field: "body", message: `must be a JSON object: ${example}` },
    ]);
  }
}
