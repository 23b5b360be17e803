/**
 * Hash routing (`#/reservations/<id>`): the static hosting (S3 behind CloudFront) only ever serves
 * index.html, and a hash never reaches the server.
 */
export interface View {
  /** Page title, also the accessible name the browser announces on navigation. */
  readonly title: string;
  /** The page; holds exactly one h1, which receives focus after navigation. */
  readonly element: HTMLElement;
  /** Stops the view's timers when the user navigates away. */
  dispose?(): void;
}

export interface Route {
  /** Matched against the path after `#`; capture groups become `params`. */
  readonly path: RegExp;
  render(params: string[]): Promise<View>;
}

export interface RouterOptions {
  readonly outlet: HTMLElement;
  readonly routes: readonly Route[];
  readonly notFound: () => View;
  readonly failed: (error: unknown) => View;
  readonly siteName: string;
  /** Called with the current path after each navigation (marks the current nav link). */
  readonly navigated?: (path: string) => void;
}

/** The path after `#`, still percent-encoded: each route parameter is decoded once, on its own. */
export function currentPath(): string {
  return location.hash.startsWith("#/") ? location.hash.slice(1) : "/";
}

export function navigate(path: string): void {
  location.hash = `#${path}`;
}

export function startRouter(options: RouterOptions): void {
  const { outlet, routes, notFound, failed, siteName, navigated } = options;
  let current: View | undefined;
  let navigation = 0;

  async function show(moveFocus: boolean): Promise<void> {
    const path = currentPath();
    const ticket = ++navigation;
    outlet.setAttribute("aria-busy", "true");
    let view: View;
    try {
      const match = routes.map((route) => ({ route, found: route.path.exec(path) })).find((m) => m.found);
      const params = match && decodeParams(match.found!.slice(1));
      view = match && params ? await match.route.render(params) : notFound();
    } catch (error) {
      view = failed(error);
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
    navigated?.(path);
    if (moveFocus) {
      const heading = view.element.querySelector<HTMLElement>("h1");
      heading?.setAttribute("tabindex", "-1");
      heading?.focus();
      window.scrollTo(0, 0);
    }
  }

  window.addEventListener("hashchange", () => void show(true));
  void show(false);
}

/** Route parameters decoded, or undefined when one is not valid percent-encoding (a mangled address). */
function decodeParams(encoded: string[]): string[] | undefined {
  try {
    return encoded.map(decodeURIComponent);
  } catch {
    return undefined;
  }
}
