import { ApiError } from "../api";
import { fill, h } from "../dom";
import type { View } from "../router";

export function notFoundView(): View {
  return message("Page not found", "There is nothing at this address. It may have been mistyped, or the page has moved.", "Go to the apartments");
}

/** A reservation the API does not know (a mistyped or very old link): never the API's own words. */
export function reservationNotFoundView(): View {
  return message(
    "Reservation not found",
    "We couldn't find a reservation at this address. Check the link you were given, or start a new booking: unpaid reservations are released after their payment window.",
    "Find an apartment",
  );
}

export function apartmentNotFoundView(): View {
  return message("Apartment not found", "We couldn't find that apartment. It may have been mistyped, or it is no longer offered.", "See all apartments");
}

/** First automatic retry after this long; then twice as long each time, up to RETRY_MAX_MS. */
export const RETRY_FIRST_MS = 2_000;
export const RETRY_MAX_MS = 30_000;

/** The wait before automatic retry number `attempt` (1, 2, …): 2 s, 4 s, 8 s, 16 s, 30 s, 30 s … */
export function retryDelay(attempt: number): number {
  return Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** (attempt - 1));
}

/** How many load failures in a row this tab has seen: the next automatic retry waits longer. */
let failuresInARow = 0;
/** Called by the app when a page loaded: the next failure starts over at RETRY_FIRST_MS. */
export function loadSucceeded(): void {
  failuresInARow = 0;
}

/**
 * Shown when a page's data could not be loaded. A 404 is a not-found page; anything else says, in
 * words for guests, that the booking service can't be reached, retries by itself with backoff and
 * offers "Try again now".
 */
export function failedView(error: unknown, retry: () => void): View {
  if (error instanceof ApiError && error.status === 404) {
    return message("Not found", "We couldn't find that apartment or reservation. It may have been mistyped.", "Go to the apartments");
  }
  failuresInARow++;
  const waitMs = error instanceof ApiError && error.retryAfterSeconds ? Math.min(RETRY_MAX_MS, error.retryAfterSeconds * 1000) : retryDelay(failuresInARow);
  const text =
    error instanceof ApiError && error.status === 429
      ? "Lots of people are booking right now. We'll try again in a moment."
      : error instanceof ApiError && error.status < 500
        ? "Something about this request didn't work. We'll try loading the page again."
        : "We can't reach the booking service right now. Check your connection; we'll keep trying.";
  const countdown = h("p", { class: "field__hint", "aria-live": "off" });
  const deadline = Date.now() + waitMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const showLeft = () => {
    const left = Math.max(0, Math.ceil((deadline - Date.now()) / 1000));
    fill(countdown, `Trying again in ${left} second${left === 1 ? "" : "s"}…`);
    if (left === 0) {
      retry();
      return;
    }
    timer = setTimeout(showLeft, Math.min(1000, deadline - Date.now()));
  };
  showLeft();
  return {
    title: "Can't load this page",
    failed: true,
    element: h(
      "section",
      { class: "page" },
      h("h1", {}, "Can't load this page"),
      h("p", { class: "lead" }, text),
      countdown,
      h("button", { type: "button", class: "button", onclick: () => { clearTimeout(timer); retry(); } }, "Try again now"),
    ),
    dispose: () => clearTimeout(timer),
  };
}

function message(title: string, text: string, linkText: string): View {
  return {
    title,
    element: h("section", { class: "page" }, h("h1", {}, title), h("p", { class: "lead" }, text), h("a", { class: "button", href: "#/" }, linkText)),
  };
}
