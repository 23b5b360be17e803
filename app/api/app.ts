import { randomUUID } from "node:crypto";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ZodType } from "zod";
import { securityHeaders } from "../http/security-headers";
import type { Apartment, Reservation, WorkflowStarter } from "../model";
import { ApiError, DependencyUnavailable, fieldErrors, type ErrorBody } from "./errors";
import { ORIGIN_VERIFY_HEADER, type OriginVerifier } from "./origin-verify";
import {
  apartmentId,
  IDEMPOTENCY_KEY_HEADER,
  idempotencyKey,
  paymentRequest,
  RESERVATION_ID_HEADER,
  reservationId,
  reservationRequest,
} from "./requests";
import { reservationRef } from "./sfn-workflow";
import { describeError, requestObservability, routeTemplate, type Observability } from "./observability";
import type { BookingStore } from "./store";

/** Pending holds one e-mail address may have at once, unless the deployment says otherwise. */
export const DEFAULT_MAX_HOLDS_PER_EMAIL = 2;

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
        throw new ApiError(413, `request body is larger than ${MAX_BODY_BYTES} bytes; a reservation request needs under 1 KB`);
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

  api.get("/apartments", async (c) => c.json((await store.listApartments()).map(publicApartment)));

  api.get("/apartments/:id", async (c) => {
    const id = parse(apartmentId, c.req.param("id"), "id", "invalid apartment id");
    const apartment = await store.getApartment(id);
    if (!apartment) throw new ApiError(404, `apartment "${id}" does not exist; GET /api/apartments lists them`);
    return c.json(publicApartment(apartment));
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
    const reservation: Reservation = {
      id: randomUUID(),
      ...request,
      amount: apartment.pricePerNight,
      status: "pending",
      paymentDeadline: new Date(now.getTime() + deps.paymentWindowSeconds * 1000).toISOString(),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    const outcome = await store.reserve(reservation, maxHolds);
    if (!outcome.reserved && outcome.holdLimit) {
      throw new ApiError(429, `${request.email} already holds ${maxHolds} unpaid reservation${maxHolds === 1 ? "" : "s"}, the most one guest may hold at once; pay or let one expire, then reserve again`, [
        { field: "email", message: `has ${maxHolds} unpaid reservations already` },
      ], { "Retry-After": String(deps.paymentWindowSeconds) });
    }
    if (!outcome.reserved) {
      if (!outcome.apartment) {
        throw new ApiError(404, `apartment "${request.apartmentId}" does not exist; GET /api/apartments lists them`, [
          { field: "apartmentId", message: "must be the id of an existing apartment", received: request.apartmentId },
        ]);
      }
      const status = outcome.apartment.status;
      throw new ApiError(
        409,
        status === "vacant"
          ? `apartment "${request.apartmentId}" is being reserved by another request; try again`
          : `apartment "${request.apartmentId}" is ${status}, not vacant; choose a vacant apartment from GET /api/apartments`,
      );
    }
    try {
      await deps.workflow.start({ reservationId: reservation.id, apartmentId: reservation.apartmentId, paymentDeadline: reservation.paymentDeadline });
    } catch (error) {
      // The sweeper (app/api/sweeper.ts) releases it if this release fails too.
      await releaseUnstarted(reservation, error);
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
        ? "it has expired and the apartment is released"
        : `its payment deadline ${outcome.reservation.paymentDeadline} has passed and the apartment is being released`;
      throw new ApiError(409, `this reservation can no longer be paid: ${why}; make a new reservation`);
    }
    return c.json(outcome.reservation);
  });

  api.notFound((c) => {
    const hint = c.req.path.startsWith("/api/reservations/")
      ? ` (a reservation is read with GET /api/reservation and paid with POST /api/reservation/payment, its id in the ${RESERVATION_ID_HEADER} header, never in the URL)`
      : "";
    return c.json<ErrorBody>({ error: `no route ${c.req.method} ${hint ? "/api/reservations/..." : c.req.path}; the API serves /api/apartments, /api/reservations, /api/reservation and /api/health${hint}`, details: [] }, 404);
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

  /** Undoes a reservation whose workflow did not start, so it cannot hold the apartment forever. */
  async function releaseUnstarted(reservation: Reservation, cause: unknown): Promise<void> {
    // No reservation id: it is the bearer secret to the guest's details; a one-way reference instead.
    const context = { reservation: reservationRef(reservation.id), apartmentId: reservation.apartmentId, cause: describeError(cause) };
    try {
      await store.release(reservation, clock());
      log({ level: "error", message: "booking workflow did not start; reservation released", ...context });
    } catch (releaseError) {
      log({
        level: "error",
        message: "booking workflow did not start and releasing the reservation failed: the apartment stays reserved until released by hand",
        ...context,
        releaseError: describeError(releaseError),
      });
    }
  }

  return api;
}

/** What anyone may see of an apartment: not the reservation holding it (that id reads the guest's details). */
function publicApartment({ reservationId: _hidden, ...apartment }: Apartment): Omit<Apartment, "reservationId"> {
  return apartment;
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
async function jsonBody(c: Context, example = '{"apartmentId": "...", "guestName": "...", "email": "..."}'): Promise<unknown> {
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
