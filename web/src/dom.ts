/**
 * A tiny element builder: the whole "framework" of the app. Text always goes in through text
 * nodes, never innerHTML, so data from the API can't inject markup.
 */
export type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === "function") element.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) element.setAttribute(name, "");
    else if (value !== false && value !== null && value !== undefined) element.setAttribute(name, String(value));
  }
  element.append(...nodes(children));
  return element;
}

/** Replaces an element's children. */
export function fill(element: Element, ...children: Child[]): void {
  element.replaceChildren(...nodes(children));
}

function nodes(children: Child[]): Array<Node | string> {
  return children.flatMap((child) =>
    child === null || child === undefined || child === false ? [] : [typeof child === "number" ? String(child) : child],
  );
}

/**
 * A notice that the booking service can't be reached (hidden until a poll fails), and the poll
 * hooks that show and hide it: `stale` names what may be out of date meanwhile.
 */
export function connectionNotice(stale: string): { element: HTMLParagraphElement; onError: () => void; onRecover: () => void } {
  const element = h("p", { class: "notice notice--warning", role: "status", hidden: true });
  return {
    element,
    onError: () => {
      fill(element, `We can't reach the booking service right now, so ${stale} may be out of date. Trying again…`);
      element.hidden = false;
    },
    onRecover: () => {
      element.hidden = true;
    },
  };
}
