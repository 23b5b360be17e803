import { api, ApiError, type Apartment, type Availability, type FieldError, type Stay } from "../api";
import { addDays, daysBetween, formatStay, listDates, nightsLabel, stayFrom, todayAt } from "../dates";
import { fill, h } from "../dom";
import { availabilityBadge, bedrooms, duration, money, pricePerNight } from "../format";
import { apartmentPicture, PAGE_SIZES } from "../images";
import { poll } from "../poll";
import { navigate, withQuery, type View } from "../router";
import { availabilityCalendar, markTaken, takenNights } from "./calendar";
import { dateField, field, type Field } from "./date-field";
import { reserveFailure, guestMessage } from "../copy";
import { apartmentNotFoundView } from "./messages";
import { stayOf } from "./apartments";

/** How often the calendar asks for fresh availability. */
const REFRESH_MS = 10_000;
/** The longest range the availability answer covers (the API's AVAILABILITY_MAX_NIGHTS). */
const MAX_CALENDAR_NIGHTS = 92;
/** How long the typing in a date field pauses before the total and the calendar follow. */
const DATE_SETTLE_MS = 300;

/** The page while the apartment loads: the same frame (picture, panels), so nothing shifts. */
export function apartmentShell(): HTMLElement {
  return h(
    "section",
    { class: "page" },
    h("p", { class: "breadcrumb" }, h("a", { href: "#/" }, "← All apartments")),
    h("h1", { class: "placeholder-heading" }, "Loading the apartment…"),
    h("div", { class: "split", "aria-hidden": "true" }, h("div", { class: "panel panel--placeholder" }, h("div", { class: "photo photo--none" })), h("div", { class: "panel panel--placeholder panel--form" })),
  );
}

/** One apartment: picture, facts, its nights as a calendar, and the form that reserves a stay. */
export async function apartmentView([apartmentId]: string[], query: URLSearchParams): Promise<View> {
  let asked = stayOf(query);
  let apartment: Apartment;
  let availability: Availability;
  let paymentWindowSeconds: number | undefined;
  try {
    [apartment, availability, { paymentWindowSeconds }] = await Promise.all([
      // Dates the API refuses (an old link's past check-in): the apartment for tonight, the form empty.
      api.apartment(apartmentId, asked).catch((error) => {
        if (!(asked && error instanceof ApiError && error.status === 400)) throw error;
        asked = undefined;
        return api.apartment(apartmentId);
      }),
      api.availability(apartmentId),
      api.siteConfig(),
    ]);
  } catch (error) {
    // 404: no such apartment; 400: not an apartment id at all.
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return apartmentNotFoundView();
    throw error;
  }
  const today = todayAt(apartment.timeZone);
  // A stay beyond the default four weeks: show the calendar up to its check-out.
  if (asked && asked.checkOut > availability.to) {
    const to = addDays(availability.from, Math.min(MAX_CALENDAR_NIGHTS, daysBetween(availability.from, asked.checkOut)));
    availability = await api.availability(apartmentId, { from: availability.from, to }).catch(() => availability);
  }

  const calendarSlot = h("div", { class: "calendar-wrap" });
  const stayStatus = h("dd", {});
  const form = reservationForm(apartment, asked, today, paymentWindowSeconds, {
    availability: () => availability,
    staysChanged: (stay) => render(stay),
    nightsTaken: async (nights, stay) => {
      availability = markTaken(availability, nights);
      render(stay);
      availability = await api.availability(apartmentId, { from: availability.from, to: availability.to }).catch(() => availability);
      render(form.stay());
    },
  });

  function render(stay: Stay | undefined): void {
    fill(calendarSlot, availabilityCalendar(availability, stay));
    if (!stay) {
      fill(stayStatus, availabilityBadge(apartment.available, apartment.available ? "Free tonight" : "Booked tonight"));
      return;
    }
    const taken = takenNights(availability, stay);
    // Beyond the calendar the API's answer for the asked stay is all we know.
    const beyondCalendar = stay.checkOut > availability.to;
    const askedStay = asked?.checkIn === stay.checkIn && asked.checkOut === stay.checkOut;
    const free = taken.length === 0 && stay.checkIn >= today && (!beyondCalendar || !askedStay || apartment.available);
    fill(stayStatus, availabilityBadge(free, free ? "Free for your dates" : "Not free for your dates"), " ", h("span", { class: "field__hint" }, formatStay(stay.checkIn, stay.checkOut)));
  }
  render(asked);

  const stopPolling = poll({ intervalMs: REFRESH_MS }, async () => {
    const fresh = await api.availability(apartmentId, { from: availability.from, to: availability.to });
    // Redrawn only when a night changed: a screen-reader user reading the table keeps their place.
    if (JSON.stringify(fresh.nights) === JSON.stringify(availability.nights)) return;
    availability = fresh;
    render(form.stay());
  });

  return {
    title: apartment.name,
    element: h(
      "section",
      { class: "page" },
      h("p", { class: "breadcrumb" }, h("a", { href: withQuery("#/", { checkIn: asked?.checkIn, checkOut: asked?.checkOut }) }, "← All apartments")),
      h("h1", {}, apartment.name),
      h(
        "div",
        { class: "split" },
        h(
          "div",
          { class: "panel" },
          apartmentPicture(apartment.id, PAGE_SIZES, true),
          h("p", { class: "apartment__description" }, apartment.description),
          h(
            "dl",
            { class: "facts" },
            h("dt", {}, "Bedrooms"), h("dd", {}, bedrooms(apartment.bedrooms)),
            h("dt", {}, "Price"), h("dd", {}, pricePerNight(apartment.pricePerNight, apartment.currency)),
            h("dt", {}, "Availability"), stayStatus,
          ),
          h("h2", { class: "calendar__heading" }, "Free and booked nights"),
          h("p", { class: "field__hint" }, `A night is named by its date: a stay from the 10th to the 13th is the nights of the 10th, 11th and 12th. Dates are local to the apartment (${apartment.timeZone}).`),
          calendarSlot,
        ),
        form.element,
      ),
    ),
    dispose: stopPolling,
  };
}

interface FormHooks {
  availability(): Availability;
  /** The dates in the form changed (to a stay, or to none that makes sense). */
  staysChanged(stay: Stay | undefined): void;
  /** The API answered 409: these nights were taken in the meantime. */
  nightsTaken(nights: readonly string[], stay: Stay): Promise<void>;
}

/**
 * The browser's own checks are off (`novalidate`): the page checks the dates it can (order, past)
 * to word the problem for guests, and the API decides; its field errors appear next to the fields,
 * in guests' words where the page knows the problem, and clear as each field is corrected.
 */
function reservationForm(apartment: Apartment, asked: Stay | undefined, today: string, paymentWindowSeconds: number | undefined, hooks: FormHooks) {
  const summary = h("div", { class: "notice notice--error", role: "alert", hidden: true });
  const conflict = h("div", { class: "notice notice--error", tabindex: -1, hidden: true });
  const quote = h("p", { class: "quote", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "button button--wide" }, "Reserve");

  const refreshSummary = () => {
    if (!fields.some((f) => f.invalid)) summary.hidden = true;
  };
  const checkIn = dateField({ name: "checkIn", label: "Check-in", hint: "Your first night.", value: asked?.checkIn, min: today }, refreshSummary);
  const checkOut = dateField({ name: "checkOut", label: "Check-out", hint: "The day you leave.", value: asked?.checkOut, min: addDays(asked?.checkIn ?? today, 1) }, refreshSummary);
  const guestName = field({ name: "guestName", label: "Full name", hint: "The name the booking is made out to.", autocomplete: "name" }, refreshSummary);
  const email = field({ name: "email", type: "email", label: "Email", hint: "We send the confirmation here, e.g. ana@example.com.", autocomplete: "email" }, refreshSummary);
  const fields: Field[] = [checkIn, checkOut, guestName, email];
  const byName = new Map<string, Field>([["checkIn", checkIn], ["checkOut", checkOut], ["guestName", guestName], ["email", email]]);

  /** The dates as a stay, unless one is missing, out of order or half typed (a year before today's). */
  const currentStay = (): Stay | undefined => {
    const stay = stayFrom(checkIn.input.value, checkOut.input.value);
    return stay && stay.checkIn.slice(0, 4) >= today.slice(0, 4) ? stay : undefined;
  };

  function showQuote(): void {
    const stay = currentStay();
    if (!stay) {
      fill(quote, checkIn.input.value && checkOut.input.value ? "Check-out must be after check-in." : "Choose your dates to see the total.");
      return;
    }
    const nights = daysBetween(stay.checkIn, stay.checkOut);
    const taken = takenNights(hooks.availability(), stay);
    fill(
      quote,
      h("span", { class: "quote__sum" }, `${nightsLabel(nights)} × ${money(apartment.pricePerNight, apartment.currency)} = `, h("strong", {}, money(nights * apartment.pricePerNight, apartment.currency))),
      taken.length > 0 ? h("span", { class: "quote__warning" }, ` ${listDates(taken)} ${taken.length === 1 ? "is" : "are"} already booked; choose other dates.`) : null,
    );
  }
  // A date input reports every keystroke (typing 2026 passes through 0002, 0020, 0202): the total,
  // the calendar marks and the live region follow once the typing pauses.
  let settle: ReturnType<typeof setTimeout> | undefined;
  const datesChanged = () => {
    conflict.hidden = true;
    clearTimeout(settle);
    settle = setTimeout(() => {
      showQuote();
      hooks.staysChanged(currentStay());
    }, DATE_SETTLE_MS);
  };
  checkIn.input.addEventListener("input", () => {
    // Not on check-out's own input events: setting `min` while the guest types in it resets the field.
    const min = checkIn.input.value ? addDays(checkIn.input.value, 1) : addDays(today, 1);
    if (checkOut.input.min !== min) checkOut.input.min = min;
  });
  for (const input of [checkIn.input, checkOut.input]) input.addEventListener("input", datesChanged);
  showQuote();

  function showErrors(details: readonly FieldError[], fallback: string): void {
    const unplaced: string[] = [];
    for (const { field: path, message } of details) {
      const name = path.split(".").pop()!;
      const target = byName.get(name);
      if (target) target.showError(guestMessage(name, message, target.input.value, checkIn.input.value, today));
      else unplaced.push(message);
    }
    const placed = details.length - unplaced.length;
    fill(summary, placed > 0 ? `Please correct the ${placed === 1 ? "highlighted field" : `${placed} highlighted fields`}.` : fallback);
    summary.hidden = false;
    fields.find((f) => f.invalid)?.input.focus();
  }

  function clearErrors(): void {
    summary.hidden = true;
    conflict.hidden = true;
    fields.forEach((f) => f.clearError());
  }

  const holdText = paymentWindowSeconds
    ? `We hold your dates for ${duration(paymentWindowSeconds)} while you pay. If the payment doesn't arrive in time, the reservation is released and you are not charged.`
    : "We hold your dates while you pay; the reservation page shows the deadline. If the payment doesn't arrive in time, the reservation is released and you are not charged.";

  const element = h(
    "form",
    {
      class: "panel form", novalidate: true, "aria-labelledby": "reserve-heading",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        clearErrors();
        submit.disabled = true;
        fill(submit, "Reserving…");
        const stay = { checkIn: checkIn.input.value, checkOut: checkOut.input.value };
        try {
          const reservation = await api.reserve({ apartmentId: apartment.id, guestName: guestName.input.value.trim(), email: email.input.value.trim(), ...stay });
          navigate(`/reservations/${encodeURIComponent(reservation.id)}`);
          return;
        } catch (error) {
          if (error instanceof ApiError && error.status === 409) {
            const nights = error.unavailableNights.length > 0 ? error.unavailableNights : takenNights(hooks.availability(), stay);
            fill(
              conflict,
              h("strong", {}, "Sorry, those dates were just booked. "),
              nights.length > 0 ? `${listDates(nights)} ${nights.length === 1 ? "is" : "are"} no longer free. ` : "",
              "Nothing was reserved. Choose other dates and try again.",
            );
            conflict.hidden = false;
            conflict.focus();
            await hooks.nightsTaken(nights, stay);
            showQuote();
          } else if (error instanceof ApiError && error.status === 400 && error.details.length > 0) {
            // The API reports the dates only once the other fields are valid: add what the page
            // knows about them, so the guest sees every problem at once.
            const named = new Set(error.details.map((d) => d.field.split(".").pop()));
            showErrors([...error.details, ...dateProblems(stay, today).filter((p) => !named.has(p.field))], "Please check the form.");
          } else {
            fill(summary, reserveFailure(error));
            summary.hidden = false;
          }
        }
        submit.disabled = false;
        fill(submit, "Reserve");
      },
    },
    h("h2", { id: "reserve-heading" }, "Reserve a stay"),
    h("p", { class: "field__hint" }, holdText),
    summary,
    conflict,
    h("div", { class: "form__dates" }, checkIn.element, checkOut.element),
    quote,
    guestName.element,
    email.element,
    submit,
  );
  return { element, stay: currentStay };
}

/** What the page can tell about the dates before the API does (the API repeats it when the rest is valid). */
export function dateProblems(stay: Stay, today: string): FieldError[] {
  const problems: FieldError[] = [];
  if (!stay.checkIn) problems.push({ field: "checkIn", message: "is required" });
  else if (stay.checkIn < today) problems.push({ field: "checkIn", message: "is in the past" });
  if (!stay.checkOut) problems.push({ field: "checkOut", message: "is required" });
  else if (stay.checkIn && stay.checkOut <= stay.checkIn) problems.push({ field: "checkOut", message: "must be after checkIn" });
  return problems;
}
