/**
 * The booking flow in a real browser: Debian's Chromium driven by playwright-core, against the
 * whole local system (`npm run dev -- --preview`: the production build with the site's security
 * headers, the API, the workflow running locally with a short payment window). One dev server and
 * one browser for the file. Every page state is checked with axe-core.
 */
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { securityHeaderValues } from "../../lib/security-headers";
import { startDevProcess, type DevProcess } from "../dev-process";

/** Debian's Chromium by default; CHROMIUM_PATH points elsewhere (another system's Chrome or Chromium). */
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
/**
 * Without a browser the suite fails in CI (which installs Chromium) and is skipped, with a warning
 * saying how to run it, on a developer's machine: `npm test` must pass on a fresh clone.
 */
const SKIP = !existsSync(CHROMIUM) && !process.env.CI;
const browserTest = SKIP ? test.skip : test;
if (SKIP) {
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM}. Install it (Debian/Ubuntu: \`apt-get install chromium\`) or set CHROMIUM_PATH; CI always runs them.`);
}
const SCREENSHOTS = join(__dirname, "..", "..", "test-results", "screenshots");
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
/** Long enough to reserve and pay by keyboard on a busy machine; the expiry test waits this out. */
const PAYMENT_WINDOW_SECONDS = 15;
/** More than the reservation page's refresh interval (web/src/views/reservation.ts REFRESH_MS = 1500). */
const REFRESH_MS = 1600;
/** Generous: the machine may be busy; waits end as soon as the page gets there. */
const WAIT = { timeout: 30_000 };
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 375, height: 812 };

jest.setTimeout(120_000);

let dev: DevProcess;
let context: BrowserContext;
let userDataDir: string;
/** Today at the demo apartments (the API's "tonight" check-in). */
let today: string;
/** Script errors and console errors (a CSP violation shows up here), checked after each test. */
const consoleErrors: string[] = [];

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  if (SKIP) return;
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: the browser tests drive Debian's Chromium. Install it with \`apt-get install chromium\` (as root) or set CHROMIUM_PATH, then run the tests again.`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  dev = await startDevProcess(["--preview"], { PAYMENT_WINDOW_SECONDS: String(PAYMENT_WINDOW_SECONDS), WORKFLOW_POLL_SECONDS: "1" });
  const apartments = (await (await fetch(new URL("/api/apartments", dev.urls.web))).json()) as Array<{ checkIn: string }>;
  today = apartments[0].checkIn;
  userDataDir = await mkdtemp(join(tmpdir(), "chromium-profile-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: "en-US", // the date inputs take month, day, year as typed below
    // No internet here: without these Chromium keeps trying to reach Google's services.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  expiring = startExpiringReservation();
  expiring.catch(() => undefined); // awaited (and reported) by the expiry test
});

/**
 * The expiry test's reservation (tonight at Old Town Studio), made as soon as the browser is up: its
 * payment window then runs out while the other tests run, not in a wait of its own.
 */
let expiring: Promise<Page> | undefined;
async function startExpiringReservation(): Promise<Page> {
  const page = await openPage(PHONE, `/#/apartments/apt-old-town?checkIn=${today}&checkOut=${addDays(today, 1)}`);
  await page.getByRole("heading", { level: 1, name: "Old Town Studio" }).waitFor(WAIT);
  await page.getByLabel("Full name").fill("Ana Example");
  await page.getByLabel("Email").fill("expiry@example.com");
  await page.getByRole("button", { name: "Reserve" }).click();
  await page.getByRole("button", { name: "Pay €85" }).waitFor(WAIT);
  return page;
}

afterAll(async () => {
  await context?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  const stopped = await dev?.stop();
  expect(stopped?.leftBehind ?? "").toBe("");
});

afterEach(() => {
  expect(consoleErrors.splice(0)).toEqual([]);
});

async function openPage(viewport: { width: number; height: number }, path = "/", options: { clock?: boolean | Date } = {}): Promise<Page> {
  const page = await context.newPage();
  if (options.clock) await page.clock.install(options.clock instanceof Date ? { time: options.clock } : {});
  await page.setViewportSize(viewport);
  page.on("console", (message) => {
    // An HTTP error answer is logged too; the app handles those (the tests expect 400s and 409s).
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  await page.goto(new URL(path, dev.urls.web).toString());
  return page;
}

/** axe-core's verdict on the page as it is now: no violation of any rule it runs by default. */
async function expectAccessible(page: Page, state: string): Promise<void> {
  // Evaluated through the DevTools protocol, which the page's CSP does not govern.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const { violations } = await (window as unknown as { axe: { run(context: Document): Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run(document);
    return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  });
  expect({ state, violations }).toEqual({ state, violations: [] });
}

function card(page: Page, name: string) {
  return page.locator(".card", { has: page.getByRole("heading", { name, exact: true }) });
}

async function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement!;
    return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""} ${element.textContent?.trim().slice(0, 40) ?? ""}`.trim();
  });
}

/** Presses Tab until `target` has the focus: how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`${target} not reached with ${limit} presses of Tab; focus is on ${await focusedElement(page)}`);
}

/** Types a date into the focused `<input type="date">` as a keyboard user does (en-US: month, day, year). */
async function typeDate(page: Page, date: string): Promise<void> {
  const [year, month, day] = date.split("-");
  await page.keyboard.type(`${month}${day}${year}`);
}

browserTest("the preview sends the site's security headers (as CloudFront does), robots.txt and the site config", async () => {
  const index = await fetch(new URL("/", dev.urls.web));
  for (const [name, value] of Object.entries(securityHeaderValues())) expect([name, index.headers.get(name)]).toEqual([name, value]);
  const robots = await fetch(new URL("/robots.txt", dev.urls.web));
  expect(robots.headers.get("content-type")).toMatch(/^text\/plain/);
  expect(await robots.text()).toMatch(/^User-agent: \*$[\s\S]*^Disallow: \/api\/$/m);
  expect(await (await fetch(new URL("/site-config.json", dev.urls.web))).json()).toEqual({ paymentWindowSeconds: PAYMENT_WINDOW_SECONDS });
});

browserTest("keyboard only: choose dates, see the total, reserve and pay: the booking is confirmed", async () => {
  const checkIn = addDays(today, 10);
  const checkOut = addDays(today, 13);
  const page = await openPage(DESKTOP);
  await page.getByRole("heading", { level: 1, name: "Apartments" }).waitFor(WAIT);
  await card(page, "Harbour View Loft").getByText("Free tonight", { exact: true }).waitFor(WAIT);
  await expectAccessible(page, "list");

  // Every apartment has its own picture, same origin, with its size and a text alternative.
  const pictures = await page.locator(".card img.photo").evaluateAll((images) =>
    images.map((img) => ({ sameOrigin: new URL((img as HTMLImageElement).currentSrc || (img as HTMLImageElement).src).origin === location.origin, width: img.getAttribute("width"), height: img.getAttribute("height"), alt: img.getAttribute("alt") ?? "", srcset: img.getAttribute("srcset") ?? "" })),
  );
  expect(pictures.length).toBeGreaterThanOrEqual(6);
  for (const picture of pictures) expect(picture).toEqual({ sameOrigin: true, width: "1200", height: "800", alt: expect.stringMatching(/^Illustration: .{20,}/), srcset: expect.stringMatching(/ 400w, .* 800w, .* 1200w$/) });

  // The dates, then the list for them.
  await tabTo(page, page.getByLabel("Check-in"));
  await typeDate(page, checkIn);
  await tabTo(page, page.getByLabel("Check-out"));
  await typeDate(page, checkOut);
  await tabTo(page, page.getByRole("button", { name: "Show availability" }));
  await page.keyboard.press("Enter");
  const harbour = card(page, "Harbour View Loft");
  await harbour.getByText("Free for your dates", { exact: true }).waitFor(WAIT);
  expect(await harbour.locator(".price").textContent()).toBe("3 nights · €360");

  await tabTo(page, harbour.getByRole("link", { name: "Reserve" }));
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 1, name: "Harbour View Loft" }).waitFor(WAIT);
  expect(await focusedElement(page)).toBe("h1 Harbour View Loft");
  // The dates came along; the nights, the total and the hold length show before reserving.
  expect(await page.getByLabel("Check-in").inputValue()).toBe(checkIn);
  expect(await page.getByLabel("Check-in").getAttribute("min")).toBe(today);
  expect(await page.locator(".quote").textContent()).toBe("3 nights × €120 = €360");
  await page.getByText(`We hold your dates for ${PAYMENT_WINDOW_SECONDS} seconds while you pay.`).waitFor(WAIT);
  expect(await page.locator(`.calendar td[data-date="${checkIn}"]`).textContent()).toContain("Free");
  await expectAccessible(page, "apartment");

  await tabTo(page, page.getByLabel("Full name"));
  await page.keyboard.type("Ana Example");
  await page.keyboard.press("Tab");
  await page.keyboard.type("keyboard@example.com");
  await tabTo(page, page.getByRole("button", { name: "Reserve" }));
  await page.keyboard.press("Enter");
  const stay = page.locator(".facts");
  await stay.getByText("3 nights").waitFor(WAIT);
  // Focus moves to the new page's heading, for keyboard and screen-reader users.
  expect(await focusedElement(page)).toBe("h1 Your reservation");
  expect(await stay.textContent()).toContain("€360");
  expect(await page.getByText(/^Pay by /).textContent()).toMatch(/^Pay by \d{2}:\d{2} \(your time\)/);
  // The clock is not a named span (a prohibited aria-label); warnings go to a polite live region.
  expect(await page.locator(".countdown [aria-label]").count()).toBe(0);
  expect(await page.locator('.countdown [aria-live="polite"]').count()).toBe(1);
  await expectAccessible(page, "reservation pending");

  // While the workflow confirms, the page says "Payment received": held there for the axe check.
  await page.route("**/api/reservation", async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    await route.fulfill({ response, json: { ...body, status: body.status === "confirmed" ? "paid" : body.status } });
  });
  await tabTo(page, page.getByRole("button", { name: "Pay €360" }));
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Payment received" }).waitFor(WAIT);
  await expectAccessible(page, "reservation paid");
  await page.unroute("**/api/reservation");
  await page.getByRole("heading", { name: "Booking confirmed" }).waitFor(WAIT);
  await expectAccessible(page, "reservation confirmed");
  await page.screenshot({ path: join(SCREENSHOTS, "confirmed.png"), fullPage: true });

  // Those nights are booked now: the calendar says so, in words.
  await page.goto(new URL(`/#/apartments/apt-harbour-view?checkIn=${checkIn}&checkOut=${checkOut}`, dev.urls.web).toString());
  await page.locator(`.calendar td[data-date="${addDays(checkIn, 1)}"]`).getByText("Booked").waitFor(WAIT);
  await page.getByText("Not free for your dates").waitFor(WAIT);
  await page.close();
});

browserTest("a 409: the apartment shows as taken for those nights, focus moves to the notice, and other dates succeed", async () => {
  const checkIn = addDays(today, 20);
  const checkOut = addDays(today, 23);
  const page = await openPage(PHONE, `/#/apartments/apt-garden-suite?checkIn=${checkIn}&checkOut=${checkOut}`);
  await page.getByRole("heading", { level: 1, name: "Garden Suite" }).waitFor(WAIT);
  await page.getByText("Free for your dates", { exact: true }).waitFor(WAIT);
  await page.getByLabel("Full name").fill("Ana Example");
  await page.getByLabel("Email").fill("conflict@example.com");

  // Someone else takes the middle night first.
  const other = await fetch(new URL("/api/reservations", dev.urls.web), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ apartmentId: "apt-garden-suite", guestName: "Bo Other", email: "bo@example.com", checkIn: addDays(checkIn, 1), checkOut: addDays(checkIn, 2) }),
  });
  expect(other.status).toBe(201);

  await page.getByRole("button", { name: "Reserve" }).click();
  const notice = page.getByText("Sorry, those dates were just booked.");
  await notice.waitFor(WAIT);
  expect(await focusedElement(page)).toMatch(/^div Sorry, those dates were just booked/);
  expect(await page.locator(".notice:focus").textContent()).toContain(`is no longer free`);
  await page.getByText("Not free for your dates").waitFor(WAIT);
  expect(await page.locator(`.calendar td[data-date="${addDays(checkIn, 1)}"]`).textContent()).toContain("Booked");
  await page.locator(".quote").getByText("already booked").waitFor(WAIT);
  await expectAccessible(page, "apartment after 409");
  await page.screenshot({ path: join(SCREENSHOTS, "conflict-phone.png"), fullPage: true });

  // Recover by keyboard: later dates, reserve again.
  await tabTo(page, page.getByLabel("Check-in"));
  await typeDate(page, addDays(checkIn, 2));
  await tabTo(page, page.getByLabel("Check-out"));
  await typeDate(page, addDays(checkIn, 4));
  await page.locator(".quote").getByText("2 nights × €150 = €300", { exact: true }).waitFor(WAIT);
  await page.getByText("Free for your dates", { exact: true }).waitFor(WAIT);
  await tabTo(page, page.getByRole("button", { name: "Reserve" }));
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Pay €300" }).waitFor(WAIT);
  await page.close();
});

browserTest("a bad form shows guest copy next to the fields, and each error clears as its field is corrected", async () => {
  const page = await openPage(PHONE, "/#/apartments/apt-riverside");
  await page.getByRole("heading", { level: 1, name: "Riverside Family Flat" }).waitFor(WAIT);
  await page.getByLabel("Check-in").fill(addDays(today, 40));
  await page.getByLabel("Check-out").fill(addDays(today, 40)); // no night at all
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Reserve" }).click();

  const error = (name: string) => page.locator(`#${name}-error`);
  await error("email").getByText("Enter an email address like ana@example.com.").waitFor(WAIT);
  expect(await error("guestName").textContent()).toBe("Enter your full name.");
  expect(await error("checkOut").textContent()).toBe("Check-out must be at least one day after check-in.");
  // Bound to the fields for assistive technology, and focus on the first one to fix.
  expect(await page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
  expect(await page.getByLabel("Email").getAttribute("aria-describedby")).toContain("email-error");
  expect(await focusedElement(page)).toBe("input#checkOut");
  expect(await page.getByRole("alert").textContent()).toContain("3 highlighted fields");
  await page.screenshot({ path: join(SCREENSHOTS, "form-errors-phone.png"), fullPage: true });

  // WCAG 1.4.11: an input's border contrasts at least 3:1 with the input and with the panel around it
  // (axe checks text contrast only), in light and dark mode.
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const ratios = await page.getByLabel("Full name").evaluate((input) => {
      const rgb = (css: string) => css.match(/[\d.]+/g)!.slice(0, 3).map(Number);
      const luminance = (css: string) => {
        const [r, g, b] = rgb(css).map((v) => v / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const ratio = (a: string, b: string) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
      };
      // Read without the error styling (aria-invalid draws a thicker, darker border).
      const plain = input.cloneNode() as HTMLInputElement;
      plain.removeAttribute("aria-invalid");
      input.after(plain);
      const border = getComputedStyle(plain).borderTopColor;
      const result = [ratio(border, getComputedStyle(plain).backgroundColor), ratio(border, getComputedStyle(input.closest(".panel")!).backgroundColor)];
      plain.remove();
      return result;
    });
    for (const value of ratios) expect({ colorScheme, value, atLeast3: value >= 3 }).toEqual({ colorScheme, value, atLeast3: true });
  }
  await page.emulateMedia({ colorScheme: "light" });

  await page.getByLabel("Full name").fill("Ana Example");
  expect(await error("guestName").textContent()).toBe("");
  expect(await page.getByLabel("Full name").getAttribute("aria-invalid")).toBeNull();
  expect(await page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true"); // not corrected yet
  await page.getByLabel("Check-out").fill(addDays(today, 42));
  await page.getByLabel("Email").fill("form@example.com");
  expect(await page.locator("[aria-invalid]").count()).toBe(0);
  expect(await page.getByRole("alert").isHidden()).toBe(true);
  await page.close();
});

browserTest("the reservation page says when it can't reach the API, backs off, and recovers", async () => {
  // The page's clock is Playwright's: each refresh (every 1.5 s) comes when the test moves time on.
  const page = await openPage(DESKTOP, `/#/apartments/apt-skyline?checkIn=${addDays(today, 30)}&checkOut=${addDays(today, 31)}`, { clock: true });
  await page.getByRole("heading", { level: 1, name: "Skyline Penthouse" }).waitFor(WAIT);
  await page.getByLabel("Full name").fill("Ana Example");
  await page.getByLabel("Email").fill("offline@example.com");
  await page.getByRole("button", { name: "Reserve" }).click();
  await page.getByRole("heading", { level: 1, name: "Your reservation" }).waitFor(WAIT);

  const notice = page.getByText("We can't reach the booking service right now");
  let failed = 0;
  await page.route("**/api/reservation", (route) => {
    failed++;
    return route.abort();
  });
  await page.clock.fastForward(REFRESH_MS);
  await notice.waitFor(WAIT);
  // Backing off: the next try waits twice the interval, not one interval.
  const afterFirst = failed;
  await page.clock.fastForward(REFRESH_MS);
  expect(failed).toBe(afterFirst);
  await page.unroute("**/api/reservation");
  await page.clock.fastForward(REFRESH_MS * 2);
  await notice.waitFor({ ...WAIT, state: "hidden" });

  // Hidden tab: no requests at all; shown again: one at once.
  let requests = 0;
  page.on("request", (request) => void (request.url().endsWith("/api/reservation") && requests++));
  await page.evaluate(() => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await page.clock.fastForward(REFRESH_MS * 5);
  expect(requests).toBe(0);
  await page.evaluate(() => {
    Object.defineProperty(document, "hidden", { configurable: true, get: () => false });
    document.dispatchEvent(new Event("visibilitychange"));
  });
  await page.waitForRequest("**/api/reservation", WAIT);
  await page.close();
});

browserTest("the countdown says '1 minute left' and '15 seconds left' once each, in a polite live region", async () => {
  const answer = await fetch(new URL("/api/reservations", dev.urls.web), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ apartmentId: "apt-park-corner", guestName: "Ana Example", email: "countdown@example.com", checkIn: addDays(today, 50), checkOut: addDays(today, 52) }),
  });
  expect(answer.status).toBe(201);
  const { id } = (await answer.json()) as { id: string };
  // The page's clock starts 50 s before the real one: the deadline looks 50 s further away.
  const page = await openPage(PHONE, `/#/reservations/${id}`, { clock: new Date(Date.now() - 50_000) });
  await page.getByRole("button", { name: "Pay €270" }).waitFor(WAIT);
  const region = page.locator('.countdown [aria-live="polite"]');
  expect(await region.textContent()).toBe("");
  await page.clock.fastForward(10_000);
  await region.getByText("1 minute left to pay.", { exact: true }).waitFor(WAIT);
  await page.clock.fastForward(5_000);
  expect(await region.textContent()).toBe("1 minute left to pay.");
  await page.clock.fastForward(42_000);
  await region.getByText("15 seconds left to pay.", { exact: true }).waitFor(WAIT);
  await page.close();
});

browserTest("a list that failed to load retries by itself, waiting longer each time, and shows up when the API answers", async () => {
  const page = await context.newPage();
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  await page.clock.install();
  let tries = 0;
  await page.route("**/api/apartments", (route) => {
    tries++;
    return route.fulfill({ status: 502, contentType: "text/html", body: "<html>Bad gateway</html>" });
  });
  await page.goto(dev.urls.web);
  await page.getByRole("heading", { level: 1, name: "Can't load this page" }).waitFor(WAIT);
  // Guest copy, not the status code.
  expect(await page.locator("main").textContent()).not.toMatch(/502|answered/);
  await page.getByText("Trying again in 2 seconds").waitFor(WAIT);
  await expectAccessible(page, "list failed");
  await page.clock.fastForward(2_000);
  await page.getByText("Trying again in 4 seconds").waitFor(WAIT);
  expect(tries).toBe(2);

  await page.unroute("**/api/apartments");
  await page.getByRole("button", { name: "Try again now" }).press("Enter");
  await page.getByRole("heading", { level: 1, name: "Apartments" }).waitFor(WAIT);
  await card(page, "Garden Suite").waitFor(WAIT);
  await page.close();
});

browserTest("an unknown reservation, a mangled address, an old link's past dates and the About page", async () => {
  const page = await openPage(PHONE, "/#/reservations/no-such-reservation");
  await page.getByRole("heading", { level: 1, name: "Reservation not found" }).waitFor(WAIT);
  expect(await page.locator("main").textContent()).not.toMatch(/invalid|details|fix/i);
  await expectAccessible(page, "not found");

  // Bad percent-encoding shows "Page not found" instead of hanging on a loading page.
  await page.goto(new URL("/#/apartments/%E0%A4%A", dev.urls.web).toString());
  await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor(WAIT);
  expect(await page.locator("main").getAttribute("aria-busy")).toBeNull();

  // An old link with a past check-in: tonight instead, said in words, not a failed page.
  await page.goto(new URL(`/#/?checkIn=${addDays(today, -3)}&checkOut=${addDays(today, -1)}`, dev.urls.web).toString());
  await page.getByText("Those dates can't be booked").waitFor(WAIT);
  await card(page, "Skyline Penthouse").waitFor(WAIT);
  await page.goto(new URL(`/#/apartments/apt-skyline?checkIn=${addDays(today, -3)}&checkOut=${addDays(today, -1)}`, dev.urls.web).toString());
  await page.getByRole("heading", { level: 1, name: "Skyline Penthouse" }).waitFor(WAIT);
  expect(await page.getByLabel("Check-in").inputValue()).toBe("");

  await page.goto(new URL("/#/about", dev.urls.web).toString());
  await page.getByRole("heading", { level: 1, name: "About" }).waitFor(WAIT);
  await expectAccessible(page, "about");
  await page.close();
});

browserTest("let the payment window pass: the reservation expires and tonight is free again", async () => {
  // Reserved in beforeAll, so the window ran out during the other tests.
  const page = await expiring!;
  await page.getByRole("heading", { name: "Reservation expired" }).waitFor({ timeout: 30_000 + PAYMENT_WINDOW_SECONDS * 1000 });
  expect(await page.getByRole("button", { name: /^Pay/ }).count()).toBe(0);
  await expectAccessible(page, "reservation expired");
  await page.screenshot({ path: join(SCREENSHOTS, "expired-phone.png"), fullPage: true });

  await page.getByRole("link", { name: "Find another apartment" }).click();
  await card(page, "Old Town Studio").getByText("Free tonight", { exact: true }).waitFor(WAIT);
  await page.close();
});
