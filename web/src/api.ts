// The API's own types, imported type-only (erased at build: the bundle gets none of the app's code).
import type { ErrorBody, FieldError } from "../../app/api/errors";
import type { ReservationRequest } from "../../app/api/requests";
import type { Apartment, Reservation } from "../../app/model";

export type { Apartment, FieldError, Reservation, ReservationRequest };

/** An answer other than 2xx. `details` carries the field errors of a 400. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: readonly FieldError[] = [],
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
  // CloudFront answers the SPA's index.html with 200 for every 403/404 of the distribution, the
  // API's included: a non-JSON answer is therefore "not found", whatever its status says.
  const isJson = (response.headers.get("content-type") ?? "").includes("application/json");
  const payload: unknown = isJson ? await response.json().catch(() => undefined) : undefined;
  if (response.ok && !isJson) throw new ApiError(404, "The booking service could not find that.", []);
  if (!response.ok) {
    // Checked field by field: a proxy or CloudFront may answer instead of the API.
    const error = (payload ?? {}) as { readonly [K in keyof ErrorBody]?: unknown };
    const message = typeof error.error === "string" ? error.error : `The booking service answered ${response.status}.`;
    throw new ApiError(response.status, message, fieldErrors(error.details));
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

export const api = {
  apartments: () => request<Apartment[]>("GET", "/apartments"),
  apartment: (apartmentId: string) => request<Apartment>("GET", `/apartments/${id(apartmentId)}`),
  reserve: (input: ReservationRequest) => request<Reservation>("POST", "/reservations", input),
  reservation: (reservationId: string) => request<Reservation>("GET", "/reservation", undefined, reservationHeader(reservationId)),
  pay: (reservation: Reservation) =>
    request<Reservation>("POST", "/reservation/payment", { amount: reservation.amount }, { ...reservationHeader(reservation.id), "idempotency-key": paymentKey(reservation.id) }),
};
