import { api, ApiError, type Apartment, type Reservation } from "../api";
import { fill, h } from "../dom";
import { clock, pricePerNight, spokenDuration, timeOfDay } from "../format";
import { poll } from "../poll";
import type { View } from "../router";

/** How often the page asks whether the workflow has finished. */
const REFRESH_MS = 1500;

/**
 * A reservation from hold to outcome: the deadline counting down and the Pay button while it is
 * pending, then "confirming…" after payment, then confirmed or expired, as the workflow decides.
 */
export async function reservationView([reservationId]: string[]): Promise<View> {
  let reservation = await api.reservation(reservationId);
  const apartment = await api.apartment(reservation.apartmentId);
  const deadline = Date.parse(reservation.paymentDeadline);
  const windowSeconds = Math.max(1, (deadline - Date.parse(reservation.createdAt)) / 1000);

  // Announced by screen readers: changes of state only, never the ticking clock.
  const status = h("div", { class: "status", role: "status" });
  const actions = h("div", { class: "actions" });
  const connection = h("p", { class: "notice notice--warning", role: "status", hidden: true });
  const panel = h("div", { class: "panel" }, connection, status, actions);
  const paying = { busy: false, error: "" };

  const remaining = h("span", { class: "countdown__time" });
  const progress = h("progress", { class: "countdown__bar", max: Math.round(windowSeconds), "aria-hidden": "true" });
  const countdown = h(
    "div",
    { class: "countdown" },
    h("p", { role: "timer", class: "countdown__label" }, "Time left to pay ", remaining),
    progress,
    h("p", { class: "field__hint" }, `Pay by ${timeOfDay(reservation.paymentDeadline)}.`),
  );
  const payButton = h("button", { type: "button", class: "button button--wide", onclick: () => void pay() }, "Pay now");

  function secondsLeft(): number {
    return Math.max(0, (deadline - Date.now()) / 1000);
  }

  function tick(): void {
    const left = secondsLeft();
    fill(remaining, clock(left));
    remaining.setAttribute("aria-label", spokenDuration(left));
    progress.value = Math.round(left);
  }

  function render(): void {
    const hadFocus = panel.contains(document.activeElement);
    const windowOpen = secondsLeft() > 0;
    switch (reservation.status) {
      case "pending":
        payButton.disabled = paying.busy || !windowOpen;
        fill(payButton, paying.busy ? "Paying…" : "Pay now");
        fill(
          status,
          outcome(
            "pending",
            windowOpen ? "Held for you" : "Payment window closed",
            windowOpen
              ? `${apartment.name} is reserved for you until the payment window closes.`
              : `No payment arrived in time; ${apartment.name} is being released.`,
          ),
          paying.error && h("p", { class: "notice notice--error" }, paying.error),
        );
        fill(actions, countdown, payButton);
        break;
      case "paid":
        fill(status, outcome("paid", "Payment received", `Confirming your booking of ${apartment.name}…`));
        fill(actions);
        break;
      case "confirmed":
        fill(status, outcome("confirmed", "Booking confirmed", `${apartment.name} is yours. A confirmation goes to ${reservation.email}.`));
        fill(actions, h("a", { class: "button", href: "#/" }, "Back to apartments"));
        break;
      case "expired":
        fill(status, outcome("expired", "Reservation expired", `The payment window closed before payment arrived, so ${apartment.name} was released.`));
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
      paying.error = reservation.status !== "pending" ? ""
        : error instanceof ApiError ? error.message
        : "Can't reach the booking service. Please try again.";
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
  const stopPolling = poll(REFRESH_MS, async () => {
    let fresh: Reservation;
    try {
      fresh = await api.reservation(reservation.id);
    } catch {
      fill(connection, "Can't reach the booking service right now; this page may be out of date. Retrying…");
      connection.hidden = false;
      return true;
    }
    connection.hidden = true;
    if (fresh.status !== reservation.status) {
      reservation = fresh;
      render();
    }
    if (!finished(reservation)) return true;
    clearInterval(clockTimer);
    return false;
  });

  return {
    title: `Reservation for ${apartment.name}`,
    element: h(
      "section",
      { class: "page" },
      h("p", { class: "breadcrumb" }, h("a", { href: "#/" }, "← All apartments")),
      h("h1", {}, "Your reservation"),
      h(
        "div",
        { class: "split" },
        panel,
        details(reservation, apartment),
      ),
    ),
    dispose: () => {
      stopPolling();
      clearInterval(clockTimer);
    },
  };
}

function outcome(state: Reservation["status"], heading: string, text: string): HTMLElement {
  return h(
    "div",
    { class: `outcome outcome--${state}`, "data-status": state },
    h("h2", { tabindex: -1 }, heading),
    h("p", {}, text),
  );
}

function details(reservation: Reservation, apartment: Apartment): HTMLElement {
  return h(
    "div",
    { class: "panel" },
    h("h2", {}, "Details"),
    h(
      "dl",
      { class: "facts" },
      h("dt", {}, "Apartment"), h("dd", {}, h("a", { href: `#/apartments/${encodeURIComponent(apartment.id)}` }, apartment.name)),
      h("dt", {}, "Price"), h("dd", {}, pricePerNight(apartment.pricePerNight)),
      h("dt", {}, "Guest"), h("dd", {}, reservation.guestName),
      h("dt", {}, "Email"), h("dd", {}, reservation.email),
      h("dt", {}, "Reference"), h("dd", { class: "mono" }, reservation.id),
    ),
  );
}
