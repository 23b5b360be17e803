/**
 * Calendar dates (`YYYY-MM-DD`) as the stay contract writes them, and how guests read them. The
 * arithmetic is the API's own (app/dates.ts); this adds the wording.
 */
import { addDays, daysBetween, isCalendarDate, localDate } from "../../app/dates";

export { addDays, daysBetween, isCalendarDate, localDate };

/** Today at the apartment (its IANA time zone); the API calls earlier dates "in the past". */
export function todayAt(timeZone: string, now: Date = new Date()): string {
  try {
    return localDate(now, timeZone);
  } catch {
    return localDate(now, "UTC");
  }
}

/** A date read in UTC, where the calendar date of its midnight is the date itself. */
const utc = (date: string) => new Date(`${date}T00:00:00Z`);

const parts = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "long", day: "numeric", month: "long", year: "numeric" });

/** Weekday, day, month and year of a date by name, so the wording is ours, not the locale data's punctuation. */
function named(date: string) {
  const found = Object.fromEntries(parts.formatToParts(utc(date)).map((p) => [p.type, p.value]));
  return { weekday: found.weekday, day: found.day, month: found.month, year: found.year };
}

/** "Thu 10 Dec 2026" */
export function formatDate(date: string): string {
  const d = named(date);
  return `${d.weekday.slice(0, 3)} ${d.day} ${d.month.slice(0, 3)} ${d.year}`;
}

/** "Thursday 10 December 2026": for screen readers and titles. */
export function formatLongDate(date: string): string {
  const d = named(date);
  return `${d.weekday} ${d.day} ${d.month} ${d.year}`;
}

/** "10 Dec" */
export function formatShortDate(date: string): string {
  const d = named(date);
  return `${d.day} ${d.month.slice(0, 3)}`;
}

/** "Thu 10 Dec – Sun 13 Dec 2026" (the year once when both dates share it). */
export function formatStay(checkIn: string, checkOut: string): string {
  const sameYear = checkIn.slice(0, 4) === checkOut.slice(0, 4);
  return `${sameYear ? formatDate(checkIn).slice(0, -5) : formatDate(checkIn)} – ${formatDate(checkOut)}`;
}

/** "1 night", "3 nights" */
export function nightsLabel(nights: number): string {
  return nights === 1 ? "1 night" : `${nights} nights`;
}

/** "10 Dec, 11 Dec and 12 Dec" */
export function listDates(dates: readonly string[]): string {
  const names = dates.map(formatShortDate);
  return names.length <= 1 ? names.join("") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** Monday-first weekday of a date: 0 (Monday) to 6 (Sunday). */
export function weekdayIndex(date: string): number {
  return (utc(date).getUTCDay() + 6) % 7;
}

/** What the guest typed or the address carried, as a stay; undefined unless both are dates in order. */
export function stayFrom(checkIn: string | null | undefined, checkOut: string | null | undefined): { checkIn: string; checkOut: string } | undefined {
  if (!checkIn || !checkOut || !isCalendarDate(checkIn) || !isCalendarDate(checkOut)) return undefined;
  return daysBetween(checkIn, checkOut) >= 1 ? { checkIn, checkOut } : undefined;
}
