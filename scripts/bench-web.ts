/**
 * `npx tsx scripts/bench-web.ts [runs]`: Lighthouse-style figures of the web app's list page on a
 * phone, printed as numbers (never asserted by a test). The whole local system runs as
 * `npm run dev -- --preview` does (the production build with the site's headers, the API with the
 * demo apartments); Chromium (CHROMIUM_PATH, default /usr/bin/chromium) opens the list page
 * emulating a 375 × 667 phone at 2x with Lighthouse's mobile throttling: 4x slower CPU (CDP
 * Emulation.setCPUThrottlingRate) and a 150 ms / 1.6 Mbit/s network (Network.emulateNetworkConditions).
 *
 * Prints per run and the median: CLS (the largest session window of layout shifts, as Lighthouse
 * and the Core Web Vitals count it), LCP (time and element), and the bytes the page loaded: JS and
 * CSS raw and gzipped (as CloudFront compresses them), images.
 */
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "playwright-core";
import { startLocalStack } from "./local-stack";

const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const RUNS = Number(process.argv[2] ?? 3);
const CPU_SLOWDOWN = 4;
const NETWORK = { latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 };

interface Run {
  cls: number;
  lcpMs: number;
  lcpElement: string;
  resources: Array<{ url: string; type: string; bytes: number }>;
}

/** Collects layout shifts and LCP from the first byte on (before any of the page's scripts run). */
const OBSERVE = `(() => {
  const metrics = (window.__metrics = { shifts: [], lcp: [] });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) metrics.shifts.push({ value: e.value, time: e.startTime });
  }).observe({ type: "layout-shift", buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const el = e.element;
      metrics.lcp.push({ time: e.startTime, element: el ? el.tagName.toLowerCase() + (el.className ? "." + String(el.className).split(" ").join(".") : "") : "?" });
    }
  }).observe({ type: "largest-contentful-paint", buffered: true });
})();`;

/** CLS as the Core Web Vitals define it: the worst session window (shifts < 1 s apart, window ≤ 5 s). */
export function sessionWindowCls(shifts: ReadonlyArray<{ value: number; time: number }>): number {
  let worst = 0, current = 0, windowStart = -Infinity, last = -Infinity;
  for (const { value, time } of shifts) {
    if (time - last > 1000 || time - windowStart > 5000) {
      current = 0;
      windowStart = time;
    }
    current += value;
    last = time;
    worst = Math.max(worst, current);
  }
  return worst;
}

async function measure(page: Page, url: string): Promise<Run> {
  await page.goto(url, { waitUntil: "load" });
  await page.locator(".card[data-apartment-id]").first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(1500); // late shifts (pictures decoding) still count
  const { shifts, lcp, resources } = await page.evaluate(() => {
    const m = (window as unknown as { __metrics: { shifts: Array<{ value: number; time: number }>; lcp: Array<{ time: number; element: string }> } }).__metrics;
    const entries = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
    return {
      shifts: m.shifts,
      lcp: m.lcp,
      resources: entries.map((e) => ({ url: e.name, type: e.initiatorType, bytes: e.decodedBodySize })),
    };
  });
  const last = lcp[lcp.length - 1];
  return { cls: sessionWindowCls(shifts), lcpMs: last?.time ?? NaN, lcpElement: last?.element ?? "none", resources };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  const stack = await startLocalStack({ ports: { web: 0, api: 0, reporting: 0 }, paymentWindowSeconds: 120, workflowPollSeconds: 1, web: "preview" });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"] });
  try {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      // A fresh context per run: nothing cached, as on a first visit.
      const context = await browser.newContext({ viewport: { width: 375, height: 667 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
      const page = await context.newPage();
      await page.addInitScript(OBSERVE);
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: CPU_SLOWDOWN });
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", { offline: false, ...NETWORK });
      runs.push(await measure(page, stack.urls.web));
      await context.close();
    }

    // Bytes: the files the page loaded, fetched again (unthrottled) to gzip them as CloudFront would.
    const sizes = { js: { raw: 0, gz: 0, files: 0 }, css: { raw: 0, gz: 0, files: 0 }, images: { raw: 0, files: 0 } };
    for (const resource of runs[0].resources) {
      const path = new URL(resource.url).pathname;
      const kind = path.endsWith(".js") ? "js" : path.endsWith(".css") ? "css" : /\.(png|jpe?g|webp|avif|svg)$/.test(path) ? "images" : undefined;
      if (!kind) continue;
      const body = Buffer.from(await (await fetch(resource.url)).arrayBuffer());
      const entry = sizes[kind] as { raw: number; gz?: number; files: number };
      entry.raw += body.length;
      entry.files++;
      if (entry.gz !== undefined) entry.gz += gzipSync(body).length;
    }

    console.log(`list page, mobile: 375x667 @2x, ${CPU_SLOWDOWN}x CPU slowdown, ${NETWORK.latency} ms RTT / 1.6 Mbit/s down (${new Date().toISOString().slice(0, 10)})`);
    console.log("run  CLS     LCP      LCP element");
    runs.forEach((r, i) => console.log(`${String(i + 1).padEnd(4)} ${r.cls.toFixed(3)}   ${`${Math.round(r.lcpMs)} ms`.padEnd(8)} ${r.lcpElement}`));
    console.log(`median CLS ${median(runs.map((r) => r.cls)).toFixed(3)}, LCP ${Math.round(median(runs.map((r) => r.lcpMs)))} ms`);
    console.log(`JS ${kb(sizes.js.raw)} raw, ${kb(sizes.js.gz)} gzip (${sizes.js.files} file${sizes.js.files === 1 ? "" : "s"})`);
    console.log(`CSS ${kb(sizes.css.raw)} raw, ${kb(sizes.css.gz)} gzip (${sizes.css.files} file${sizes.css.files === 1 ? "" : "s"})`);
    console.log(`images ${kb(sizes.images.raw)} (${sizes.images.files} files loaded by the page: lazy ones start near the viewport)`);
  } finally {
    await browser.close();
    await stack.stop();
  }
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`bench-web failed: ${error.stack ?? error.message}`);
    process.exit(1);
  });
}
