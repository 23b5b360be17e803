import { randomUUID } from "node:crypto";
import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ZodType } from "zod";
import type { Apartment, Reservation, WorkflowStarter } from "../model";
import { ApiError, fieldErrors, type ErrorBody } from "./errors";
import { describeError, requestObservability, routeTemplate, type Observability } from "./observability";
import { apartmentId, reservationId, reservationRequest } from "./requests";
import type { BookingStore } from "./store";

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
  const api = new Hono().basePath("/api");
  if (observability) api.use(requestObservability(observability));

  api.use(async (c, next) => {
    await next();
    // Answers are per guest and change by the second: no cache (CloudFront included) may keep them.
    c.header("Cache-Control", "no-store");
    c.header("X-Content-Type-Options", "nosniff");
  });
  api.use(
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, `request body is larger than ${MAX_BODY_BYTES} bytes; a reservation request needs under 1 KB`);
      },
    }),
  );

  api.get("/health", (c) => c.json({ status: "ok" }));

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
    const reservation: Reservation = {
      id: randomUUID(),
      ...request,
      status: "pending",
      paymentDeadline: new Date(now.getTime() + deps.paymentWindowSeconds * 1000).toISOString(),
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    const outcome = await store.reserve(reservation);
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
      await releaseUnstarted(reservation, error);
      throw new ApiError(503, "the booking workflow could not be started, so nothing was reserved; try again in a moment");
    }
    c.header("Location", `/api/reservations/${reservation.id}`);
    return c.json(reservation, 201);
  });

  api.get("/reservations/:id", async (c) => {
    const id = parse(reservationId, c.req.param("id"), "id", "invalid reservation id");
    const reservation = await store.getReservation(id);
    if (!reservation) throw new ApiError(404, `reservation "${id}" does not exist`);
    return c.json(reservation);
  });

  api.post("/reservations/:id/payment", async (c) => {
    const id = parse(reservationId, c.req.param("id"), "id", "invalid reservation id");
    const outcome = await store.pay(id, clock());
    if (outcome.result === "not-found") throw new ApiError(404, `reservation "${id}" does not exist`);
    if (outcome.result === "too-late") {
      // Expired early too: the API's rollback and the workflow's error path expire before the deadline.
      const why = outcome.reservation.status === "expired"
        ? "it has expired and the apartment is released"
        : `its payment deadline ${outcome.reservation.paymentDeadline} has passed and the apartment is being released`;
      throw new ApiError(409, `reservation "${id}" can no longer be paid: ${why}; make a new reservation`);
    }
    return c.json(outcome.reservation);
  });

  api.notFound((c) => c.json<ErrorBody>({ error: `no route ${c.req.method} ${c.req.path}; the API serves /api/apartments, /api/reservations and /api/health`, details: [] }, 404));

  api.onError((error, c) => {
    if (error instanceof ApiError) return c.json(error.body, error.status);
    const errorId = randomUUID();
    // The route template, not the path: a path can hold a reservation id.
    log({ level: "error", message: "request failed", errorId, method: c.req.method, route: routeTemplate(c), error: describeError(error) });
    return c.json<ErrorBody>({ error: `internal error ${errorId}; it was logged, try again later`, details: [] }, 500);
  });

  /** Undoes a reservation whose workflow did not start, so it cannot hold the apartment forever. */
  async function releaseUnstarted(reservation: Reservation, cause: unknown): Promise<void> {
    // No reservation id: it is the bearer secret to the guest's details (the apartment says which).
    const context = { apartmentId: reservation.apartmentId, cause: describeError(cause) };
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

/** The request body as JSON; JSON only, which also keeps cross-site HTML forms from posting here. */
async function jsonBody(c: Context): Promise<unknown> {
  const type = c.req.header("Content-Type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) {
    throw new ApiError(415, `request body must be JSON: send the header "Content-Type: application/json" (received ${type ? `"${type}"` : "none"})`);
  }
  const text = await c.req.text();
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "request body is not valid JSON", [
      { field: "body", message: 'must be a JSON object: {"apartmentId": "...", "guestName": "...", "email": "..."}' },
    ]);
  }
}
