import { startDevProcess, type DevProcess } from "./dev-process";

jest.setTimeout(90_000);

describe("npm run dev", () => {
  let dev: DevProcess | undefined;

  afterEach(async () => {
    await dev?.stop("SIGKILL");
    dev = undefined;
  });

  test("serves the web app, and the API and the reporting service through its proxy; Ctrl-C leaves no process", async () => {
    dev = await startDevProcess([], { PAYMENT_WINDOW_SECONDS: "60" });
    const { urls } = dev;
    expect(urls.web).toMatch(/^http:\/\/localhost:\d+\/$/);

    const page = await fetch(urls.web);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<main id="main"');

    const apartments = await fetch(new URL("/api/apartments", urls.web));
    expect(apartments.status).toBe(200);
    expect((await apartments.json()).length).toBeGreaterThan(0);
    expect((await fetch(new URL("/reporting/health", urls.web))).status).toBe(200);
    expect((await fetch(`${urls.api}/health`)).status).toBe(200);

    const stopped = await dev.stop("SIGINT", "group");
    dev = undefined;
    expect(stopped).toEqual({ code: 0, leftBehind: "" });
    await expect(fetch(urls.web)).rejects.toThrow();
    await expect(fetch(`${urls.api}/health`)).rejects.toThrow();
  });

  test("SIGTERM to the process alone stops every piece", async () => {
    dev = await startDevProcess();
    const { urls } = dev;
    const stopped = await dev.stop("SIGTERM", "leader");
    dev = undefined;
    expect(stopped).toEqual({ code: 0, leftBehind: "" });
    await expect(fetch(urls.reporting.replace(/\/reporting$/, "/reporting/health"))).rejects.toThrow();
  });

  test("fails on a bad port setting, naming the variable", async () => {
    await expect(startDevProcess([], { WEB_PORT: "eighty" })).rejects.toThrow('WEB_PORT "eighty" must be a TCP port number from 0 to 65535, e.g. WEB_PORT=5173');
  });
});
