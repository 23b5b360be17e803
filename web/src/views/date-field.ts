import { todayAt } from "../dates";
import { fill, h } from "../dom";

/** Today where the guest is: the `min` of a date input before the apartment's own today is known. */
export function localToday(): string {
  return todayAt(Intl.DateTimeFormat().resolvedOptions().timeZone);
}

export interface FieldOptions {
  readonly name: string;
  readonly label: string;
  readonly hint: string;
  readonly type?: string;
  readonly value?: string;
  readonly autocomplete?: string;
  readonly min?: string;
  readonly required?: boolean;
}

export interface Field {
  readonly element: HTMLElement;
  readonly input: HTMLInputElement;
  /** Shows `message` under the field and marks it invalid; `focus` moves the keyboard there. */
  showError(message: string, focus?: boolean): void;
  clearError(): void;
  readonly invalid: boolean;
}

/**
 * A labelled input with its hint and error tied to it (`aria-describedby`). An error clears as
 * soon as the guest changes the field: the mark stays only on what is still wrong.
 */
export function field(options: FieldOptions, onCorrected?: () => void): Field {
  const { name } = options;
  const input = h("input", {
    id: name, name, type: options.type ?? "text", autocomplete: options.autocomplete, value: options.value, min: options.min,
    required: options.required ?? true, "aria-describedby": `${name}-hint ${name}-error`,
  });
  if (options.value) input.value = options.value;
  const error = h("p", { id: `${name}-error`, class: "field__error" });
  const element = h("div", { class: "field" }, h("label", { for: name }, options.label), h("p", { id: `${name}-hint`, class: "field__hint" }, options.hint), input, error);
  const self: Field = {
    element,
    input,
    showError(message, focus = false) {
      fill(error, h("span", { class: "field__error-text" }, message));
      input.setAttribute("aria-invalid", "true");
      if (focus) input.focus();
    },
    clearError() {
      fill(error);
      input.removeAttribute("aria-invalid");
    },
    get invalid() {
      return input.getAttribute("aria-invalid") === "true";
    },
  };
  const corrected = () => {
    if (!self.invalid) return;
    self.clearError();
    onCorrected?.();
  };
  input.addEventListener("input", corrected);
  input.addEventListener("change", corrected);
  return self;
}

/** A native date picker (`<input type="date">`): keyboard and screen-reader support come with it. */
export function dateField(options: Omit<FieldOptions, "type" | "autocomplete">, onCorrected?: () => void): Field {
  return field({ ...options, type: "date", autocomplete: "off" }, onCorrected);
}
