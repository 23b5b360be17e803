import { api, type Apartment } from "../api";
import { fill, h } from "../dom";
import { bedrooms, pricePerNight, STATUS_LABEL, statusBadge } from "../format";
import { poll } from "../poll";
import type { View } from "../router";

/** How often the list asks for fresh statuses. */
const REFRESH_MS = 3000;

/** The apartments with their live status; updated in place so focus and scroll stay put. */
export async function apartmentsView(): Promise<View> {
  let apartments = byName(await api.apartments());
  const announcer = h("p", { class: "visually-hidden", "aria-live": "polite" });
  const connection = h("p", { class: "notice notice--warning", role: "status", hidden: true });
  const list = h("ul", { class: "cards" }, ...apartments.map(card));

  const stop = poll(REFRESH_MS, async () => {
    try {
      const fresh = byName(await api.apartments());
      connection.hidden = true;
      const changed = fresh.filter((a) => apartments.find((old) => old.id === a.id)?.status !== a.status);
      const sameSet = fresh.length === apartments.length && fresh.every((a, i) => a.id === apartments[i].id);
      if (sameSet) changed.forEach((a) => showStatus(list.querySelector(`[data-apartment-id="${CSS.escape(a.id)}"]`)!, a));
      else fill(list, ...fresh.map(card));
      if (sameSet && changed.length > 0) {
        announcer.textContent = changed.map((a) => `${a.name} is now ${STATUS_LABEL[a.status].toLowerCase()}.`).join(" ");
      }
      apartments = fresh;
    } catch {
      fill(connection, "Can't reach the booking service right now; statuses may be out of date. Retrying…");
      connection.hidden = false;
    }
  });

  return {
    title: "Apartments",
    element: h(
      "section",
      { class: "page" },
      h("h1", {}, "Apartments"),
      h("p", { class: "lead" }, "Pick a place, reserve it, and pay within the payment window. Availability updates live."),
      connection,
      announcer,
      list,
    ),
    dispose: stop,
  };
}

/** The API lists in storage order; a fixed order lets updates happen in place. */
function byName(apartments: Apartment[]): Apartment[] {
  return apartments.sort((a, b) => a.name.localeCompare(b.name));
}

function card(apartment: Apartment): HTMLLIElement {
  const headingId = `apartment-${apartment.id}`;
  const item = h(
    "li",
    { class: "card", "data-apartment-id": apartment.id, "aria-labelledby": headingId },
    h("div", { class: "card__top" }, h("h2", { id: headingId, class: "card__title" }, apartment.name), statusBadge(apartment.status)),
    h("p", { class: "card__description" }, apartment.description),
    h("p", { class: "card__facts" }, h("span", {}, bedrooms(apartment.bedrooms)), h("span", { class: "price" }, pricePerNight(apartment.pricePerNight))),
    h("a", { class: "button", href: `#/apartments/${encodeURIComponent(apartment.id)}`, "aria-describedby": headingId }),
  );
  showStatus(item, apartment);
  return item;
}

/** Changes the card's status in place, keeping its link (and the keyboard focus on it). */
function showStatus(item: Element, apartment: Apartment): void {
  item.className = `card card--${apartment.status}`;
  item.querySelector(".badge")!.replaceWith(statusBadge(apartment.status));
  const action = item.querySelector("a.button")!;
  action.className = apartment.status === "vacant" ? "button" : "button button--secondary";
  action.textContent = apartment.status === "vacant" ? "Reserve" : "Details";
}
