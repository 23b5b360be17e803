import type { Availability, Stay } from "../api";
import { addDays, daysBetween, formatDate, formatLongDate, weekdayIndex } from "../dates";
import { h } from "../dom";

const WEEKDAYS = [
  ["Mon", "Monday"], ["Tue", "Tuesday"], ["Wed", "Wednesday"], ["Thu", "Thursday"], ["Fri", "Friday"], ["Sat", "Saturday"], ["Sun", "Sunday"],
] as const;

/**
 * The apartment's nights as a table, one row per week (Monday first), each night's cell saying in
 * words whether it is free: colour only repeats what the text says. Nights of the guest's chosen
 * stay are marked (and say so to screen readers).
 */
export function availabilityCalendar(availability: Availability, stay?: Stay): HTMLTableElement {
  const { nights } = availability;
  const byDate = new Map(nights.map((n) => [n.date, n.available]));
  const first = nights[0]?.date ?? availability.from;
  const last = nights[nights.length - 1]?.date ?? availability.from;
  const start = addDays(first, -weekdayIndex(first));
  const weeks = Math.ceil((daysBetween(start, last) + 1) / 7);
  const chosen = (date: string) => !!stay && date >= stay.checkIn && date < stay.checkOut;

  const rows = Array.from({ length: weeks }, (_, week) =>
    h(
      "tr",
      {},
      ...WEEKDAYS.map((_, day) => {
        const date = addDays(start, week * 7 + day);
        const available = byDate.get(date);
        if (available === undefined) return h("td", { class: "day day--outside" });
        const inStay = chosen(date);
        return h(
          "td",
          { class: `day ${available ? "day--free" : "day--taken"}${inStay ? " day--chosen" : ""}`, "data-date": date },
          h("time", { class: "day__date", datetime: date }, h("span", { "aria-hidden": "true" }, String(Number(date.slice(8)))), h("span", { class: "visually-hidden" }, formatLongDate(date))),
          h("span", { class: "day__state" }, available ? "Free" : "Booked"),
          inStay ? h("span", { class: "visually-hidden" }, ", in your stay") : null,
        );
      }),
    ),
  );
  return h(
    "table",
    { class: "calendar" },
    h("caption", {}, `Nights from ${formatDate(first)} to ${formatDate(last)}`),
    h("thead", {}, h("tr", {}, ...WEEKDAYS.map(([short, long]) => h("th", { scope: "col" }, h("abbr", { title: long }, short))))),
    h("tbody", {}, ...rows),
  );
}

/** The nights of `stay` the availability knows to be taken (a night outside it counts as unknown, not taken). */
export function takenNights(availability: Availability, stay: Stay): string[] {
  return availability.nights.filter((n) => !n.available && n.date >= stay.checkIn && n.date < stay.checkOut).map((n) => n.date);
}

/** The availability with `dates` marked taken (after a 409 named them). */
export function markTaken(availability: Availability, dates: readonly string[]): Availability {
  const taken = new Set(dates);
  return { ...availability, nights: availability.nights.map((n) => (taken.has(n.date) ? { ...n, available: false } : n)) };
}
