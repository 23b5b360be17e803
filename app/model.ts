/** The booking domain, shared by the API, the workflow, the reporting service and the web app. */

export const APARTMENT_STATUSES = ["vacant", "reserved", "occupied"] as const;
export type ApartmentStatus = (typeof APARTMENT_STATUSES)[number];

/**
 * pending: holds the apartment until `paymentDeadline`;
 * paid: payment recorded in time, the workflow confirms it;
 * confirmed: apartment occupied; expired: deadline passed unpaid, apartment vacant again.
 */
export const RESERVATION_STATUSES = ["pending", "paid", "confirmed", "expired"] as const;
export type ReservationStatus = (typeof RESERVATION_STATUSES)[number];

export interface Apartment {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly bedrooms: number;
  readonly pricePerNight: number;
  readonly status: ApartmentStatus;
  /** The reservation holding or occupying the apartment. */
  readonly reservationId?: string;
  readonly updatedAt: string;
}

export interface Reservation {
  readonly id: string;
  readonly apartmentId: string;
  readonly guestName: string;
  readonly email: string;
  readonly status: ReservationStatus;
  /** ISO-8601 instant after which an unpaid reservation expires. */
  readonly paymentDeadline: string;
  /** What paying costs (the apartment's pricePerNight when reserved), in whole currency units. */
  readonly amount: number;
  readonly paidAt?: string;
  /** The Idempotency-Key of the payment that paid it; a retry with the same key is answered the same. */
  readonly paymentKey?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What the API hands the booking workflow when a reservation is made. */
export interface BookingWorkflowInput {
  readonly reservationId: string;
  readonly apartmentId: string;
  readonly paymentDeadline: string;
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
