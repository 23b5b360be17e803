import type { ApartmentStatus } from "../../app/model";
import { h } from "./dom";

const euros = new Intl.NumberFormat("en-GB", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });

export function pricePerNight(amount: number): string {
  return `${euros.format(amount)} / night`;
}

export function bedrooms(count: number): string {
  return count === 1 ? "1 bedroom" : `${count} bedrooms`;
}

export const STATUS_LABEL: Record<ApartmentStatus, string> = {
  vacant: "Vacant",
  reserved: "Reserved",
  occupied: "Occupied",
};

/** Status as text and colour: the colour is a hint, the word carries the meaning. */
export function statusBadge(status: ApartmentStatus): HTMLSpanElement {
  return h("span", { class: `badge badge--${status}` }, STATUS_LABEL[status]);
}

/** "4:05" for 245 seconds; "1:02:03" past an hour. */
export function clock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

/** What a screen reader should hear for the time left, rounded so it doesn't chatter. */
export function spokenDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.round(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}

export function timeOfDay(iso: string): string {
  return new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}
