/** The booking domain, shared by the API, the workflow, the reporting service and the web app. */

/**
 * pending: holds the stay's nights until `paymentDeadline`;
 * paid: payment recorded in time, the workflow confirms it;
 * confirmed: the nights are booked; expired: deadline passed unpaid, the nights are free again.
 */
export const RESERVATION_STATUSES = ["pending", "paid", "confirmed", "expired"] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

/** Statuses whose reservation holds its nights (a pending hold, a paid or confirmed booking). */
export const HOLDING_STATUSES = ["pending", "paid", "confirmed"] as const satisfies readonly ReservationStatus[];

/** An apartment as stored in the apartments table. */
export interface ApartmentRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly bedrooms: number;
  /** Whole currency units (config api.currency) per night. */
  readonly pricePerNight: number;
  /** IANA time zone of the apartment, e.g. "Europe/Lisbon": its "today" decides what is in the past. */
  readonly timeZone: string;
  readonly updatedAt: string;
}

export interface ApartmentImage {
  readonly src: string;
  readonly width: number;
  readonly height: number;
  readonly alt: string;
}

/**
 * An apartment as the API shows it (GET /api/apartments, GET /api/apartments/:id), for a stay
 * [checkIn, checkOut): the one asked for, or tonight at the apartment.
 */
export interface Apartment {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly bedrooms: number;
  readonly pricePerNight: number;
  /** ISO 4217 code of pricePerNight (config api.currency). */
  readonly currency: string;
  readonly timeZone: string;
  /** The API sends none; the web app maps the apartment id to its own built image. */
  readonly image?: ApartmentImage;
  /** Every night of [checkIn, checkOut) is free (and none is in the past). */
  readonly available: boolean;
  readonly checkIn: string;
  readonly checkOut: string;
}

/** GET /api/apartments/:id/availability: one entry per night from <= date < to. */
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
  readonly status: ReservationStatus;
  /** First night, YYYY-MM-DD (the apartment's local date). */
  readonly checkIn: string;
  /** Day of departure, YYYY-MM-DD, exclusive: the last night is the day before. */
  readonly checkOut: string;
  /** checkOut - checkIn in days, at least 1. */
  readonly nights: number;
  readonly pricePerNight: number;
  /** nights x pricePerNight, computed by the server (no fees). */
  readonly totalPrice: number;
  /** ISO 4217 code of the prices (config api.currency). */
  readonly currency: string;
  /** What paying costs: equal to totalPrice (the payment body sends it). */
  readonly amount: number;
  /** ISO-8601 instant after which an unpaid reservation expires. */
  readonly paymentDeadline: string;
  readonly paidAt?: string;
  /** The Idempotency-Key of the payment that paid it; a retry with the same key is answered the same. */
  readonly paymentKey?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** An item of the nights table: the night `date` of `apartmentId` is held by `reservationId`. */
export interface NightItem {
  /** nightKey(apartmentId, date) */
  readonly id: string;
  readonly apartmentId: string;
  readonly date: string;
  readonly reservationId: string;
  /** Epoch seconds after which DynamoDB's TTL deletes the item (NIGHT_RETENTION_DAYS after the date). */
  readonly expiresAt: number;
}

/** What the API hands the booking workflow when a reservation is made. */
export interface BookingWorkflowInput {
  readonly reservationId: string;
  readonly apartmentId: string;
  readonly paymentDeadline: string;
  readonly checkIn: string;
  readonly checkOut: string;
}

/**
 * Starts the booking workflow for a new reservation: Step Functions in AWS, the local runner in
 * development and tests. Rejects if the workflow could not be started.
 */
export interface WorkflowStarter {
  start(input: BookingWorkflowInput): Promise<void>;
  /** Rejects when the workflow service cannot be reached (readiness check). @default - always ready */
  ready?(): Promise<void>;
}
