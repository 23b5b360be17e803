import { api, ApiError, type Reservation } from "../api";
import { formatStay, nightsLabel } from "../dates";
import { connectionNotice, fill, h } from "../dom";
import { clock, countdownWarning, deadlineTime, money, pricePerNight } from "../format";
import { poll } from "../poll";
import type { View } from "../router";
import { payFailure } from "../copy";
import { reservationNotFoundView } from "./messages";

/** How often the page asks whether the workflow has finished (backing off while the API can't be reached). */
const REFRESH_MS = 1500;

/** The page while the reservation loads: heading and the two panels' frame. */
export function reservationShell(): HTMLElement {
  return h(
    "section",
    { class: "page" },
    h("p", { class: "breadcrumb" }, h("a", { href: "#/" }, "← All apartments")),
    h("h1", {}, "Your reservation"),
    h("div", { class: "split", "aria-hidden": "true" }, h("div", { class: "panel panel--placeholder panel--status" }), h("div", { class: "panel panel--placeholder panel--status" })),
  );
}

/**
 * A reservation from hold to outcome: the stay and its total, the deadline counting down and the
 * Pay button while it is pending, then "confirming…" after payment, then confirmed or expired, as
 * the workflow decides.
 */
export async function reservationView([reservationId]: string[]): Promise<View> {
  let reservation: Reservation;
  try {
    reservation = await api.reservation(reservationId);
  } catch (error) {
    // 400: not a reservation id at all (a mangled link); 404: none with this id.
    if (error instanceof ApiError && (error.status === 404 || error.status === 400)) return reservationNotFoundView();
    throw error;
  }
  const deadline = Date.parse(reservation.paymentDeadline);
  const windowSeconds = Math.max(1, (deadline - Date.parse(reservation.createdAt)) / 1000);
  const total = money(reservation.totalPrice, reservation.currency);
  const name = reservation.apartmentName;

  // Announced by screen readers: changes of state only, never the ticking clock.
  const status = h("div", { class: "status", role: "status" });
  const actions = h("div", { class: "actions" });
  const notice = connectionNotice("this page");
  const connection = notice.element;
  const panel = h("div", { class: "panel" }, connection, status, actions);
  const paying = { busy: false, error: "" };

  // The clock is shown, not spoken; "1 minute left" and "15 seconds left" are spoken once each.
  const remaining = h("span", { class: "countdown__time" });
  const warning = h("p", { class: "visually-hidden", "aria-live": "polite" });
  const progress = h("progress", { class: "countdown__bar", max: Math.round(windowSeconds), "aria-hidden": "true" });
  const countdown = h(
    "div",
    { class: "countdown" },
    h("p", { role: "timer", class: "countdown__label" }, "Time left to pay ", remaining),
    progress,
    h("p", { class: "field__hint" }, `Pay by ${deadlineTime(reservation.paymentDeadline)} (your time) to keep these dates.`),
    warning,
  );
  const payButton = h("button", { type: "button", class: "button button--wide", onclick: () => void pay() }, `Pay ${total}`);

  function secondsLeft(): number {
    return Math.max(0, (deadline - Date.now()) / 1000);
  }

  let lastLeft = secondsLeft();
  function tick(): void {
    const left = secondsLeft();
    fill(remaining, clock(left));
    progress.value = Math.round(left);
    const text = reservation.status === "pending" ? countdownWarning(lastLeft, left) : undefined;
    if (text) warning.textContent = text;
    lastLeft = left;
  }

  function render(): void {
    const hadFocus = panel.contains(document.activeElement);
    const windowOpen = secondsLeft() > 0;
    switch (reservation.status) {
      case "pending":
        payButton.disabled = paying.busy || !windowOpen;
        fill(payButton, paying.busy ? "Paying…" : `Pay ${total}`);
        fill(
          status,
          outcome(
            "pending",
            windowOpen ? "Held for you" : "Payment window closed",
            windowOpen
              ? `${name} is held for you for ${formatStay(reservation.checkIn, reservation.checkOut)} until the payment window closes.`
              : `No payment arrived in time; these dates at ${name} are being released. You have not been charged.`,
          ),
          paying.error && h("p", { class: "notice notice--error" }, paying.error),
        );
        fill(actions, countdown, payButton);
        break;
      case "paid":
        fill(status, outcome("paid", "Payment received", `Confirming your stay at ${name}…`));
        fill(actions);
        break;
      case "confirmed":
        fill(status, outcome("confirmed", "Booking confirmed", `${name} is yours for ${formatStay(reservation.checkIn, reservation.checkOut)}. A confirmation goes to ${reservation.email}.`));
        fill(actions, h("a", { class: "button", href: "#/" }, "Back to apartments"));
        break;
      case "expired":
        fill(status, outcome("expired", "Reservation expired", `The payment window closed before payment arrived, so these dates at ${name} were released. You have not been charged.`));
        fill(actions, h("a", { class: "button", href: "#/" }, "Find another apartment"));
        break;
    }
    // The Pay button disappears after paying: keep the keyboard user's place in the page.
    if (hadFocus && !panel.contains(document.activeElement)) status.querySelector<HTMLElement>("h2")?.focus();
  }

  async function pay(): Promise<void> {
    paying.busy = true;
    paying.error = "";
    render();
    try {
      reservation = await api.pay(reservation);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) reservation = await api.reservation(reservation.id).catch(() => reservation);
      paying.error = reservation.status !== "pending" ? "" : payFailure(error);
    }
    paying.busy = false;
    render();
  }

  const finished = (r: Reservation) => r.status === "confirmed" || r.status === "expired";
  tick();
  render();
  let closeShown = false;
  const clockTimer = setInterval(() => {
    tick();
    if (!closeShown && secondsLeft() === 0 && reservation.status === "pending") {
      closeShown = true;
      render();
    }
  }, 250);
  const stopPolling = poll(
    {
      intervalMs: REFRESH_MS,
      onError: notice.onError,
      onRecover: notice.onRecover,
    },
    async () => {
      const fresh = await api.reservation(reservation.id);
      connection.hidden = true;
      if (fresh.status !== reservation.status) {
        reservation = fresh;
        render();
      }
      if (!finished(reservation)) return true;
      clearInterval(clockTimer);
      return false;
    },
  );

  return {
    title: `Reservation for ${name}`,
    element: h(
      "section",
      { class: "page" },
      h("p", { class: "breadcrumb" }, h("a", { href: "#/" }, "← All apartments")),
      h("h1", {}, "Your reservation"),
      h("div", { class: "split" }, panel, details(reservation)),
    ),
    dispose: () => {
      stopPolling();
      clearInterval(clockTimer);
    },
  };
}

function outcome(state: Reservation["status"], heading: string, text: string): HTMLElement {
  return h("div", { class: `outcome outcome--${state}`, "data-status": state }, h("h2", { tabindex: -1 }, heading), h("p", {}, text));
}

function details(reservation: Reservation): HTMLElement {
  return h(
    "div",
    { class: "panel" },
    h("h2", {}, "Your stay"),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Apartment"), h("dd", {}, h("a", { href: `#/apartments/${encodeURIComponent(reservation.apartmentId)}` }, reservation.apartmentName)),
      h("dt", {}, "Dates"), h("dd", {}, formatStay(reservation.checkIn, reservation.checkOut)),
      h("dt", {}, "Nights"), h("dd", {}, nightsLabel(reservation.nights)),
      h("dt", {}, "Price"), h("dd", {}, pricePerNight(reservation.pricePerNight, reservation.currency)),
      h("dt", {}, "Total"), h("dd", { class: "price" }, money(reservation.totalPrice, reservation.currency)),
      h("dt", {}, "Guest"), h("dd", {}, reservation.guestName),
      h("dt", {}, "Email"), h("dd", {}, reservation.email),
      h("dt", {}, "Reference"), h("dd", { class: "mono" }, reservation.id),
    ),
  );
}
