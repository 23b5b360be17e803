import { api, ApiError, type Apartment, type Stay } from "../api";
import { addDays, daysBetween, formatStay, nightsLabel, stayFrom } from "../dates";
import { connectionNotice, fill, h } from "../dom";
import { availabilityBadge, bedrooms, money, pricePerNight } from "../format";
import { apartmentPicture, CARD_SIZES } from "../images";
import { poll } from "../poll";
import { navigate, withQuery, type View } from "../router";
import { dateField, localToday } from "./date-field";

/** How often the list asks for fresh availability. */
const REFRESH_MS = 5000;
/** Placeholder cards while the list loads (the demo has six apartments). */
const SHELL_CARDS = 6;

/** The stay the address asks about (`#/?checkIn=…&checkOut=…`), or undefined for tonight. */
export function stayOf(query: URLSearchParams): Stay | undefined {
  return stayFrom(query.get("checkIn"), query.get("checkOut"));
}

/** Heading, lead and search: the same in the shell and the page, so nothing moves when the list arrives. */
function header(stay: Stay | undefined, busy: boolean): HTMLElement[] {
  return [
    h("h1", {}, "Apartments"),
    h("p", { class: "lead" }, "Pick your dates, choose a place, and pay within the payment window. Availability updates live."),
    searchForm(stay, busy),
  ];
}

/** The page as it looks while the apartments load: same header, placeholder cards of the cards' shape. */
export function apartmentsShell(_params: string[], query: URLSearchParams): HTMLElement {
  const placeholders = Array.from({ length: SHELL_CARDS }, () =>
    h("li", { class: "card card--placeholder" }, h("div", { class: "photo photo--none" }), h("div", { class: "placeholder-line placeholder-line--title" }), h("div", { class: "placeholder-line" }), h("div", { class: "placeholder-line" })),
  );
  return h(
    "section",
    { class: "page" },
    ...header(stayOf(query), true),
    h("p", { class: "results", "aria-hidden": "true" }, "\u00a0"),
    h("ul", { class: "cards", "aria-hidden": "true" }, ...placeholders),
  );
}

/** The apartments with their availability for the asked stay (or tonight), updated in place so focus and scroll stay put. */
export async function apartmentsView(_params: string[], query: URLSearchParams): Promise<View> {
  let stay = stayOf(query);
  let datesRefused = false;
  let apartments: Apartment[];
  try {
    apartments = byName(await api.apartments(stay));
  } catch (error) {
    // Dates the API refuses (in the past, too long a stay: an old or edited link): tonight instead, and say so.
    if (!(stay && error instanceof ApiError && error.status === 400)) throw error;
    stay = undefined;
    datesRefused = true;
    apartments = byName(await api.apartments());
  }
  const announcer = h("p", { class: "visually-hidden", "aria-live": "polite" });
  const notice = connectionNotice("availability");
  const connection = notice.element;
  const list = h("ul", { class: "cards" }, ...apartments.map((a, i) => card(a, stay, i < 2)));
  const results = h("p", { class: "results" }, resultsLine(apartments, stay));

  const stop = poll(
    {
      intervalMs: REFRESH_MS,
      onError: notice.onError,
      onRecover: notice.onRecover,
    },
    async () => {
      const fresh = byName(await api.apartments(stay));
      const sameSet = fresh.length === apartments.length && fresh.every((a, i) => a.id === apartments[i].id);
      const changed = fresh.filter((a) => apartments.find((old) => old.id === a.id)?.available !== a.available);
      if (sameSet) changed.forEach((a) => showAvailability(list.querySelector(`[data-apartment-id="${CSS.escape(a.id)}"]`)!, a, stay));
      else fill(list, ...fresh.map((a) => card(a, stay, false)));
      if (sameSet && changed.length > 0) {
        const when = stay ? "for your dates" : "tonight";
        announcer.textContent = changed.map((a) => `${a.name} is now ${a.available ? "free" : "booked"} ${when}.`).join(" ");
      }
      fill(results, resultsLine(fresh, stay));
      apartments = fresh;
    },
  );

  return {
    title: stay ? `Apartments for ${formatStay(stay.checkIn, stay.checkOut)}` : "Apartments",
    element: h(
      "section",
      { class: "page" },
      ...header(stay, false),
      datesRefused ? h("p", { class: "notice notice--warning" }, "Those dates can't be booked (check-in may be in the past, or the stay too long), so here is tonight. Choose new dates above.") : null,
      results,
      connection,
      announcer,
      list,
    ),
    dispose: stop,
  };
}

function resultsLine(apartments: readonly Apartment[], stay: Stay | undefined): string {
  const free = apartments.filter((a) => a.available).length;
  const when = stay ? `for ${formatStay(stay.checkIn, stay.checkOut)} (${nightsLabel(nightsOf(stay))})` : "tonight";
  return `${free} of ${apartments.length} apartments free ${when}.`;
}

const nightsOf = (stay: Stay) => daysBetween(stay.checkIn, stay.checkOut);

/** Check-in and check-out; "Show availability" puts the stay in the address (shareable, back button works). */
function searchForm(stay: Stay | undefined, busy: boolean): HTMLElement {
  const today = localToday();
  const checkIn = dateField({ name: "search-checkIn", label: "Check-in", hint: "Your first night.", value: stay?.checkIn ?? "", min: today });
  const checkOut = dateField({ name: "search-checkOut", label: "Check-out", hint: "The day you leave.", value: stay?.checkOut ?? "", min: addDays(stay?.checkIn ?? today, 1) });
  checkIn.input.addEventListener("change", () => {
    if (checkIn.input.value) checkOut.input.min = addDays(checkIn.input.value, 1);
  });
  const form = h(
    "form",
    {
      class: "search panel",
      novalidate: true,
      "aria-labelledby": "search-heading",
      onsubmit: (event: Event) => {
        event.preventDefault();
        checkIn.clearError();
        checkOut.clearError();
        const inValue = checkIn.input.value, outValue = checkOut.input.value;
        if (!inValue) return checkIn.showError("Choose the date of your first night.", true);
        if (inValue < today) return checkIn.showError("Check-in can't be in the past. Choose today or a later date.", true);
        if (!outValue) return checkOut.showError("Choose the day you leave.", true);
        if (!stayFrom(inValue, outValue)) return checkOut.showError("Check-out must be at least one day after check-in.", true);
        navigate(withQuery("/", { checkIn: inValue, checkOut: outValue }));
      },
    },
    h("h2", { id: "search-heading", class: "search__heading" }, "When are you staying?"),
    h("div", { class: "search__fields" }, checkIn.element, checkOut.element, h("button", { type: "submit", class: "button", disabled: busy }, "Show availability")),
    stay ? h("p", { class: "search__reset" }, h("a", { href: "#/" }, "Show tonight instead")) : null,
  );
  return form;
}

/** The API lists in storage order; a fixed order lets updates happen in place. */
function byName(apartments: Apartment[]): Apartment[] {
  return apartments.sort((a, b) => a.name.localeCompare(b.name));
}

function card(apartment: Apartment, stay: Stay | undefined, eager: boolean): HTMLLIElement {
  const headingId = `apartment-${apartment.id}`;
  const nights = stay ? nightsOf(stay) : 0;
  const item = h(
    "li",
    { class: "card", "data-apartment-id": apartment.id, "aria-labelledby": headingId },
    apartmentPicture(apartment.id, CARD_SIZES, eager),
    h("div", { class: "card__top" }, h("h2", { id: headingId, class: "card__title" }, apartment.name), h("span", { class: "badge" })),
    h("p", { class: "card__description" }, apartment.description),
    h(
      "p",
      { class: "card__facts" },
      h("span", {}, bedrooms(apartment.bedrooms)),
      h("span", { class: "price" }, stay ? `${nightsLabel(nights)} · ${money(nights * apartment.pricePerNight, apartment.currency)}` : pricePerNight(apartment.pricePerNight, apartment.currency)),
    ),
    h("a", { class: "button", href: withQuery(`#/apartments/${encodeURIComponent(apartment.id)}`, { checkIn: stay?.checkIn, checkOut: stay?.checkOut }), "aria-describedby": headingId }),
  );
  showAvailability(item, apartment, stay);
  return item;
}

/** Changes the card's availability in place, keeping its link (and the keyboard focus on it). */
function showAvailability(item: Element, apartment: Apartment, stay: Stay | undefined): void {
  const when = stay ? "for your dates" : "tonight";
  item.className = `card card--${apartment.available ? "free" : "taken"}`;
  item.querySelector(".badge")!.replaceWith(availabilityBadge(apartment.available, apartment.available ? `Free ${when}` : `Booked ${when}`));
  const action = item.querySelector("a.button")!;
  action.className = apartment.available ? "button" : "button button--secondary";
  action.textContent = apartment.available ? "Reserve" : "See other dates";
}
