// The API's own types, imported type-only (erased at build: the bundle gets none of the app's code).
import type { ErrorBody, FieldError } from "../../app/api/errors";
import type { Apartment, Availability, Reservation, ReservationRequest } from "./contract";

export type { Apartment, Availability, FieldError, Reservation, ReservationRequest };

/** A stay: checkIn inclusive, checkOut exclusive, both YYYY-MM-DD. */
export interface Stay {
  readonly checkIn: string;
  readonly checkOut: string;
}

/** An answer other than 2xx. `details` carries the field errors of a 400, `unavailableNights` those of a 409. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: readonly FieldError[] = [],
    readonly unavailableNights: readonly string[] = [],
    /** Seconds from a Retry-After header (a 503 or 429), when there was one. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

/** Same origin (CloudFront in AWS, the Vite proxy locally), so relative URLs only. */
async function request<T>(method: "GET" | "POST", path: string, body?: unknown, extraHeaders: Record<string, string> = {}): Promise<T> {
  const response = await fetch(`/api${path}`, {
    method,
    headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...extraHeaders },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // CloudFront answers the SPA's index.html with 200 for an unknown file path: a non-JSON answer
  // is therefore "not found", whatever its status says.
  const isJson = (response.headers.get("content-type") ?? "").includes("application/json");
  const payload: unknown = isJson ? await response.json().catch(() => undefined) : undefined;
  if (response.ok && !isJson) throw new ApiError(404, "not found", []);
  if (!response.ok) {
    // Checked field by field: a proxy or CloudFront may answer instead of the API. The message is
    // the API's (for logs and tests); the views word their own for guests.
    const error = (payload ?? {}) as { readonly [K in keyof ErrorBody]?: unknown } & { unavailableNights?: unknown };
    const message = typeof error.error === "string" ? error.error : `HTTP ${response.status}`;
    const nights = Array.isArray(error.unavailableNights) ? error.unavailableNights.filter((n): n is string => typeof n === "string") : [];
    const retryAfter = Number(response.headers.get("retry-after"));
    throw new ApiError(response.status, message, fieldErrors(error.details), nights, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined);
  }
  return payload as T;
}

function fieldErrors(details: unknown): FieldError[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((detail: { field?: unknown; message?: unknown }) => {
    const field = typeof detail.field === "string" ? detail.field : "";
    return typeof detail.message === "string" ? [{ field, message: detail.message }] : [];
  });
}

const id = (value: string) => encodeURIComponent(value);

/** `?checkIn=…&checkOut=…`, or nothing for tonight. */
function stayQuery(stay?: Stay): string {
  return stay ? `?${new URLSearchParams({ checkIn: stay.checkIn, checkOut: stay.checkOut })}` : "";
}

/** The reservation id is the guest's credential: it travels in a header, never in a URL (logs keep URLs). */
const reservationHeader = (reservationId: string) => ({ "x-reservation-id": reservationId });

/** One key per reservation and tab: a retried click pays once (the API answers the same payment again). */
function paymentKey(reservationId: string): string {
  const name = `payment-key:${reservationId}`;
  let key = sessionStorage.getItem(name);
  if (!key) {
    key = crypto.randomUUID();
    sessionStorage.setItem(name, key);
  }
  return key;
}

/** What the site tells the page about its environment (site-config.json, written by the site stack). */
export interface SiteConfig {
  /** How long a reservation holds its nights before it must be paid. */
  readonly paymentWindowSeconds?: number;
}

let siteConfig: Promise<SiteConfig> | undefined;

export const api = {
  apartments: (stay?: Stay) => request<Apartment[]>("GET", `/apartments${stayQuery(stay)}`),
  apartment: (apartmentId: string, stay?: Stay) => request<Apartment>("GET", `/apartments/${id(apartmentId)}${stayQuery(stay)}`),
  /** Without a range: the API's default, four weeks from today at the apartment. */
  availability: (apartmentId: string, range?: { from: string; to: string }) =>
    request<Availability>("GET", `/apartments/${id(apartmentId)}/availability${range ? `?${new URLSearchParams(range)}` : ""}`),
  reserve: (input: ReservationRequest) => request<Reservation>("POST", "/reservations", input),
  reservation: (reservationId: string) => request<Reservation>("GET", "/reservation", undefined, reservationHeader(reservationId)),
  pay: (reservation: Reservation) =>
    request<Reservation>("POST", "/reservation/payment", { amount: reservation.amount }, { ...reservationHeader(reservation.id), "idempotency-key": paymentKey(reservation.id) }),
  /** Read once per page load; an empty config when the file is missing or unreadable. */
  siteConfig: (): Promise<SiteConfig> =>
    (siteConfig ??= fetch("/site-config.json", { headers: { accept: "application/json" } })
      .then(async (response) => {
        if (!response.ok || !(response.headers.get("content-type") ?? "").includes("json")) return {};
        const body = (await response.json()) as { paymentWindowSeconds?: unknown };
        const seconds = body.paymentWindowSeconds;
        return typeof seconds === "number" && Number.isInteger(seconds) && seconds > 0 ? { paymentWindowSeconds: seconds } : {};
      })
      .catch(() => ({}))),
};
