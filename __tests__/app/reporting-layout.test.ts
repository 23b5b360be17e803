/**
 * The occupancy page on a 375 px wide phone, in Debian's Chromium (as the browser tests): nothing
 * wider than the screen, so no horizontal scrolling. Skipped, with a warning, where there is no
 * Chromium on a developer's machine; CI always runs it.
 */
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";
import { occupancyPage } from "../../app/reporting/page";
import { demoOccupancy } from "../../app/reporting/dev";
import { REPORT_DAYS, type OccupancyReport } from "../../app/reporting/occupancy";
import { addDays, localDate } from "../../app/dates";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const SKIP = !existsSync(CHROMIUM) && !process.env.CI;
const layoutTest = SKIP ? test.skip : test;
if (SKIP) console.warn(`Reporting layout test skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);

jest.setTimeout(60_000);

/** A report of the demo data, with a long apartment name and every night booked, the widest it gets. */
function widestReport(now: Date): OccupancyReport {
  const { apartments } = demoOccupancy(now);
  const rows = apartments.map((apartment, i) => {
    const today = localDate(now, apartment.timeZone);
    return {
      apartment: i === 0 ? { ...apartment, name: "Harbour View Loft with a Very Long Name That Goes On and On Supercalifragilistic" } : apartment,
      today,
      nights: Array.from({ length: REPORT_DAYS }, (_, d) => ({ date: addDays(today, d), state: (["booked", "held", "releasing", "free"] as const)[d % 4], reference: "0b7e3f7a" })),
    };
  });
  return {
    generatedAt: now.toISOString(),
    reservationsByStatus: { pending: 12345, paid: 123, confirmed: 123456, expired: 1234567 },
    rows,
    days: Array.from({ length: REPORT_DAYS }, (_, offset) => ({ offset, dates: [addDays("2030-12-27", offset), addDays("2030-12-28", offset)], counts: { booked: 1000, held: 1000, releasing: 1000, free: 1000 } })),
  };
}

describe("the occupancy page at 375 px", () => {
  let browser: Browser;
  beforeAll(async () => {
    if (SKIP) return;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] });
  });
  afterAll(async () => {
    await browser?.close();
  });

  layoutTest("scrolls only vertically: no element is wider than the screen", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
    await page.setContent(String(await occupancyPage(widestReport(new Date("2030-12-31T23:30:00Z")))));
    const { scrollWidth, clientWidth, widest } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
      widest: Math.max(...Array.from(document.querySelectorAll("body *"), (e) => e.getBoundingClientRect().right)),
    }));
    expect(clientWidth).toBe(375);
    expect(scrollWidth).toBeLessThanOrEqual(375);
    expect(widest).toBeLessThanOrEqual(375);
    await page.close();
  });
});
