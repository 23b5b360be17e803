import type { Reservation } from "../model";
import { reservationRef } from "./sfn-workflow";
import type { BookingStore } from "./store";

/**
 * How long after its deadline a pending hold is left to its own workflow before the sweeper may
 * release it: a running workflow expires it within one poll interval (config workflow.pollIntervalSeconds,
 * at most an hour), so the sweeper only ever acts on holds whose workflow is gone.
 */
export const SWEEP_GRACE_SECONDS = 60;

export interface SweepDeps {
  readonly store: BookingStore;
  /** Whether a running workflow execution owns this reservation (Step Functions in AWS, the local runner locally). */
  readonly owns: (reservation: Reservation) => Promise<boolean>;
  /** @default - the system clock */
  readonly now?: () => Date;
  /** @default SWEEP_GRACE_SECONDS */
  readonly graceSeconds?: number;
  /** @default - one JSON line on stdout */
  readonly log?: (entry: Record<string, unknown>) => void;
}

export interface SweepResult {
  /** Pending holds past deadline + grace that were looked at. */
  readonly checked: number;
  /** Holds released because no execution owned them. */
  readonly released: number;
}

/**
 * Releases every hold past its deadline that no workflow execution owns (the workflow never
 * started, or died): the reservation expires and the apartment is vacant again, both conditional
 * on the state the reserve left, so a hold the workflow settled meanwhile is not touched.
 */
export async function sweepHolds(deps: SweepDeps): Promise<SweepResult> {
  const now = (deps.now ?? (() => new Date()))();
  const log = deps.log ?? ((entry) => console.log(JSON.stringify(entry)));
  const before = new Date(now.getTime() - (deps.graceSeconds ?? SWEEP_GRACE_SECONDS) * 1000);
  const stale = await deps.store.pendingPastDeadline(before);
  let released = 0;
  for (const reservation of stale) {
    if (await deps.owns(reservation)) continue;
    try {
      await deps.store.release(reservation, now);
      released += 1;
      log({ level: "info", message: "sweeper released a hold no workflow owned", reservation: reservationRef(reservation.id), apartmentId: reservation.apartmentId });
    } catch (error) {
      // Settled meanwhile (paid, or released by its workflow): the conditions refused, nothing to do.
      log({ level: "info", message: "sweeper left a hold that changed meanwhile", reservation: reservationRef(reservation.id), error: (error as Error).name });
    }
  }
  return { checked: stale.length, released };
}
