/**
 * Hash routing (`#/reservations/<id>`, `#/?checkIn=2026-12-10&checkOut=2026-12-13`): the static
 * hosting (S3 behind CloudFront) only ever serves index.html, and a hash never reaches the server.
 */
export interface View {
  /** Page title, also the accessible name the browser announces on navigation. */
  readonly title: string;
  /** The page; holds exactly one h1, which receives focus after navigation. */
  readonly element: HTMLElement;
  /** Stops the view's timers when the user navigates away. */
  dispose?(): void;
  /** The page says its data could not be loaded (the failed view). */
  readonly failed?: boolean;
}

export interface Route {
  /** Matched against the path after `#` (without its `?query`); capture groups become `params`. */
  readonly path: RegExp;
  render(params: string[], query: URLSearchParams): Promise<View>;
  /**
   * What the page looks like while its data loads: shown at once, in the place and size of the
   * page to come, so nothing jumps when the data arrives (layout shift).
   * @default - an empty page
   */
  shell?(params: string[], query: URLSearchParams): HTMLElement;
}

export interface RouterOptions {
  readonly outlet: HTMLElement;
  readonly routes: readonly Route[];
  readonly notFound: () => View;
  /** The page for a load that failed; `retry` loads the page again. */
  readonly failed: (error: unknown, retry: () => void) => View;
  readonly siteName: string;
  /** Called with the current path and page after each navigation (marks the current nav link). */
  readonly navigated?: (path: string, view: View) => void;
}

/** The path after `#`, still percent-encoded: each route parameter is decoded once, on its own. */
export function currentPath(): string {
  return splitHash().path;
}

function splitHash(): { path: string; query: URLSearchParams } {
  const hash = location.hash.startsWith("#/") ? location.hash.slice(1) : "/";
  const at = hash.indexOf("?");
  return at === -1 ? { path: hash, query: new URLSearchParams() } : { path: hash.slice(0, at), query: new URLSearchParams(hash.slice(at + 1)) };
}

export function navigate(path: string): void {
  location.hash = `#${path}`;
}

/** `path` with the query's non-empty entries: `/apartments/a?checkIn=…`. */
export function withQuery(path: string, query: Record<string, string | undefined>): string {
  const entries = Object.entries(query).filter((entry): entry is [string, string] => !!entry[1]);
  return entries.length === 0 ? path : `${path}?${new URLSearchParams(entries)}`;
}

export function startRouter(options: RouterOptions): void {
  const { outlet, routes, notFound, failed, siteName, navigated } = options;
  let current: View | undefined;
  let navigation = 0;

  async function show(moveFocus: boolean): Promise<void> {
    const { path, query } = splitHash();
    const ticket = ++navigation;
    const match = routes.map((route) => ({ route, found: route.path.exec(path) })).find((m) => m.found);
    const params = match && decodeParams(match.found!.slice(1));
    // The shell replaces the previous page at once: a slow answer never leaves the old page up.
    const shell = match && params ? match.route.shell?.(params, query) : undefined;
    if (shell) {
      current?.dispose?.();
      current = undefined;
      outlet.replaceChildren(shell);
      if (moveFocus) {
        focusHeading(shell);
        window.scrollTo(0, 0);
      }
    }
    outlet.setAttribute("aria-busy", "true");
    let view: View;
    try {
      view = match && params ? await match.route.render(params, query) : notFound();
    } catch (error) {
      view = failed(error, () => void show(true));
    }
    if (ticket !== navigation) {
      view.dispose?.(); // the user moved on while this page was loading
      return;
    }
    current?.dispose?.();
    current = view;
    outlet.replaceChildren(view.element);
    outlet.removeAttribute("aria-busy");
    document.title = `${view.title} · ${siteName}`;
    navigated?.(path, view);
    // Focus goes to the page's heading, unless the guest moved it somewhere else in the shell meanwhile.
    const focused = document.activeElement;
    if (moveFocus && (!focused || focused === document.body || focused.tagName === "H1")) {
      focusHeading(view.element);
      window.scrollTo(0, 0);
    }
  }

  window.addEventListener("hashchange", () => void show(true));
  void show(false);
}

function focusHeading(page: HTMLElement): void {
  const heading = page.querySelector<HTMLElement>("h1");
  heading?.setAttribute("tabindex", "-1");
  heading?.focus();
}

/** Route parameters decoded, or undefined when one is not valid percent-encoding (a mangled address). */
function decodeParams(encoded: string[]): string[] | undefined {
  try {
    return encoded.map(decodeURIComponent);
  } catch {
    return undefined;
  }
}
