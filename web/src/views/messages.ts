import { ApiError } from "../api";
import { h } from "../dom";
import type { View } from "../router";

export function notFoundView(): View {
  return message("Page not found", "There is nothing at this address.", "Go to the apartments");
}

/** Shown when a page's data could not be loaded. */
export function failedView(error: unknown): View {
  if (error instanceof ApiError && error.status === 404) {
    return message("Not found", "We couldn't find that apartment or reservation. It may have been mistyped.", "Go to the apartments");
  }
  return message(
    "Something went wrong",
    error instanceof ApiError ? error.message : "Can't reach the booking service. Check your connection, then reload the page.",
    "Try the apartments list",
  );
}

function message(title: string, text: string, linkText: string): View {
  return {
    title,
    element: h("section", { class: "page" }, h("h1", {}, title), h("p", { class: "lead" }, text), h("a", { class: "button", href: "#/" }, linkText)),
  };
}
