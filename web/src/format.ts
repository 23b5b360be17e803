import { h } from "./dom";

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** "€360" (whole amounts without decimals, as the API prices are whole units); "€360.50" otherwise. */
export function money(amount: number, currency: string): string {
  const key = `${currency}:${Number.isInteger(amount)}`;
  let format = moneyFormats.get(key);
  if (!format) {
    try {
      format = new Intl.NumberFormat("en-GB", { style: "currency", currency, ...(Number.isInteger(amount) ? { maximumFractionDigits: 0 } : {}) });
    } catch {
      format = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 }); // an unknown code: the number alone
    }
    moneyFormats.set(key, format);
  }
  return format.format(amount);
}

export function pricePerNight(amount: number, currency: string): string {
  return `${money(amount, currency)} / night`;
}

export function bedrooms(count: number): string {
  return count === 1 ? "1 bedroom" : `${count} bedrooms`;
}

/** Availability as a word and a colour: the colour is a hint, the word carries the meaning. */
export function availabilityBadge(available: boolean, text: string): HTMLSpanElement {
  return h("span", { class: `badge badge--${available ? "free" : "taken"}` }, text);
}

/** "4:05" for 245 seconds; "1:02:03" past an hour. */
export function clock(totalSeconds: number): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

/** A hold length in words: "45 seconds", "1 minute", "15 minutes", "2 hours". */
export function duration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  return `${Math.round(minutes / 60)} hours`;
}

/**
 * A deadline in the guest's own time zone, minutes only: "14:05", or "Thu 10 Dec, 14:05" when it is
 * not today where the guest is.
 */
export function deadlineTime(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const time = at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });
  return at.toDateString() === now.toDateString() ? time : `${at.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short" })}, ${time}`;
}

/**
 * The countdown's spoken warnings: crossing one of these (seconds left) is announced once, in a
 * polite live region; the ticking clock itself is never read out.
 */
export const COUNTDOWN_WARNINGS: ReadonlyArray<{ readonly seconds: number; readonly text: string }> = [
  { seconds: 60, text: "1 minute left to pay." },
  { seconds: 15, text: "15 seconds left to pay." },
];

/** The warning to announce when the time left went from `before` to `after` seconds, if any. */
export function countdownWarning(before: number, after: number): string | undefined {
  // The last one crossed wins: a tab that slept through both says only the nearer one.
  return [...COUNTDOWN_WARNINGS].reverse().find((w) => before > w.seconds && after <= w.seconds)?.text;
}
