/**
 * The stay contract's shapes as the web app uses them (/work/briefs contract #16). Until the API
 * side lands these are written out here; at the merge they become type-only re-exports of
 * app/model.ts and app/api/requests.ts, so the two cannot drift.
 */
export interface Apartment {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly bedrooms: number;
  readonly pricePerNight: number;
  readonly currency: string;
  readonly timeZone: string;
  readonly available: boolean;
  readonly checkIn: string;
  readonly checkOut: string;
}

export interface Availability {
  readonly apartmentId: string;
  readonly from: string;
  readonly to: string;
  readonly nights: ReadonlyArray<{ readonly date: string; readonly available: boolean }>;
}

export interface Reservation {
  readonly id: string;
  readonly apartmentId: string;
  readonly apartmentName: string;
  readonly guestName: string;
  readonly email: string;
  readonly status: "pending" | "paid" | "confirmed" | "expired";
  readonly checkIn: string;
  readonly checkOut: string;
  readonly nights: number;
  readonly pricePerNight: number;
  readonly totalPrice: number;
  readonly currency: string;
  readonly amount: number;
  readonly paymentDeadline: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ReservationRequest {
  readonly apartmentId: string;
  readonly guestName: string;
  readonly email: string;
  readonly checkIn: string;
  readonly checkOut: string;
}
