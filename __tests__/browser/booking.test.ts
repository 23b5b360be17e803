/**
 * The booking flow in a real browser: Debian's Chromium driven by playwright-core, against the
 * whole local system (`npm run dev -- --preview`: the production build under the site's CSP, the
 * API, the workflow running locally with a short payment window).
 */
import { existsSync, mkdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
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
/** Long enough to click Pay on a busy machine; the expiry test waits this out. */
const PAYMENT_WINDOW_SECONDS = 6;
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
/** Script errors and console errors (a CSP violation shows up here), checked after each test. */
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (SKIP) return;
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: the browser tests drive Debian's Chromium. Install it with \`apt-get install chromium\` (as root) or set CHROMIUM_PATH, then run the tests again.`);
  }
  mkdirSync(SCREENSHOTS, { recursive: true });
  dev = await startDevProcess(["--preview"], { PAYMENT_WINDOW_SECONDS: String(PAYMENT_WINDOW_SECONDS), WORKFLOW_POLL_SECONDS: "1" });
  userDataDir = await mkdtemp(join(tmpdir(), "chromium-profile-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    // No internet here: without these Chromium keeps trying to reach Google's services.
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  expiring = startExpiringReservation();
  expiring.catch(() => undefined); // awaited (and reported) by the expiry test
});

/**
 * The expiry test's reservation, made as soon as the browser is up: its payment window (long enough
 * to click Pay in the confirm test) then runs out while the other tests run, not in a wait of its own.
 */
let expiring: Promise<Page> | undefined;
async function startExpiringReservation(): Promise<Page> {
  const page = await openPage(PHONE);
  await reserve(page, "Old Town Studio");
  await page.getByRole("button", { name: "Pay now" }).waitFor(WAIT);
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

async function openPage(viewport: { width: number; height: number }, path = "/", options: { clock?: boolean } = {}): Promise<Page> {
  const page = await context.newPage();
  if (options.clock) await page.clock.install();
  await page.setViewportSize(viewport);
  page.on("console", (message) => {
    // An HTTP error answer is logged too; the app handles those (the bad-form test expects a 400).
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  await page.goto(new URL(path, dev.urls.web).toString());
  return page;
}

function card(page: Page, name: string) {
  return page.locator(".card", { has: page.getByRole("heading", { name, exact: true }) });
}

async function reserve(page: Page, apartment: string): Promise<void> {
  await card(page, apartment).getByRole("link", { name: "Reserve" }).click();
  await page.getByRole("heading", { level: 1, name: apartment }).waitFor(WAIT);
  await page.getByLabel("Full name").fill("Ana Example");
  await page.getByLabel("Email").fill("ana@example.com");
  await page.getByRole("button", { name: "Reserve" }).click();
  await page.getByRole("heading", { level: 1, name: "Your reservation" }).waitFor(WAIT);
}

async function focusedElement(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement!;
    return `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""} ${element.textContent?.trim().slice(0, 40) ?? ""}`.trim();
  });
}

browserTest("reserve and pay: the booking is confirmed and the apartment shows occupied", async () => {
  const page = await openPage(DESKTOP);
  await reserve(page, "Harbour View Loft");
  // Focus moves to the new page's heading, for keyboard and screen-reader users.
  expect(await focusedElement(page)).toBe("h1 Your reservation");

  const pay = page.getByRole("button", { name: "Pay now" });
  await pay.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "Booking confirmed" }).waitFor(WAIT);
  await page.screenshot({ path: join(SCREENSHOTS, "confirmed.png"), fullPage: true });

  await page.getByRole("link", { name: "Back to apartments" }).click();
  await card(page, "Harbour View Loft").getByText("Occupied").waitFor(WAIT);
  await page.screenshot({ path: join(SCREENSHOTS, "apartments-after-booking.png"), fullPage: true });
  await page.close();
});

browserTest("a bad form shows the API's field errors next to the fields", async () => {
  const page = await openPage(PHONE, "/#/apartments/apt-garden-suite");
  await page.getByLabel("Email").fill("not-an-email");
  await page.getByRole("button", { name: "Reserve" }).click();

  const nameError = page.locator("#guestName-error:not(:empty)");
  const emailError = page.locator("#email-error:not(:empty)");
  await nameError.waitFor(WAIT);
  await emailError.waitFor(WAIT);

  // The same request straight to the API: the page shows the API's own messages.
  const answer = await fetch(new URL("/api/reservations", dev.urls.web), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ apartmentId: "apt-garden-suite", guestName: "", email: "not-an-email" }),
  });
  expect(answer.status).toBe(400);
  const { details } = (await answer.json()) as { details: Array<{ field: string; message: string }> };
  expect(await nameError.textContent()).toBe(details.find((d) => d.field === "guestName")!.message);
  expect(await emailError.textContent()).toBe(details.find((d) => d.field === "email")!.message);

  // Bound to the fields for assistive technology, and focus on the first one to fix.
  expect(await page.getByLabel("Email").getAttribute("aria-invalid")).toBe("true");
  expect(await page.getByLabel("Email").getAttribute("aria-describedby")).toContain("email-error");
  expect(await focusedElement(page)).toBe("input#guestName");
  expect(await page.getByRole("alert").textContent()).toContain("2 highlighted fields");
  await page.screenshot({ path: join(SCREENSHOTS, "form-errors-phone.png"), fullPage: true });
  await page.close();
});

browserTest("the reservation page says when it can't reach the API, and recovers", async () => {
  // The page's clock is Playwright's: each refresh (every 1.5 s) comes when the test moves time on.
  const page = await openPage(DESKTOP, "/", { clock: true });
  await reserve(page, "Riverside Family Flat");
  const notice = page.getByText("Can't reach the booking service right now");
  await page.route("**/api/reservation", (route) => route.abort());
  await page.clock.fastForward(REFRESH_MS);
  await notice.waitFor(WAIT);
  await page.unroute("**/api/reservation");
  await page.clock.fastForward(REFRESH_MS);
  await notice.waitFor({ ...WAIT, state: "hidden" });
  await page.close();
});

browserTest("a mangled address (bad percent-encoding) shows 'Page not found' instead of hanging on 'Loading…'", async () => {
  const page = await openPage(DESKTOP, "/#/apartments/%E0%A4%A");
  await page.getByRole("heading", { level: 1, name: "Page not found" }).waitFor(WAIT);
  expect(await page.locator("main").getAttribute("aria-busy")).toBeNull();
  await page.close();
});

browserTest("reserve and let the payment window pass: the reservation expires and the apartment is vacant again", async () => {
  // Reserved in beforeAll (same steps, same checks), so the window ran out during the other tests.
  const page = await expiring!;
  // Reservation expired is reached when the server-side workflow releases the hold.
  await page.getByRole("heading", { name: "Reservation expired" }).waitFor({ timeout: 30_000 + PAYMENT_WINDOW_SECONDS * 1000 });
  expect(await page.getByRole("button", { name: "Pay now" }).count()).toBe(0);
  await page.screenshot({ path: join(SCREENSHOTS, "expired-phone.png"), fullPage: true });

  await page.getByRole("link", { name: "Find another apartment" }).click();
  await card(page, "Old Town Studio").getByText("Vacant").waitFor(WAIT);
  await page.close();
});
