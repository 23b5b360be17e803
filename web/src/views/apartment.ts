import { api, ApiError, type Apartment, type FieldError } from "../api";
import { fill, h } from "../dom";
import { bedrooms, pricePerNight, STATUS_LABEL, statusBadge } from "../format";
import { navigate, type View } from "../router";

interface Field {
  readonly name: "guestName" | "email";
  readonly label: string;
  readonly hint: string;
  readonly type: string;
  readonly autocomplete: string;
}

const FIELDS: readonly Field[] = [
  { name: "guestName", label: "Full name", hint: "The name the booking is made out to.", type: "text", autocomplete: "name" },
  { name: "email", label: "Email", hint: "We send the confirmation here, e.g. ana@example.com.", type: "email", autocomplete: "email" },
];

/** One apartment and, while it is vacant, the form that reserves it. */
export async function apartmentView([apartmentId]: string[]): Promise<View> {
  const apartment = await api.apartment(apartmentId);
  return {
    title: apartment.name,
    element: h(
      "section",
      { class: "page" },
      h("p", { class: "breadcrumb" }, h("a", { href: "#/" }, "← All apartments")),
      h("h1", {}, apartment.name),
      h(
        "div",
        { class: "split" },
        h(
          "div",
          { class: "panel" },
          h("p", {}, apartment.description),
          h(
            "dl",
            { class: "facts" },
            h("dt", {}, "Bedrooms"), h("dd", {}, bedrooms(apartment.bedrooms)),
            h("dt", {}, "Price"), h("dd", {}, pricePerNight(apartment.pricePerNight)),
            h("dt", {}, "Status"), h("dd", {}, statusBadge(apartment.status)),
          ),
        ),
        apartment.status === "vacant"
          ? reservationForm(apartment)
          : h(
              "div",
              { class: "panel" },
              h("h2", {}, `Currently ${STATUS_LABEL[apartment.status].toLowerCase()}`),
              h("p", {}, "This apartment can't be reserved right now. Reservations that aren't paid in time are released, so check back soon."),
            ),
      ),
    ),
  };
}

/**
 * The browser's own checks are off (`novalidate`): the API decides what is valid and its field
 * errors appear next to the fields. The markup still hints (`type`, `required`, `autocomplete`).
 */
function reservationForm(apartment: Apartment): HTMLElement {
  const summary = h("div", { class: "notice notice--error", role: "alert", hidden: true });
  const submit = h("button", { type: "submit", class: "button button--wide" }, "Reserve");
  const inputs = new Map<string, HTMLInputElement>();
  const errors = new Map<string, HTMLElement>();

  const fields = FIELDS.map((field) => {
    const input = h("input", {
      id: field.name, name: field.name, type: field.type, autocomplete: field.autocomplete,
      required: true, "aria-describedby": `${field.name}-hint ${field.name}-error`,
    });
    const error = h("p", { id: `${field.name}-error`, class: "field__error" });
    inputs.set(field.name, input);
    errors.set(field.name, error);
    return h(
      "div",
      { class: "field" },
      h("label", { for: field.name }, field.label),
      h("p", { id: `${field.name}-hint`, class: "field__hint" }, field.hint),
      input,
      error,
    );
  });

  function showErrors(message: string, details: readonly FieldError[]): void {
    const unplaced: string[] = [];
    for (const { field, message: text } of details) {
      const name = field.split(".").pop()!;
      const error = errors.get(name);
      if (!error) {
        unplaced.push(text);
        continue;
      }
      fill(error, h("span", { class: "field__error-text" }, text));
      inputs.get(name)!.setAttribute("aria-invalid", "true");
    }
    const placed = details.length - unplaced.length;
    fill(
      summary,
      placed > 0 ? `Please correct the ${placed === 1 ? "highlighted field" : `${placed} highlighted fields`}.` : message,
      ...unplaced.map((text) => ` ${text}`),
    );
    summary.hidden = false;
    [...inputs.values()].find((input) => input.getAttribute("aria-invalid") === "true")?.focus();
  }

  function clearErrors(): void {
    summary.hidden = true;
    errors.forEach((error) => fill(error));
    inputs.forEach((input) => input.removeAttribute("aria-invalid"));
  }

  const form = h(
    "form",
    {
      class: "panel form", novalidate: true, "aria-labelledby": "reserve-heading",
      onsubmit: async (event: Event) => {
        event.preventDefault();
        clearErrors();
        submit.disabled = true;
        fill(submit, "Reserving…");
        try {
          const reservation = await api.reserve({
            apartmentId: apartment.id,
            guestName: inputs.get("guestName")!.value.trim(),
            email: inputs.get("email")!.value.trim(),
          });
          navigate(`/reservations/${encodeURIComponent(reservation.id)}`);
        } catch (error) {
          if (error instanceof ApiError && error.status === 409) {
            showErrors("Sorry, someone reserved this apartment a moment ago. Pick another one from the list.", []);
          } else if (error instanceof ApiError) {
            showErrors(error.message, error.details);
          } else {
            showErrors("Can't reach the booking service. Check your connection and try again.", []);
          }
          submit.disabled = false;
          fill(submit, "Reserve");
        }
      },
    },
    h("h2", { id: "reserve-heading" }, "Reserve this apartment"),
    h("p", { class: "field__hint" }, "It's held for you while you pay; unpaid reservations are released when the payment window closes."),
    summary,
    ...fields,
    submit,
  );
  return form;
}
