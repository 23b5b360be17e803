/**
 * The stay contract's shapes as the web app uses them: type-only re-exports of the API's own
 * (app/model.ts, app/api/requests.ts), erased at build, so the two cannot drift.
 */
export type { Apartment, Availability, Reservation } from "../../app/model";
export type { ReservationRequest } from "../../app/api/requests";
