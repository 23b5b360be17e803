/**
 * The metric contract between the code and the infrastructure (dashboard, alarms), dependency-free
 * so stacks can read it without loading Powertools.
 */

/** CloudWatch namespace of the booking system's business metrics. */
export const METRICS_NAMESPACE = "Booking";
/** The `service` dimension of the API's metrics and the `service` field of its log lines. */
export const API_SERVICE_NAME = "booking-api";

/** Business metrics, one count per event. */
export const BUSINESS_METRICS = {
  /** API: POST /api/reservations answered 201. */
  reservationCreated: "ReservationCreated",
  /** API: POST /api/reservations answered 409 (a night of the stay is held by another stay). */
  reservationConflict: "ReservationConflict",
  /** API: a payment answered 200. */
  reservationPaid: "ReservationPaid",
  /** API: a payment answered 409 (its deadline had passed). */
  paymentAfterDeadline: "PaymentAfterDeadline",
  /** Workflow (log metric filter, no dimension): a reservation released unpaid. */
  reservationExpired: "ReservationExpired",
  /** Workflow (log metric filter, no dimension): outcome Booking.CleanupFailed. */
  workflowCleanupFailed: "WorkflowCleanupFailed",
  /** Workflow (log metric filter, no dimension): outcome Booking.PaidNotSettled. */
  workflowPaidNotSettled: "WorkflowPaidNotSettled",
} as const;
