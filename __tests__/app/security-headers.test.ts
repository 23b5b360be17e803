import { Hono } from "hono";
import { createApi } from "../../app/api/app";
import { securityHeaders } from "../../app/http/security-headers";
import { createReportingApp, REPORTING_CSP } from "../../app/reporting/app";

function appWith(options?: Parameters<typeof securityHeaders>[0]): Hono {
  const app = new Hono();
  app.use(securityHeaders(options));
  app.get("/ok", (c) => c.text("ok"));
  app.get("/boom", () => {
    throw new Error("boom");
  });
  app.onError((_error, c) => c.text("failed", 500));
  return app;
}

describe("securityHeaders", () => {
  it("sets no-store, nosniff and COOP same-origin on answers, errors and unmatched routes, and no CSP by default", async () => {
    const app = appWith();
    for (const [path, status] of [["/ok", 200], ["/boom", 500], ["/missing", 404]] as const) {
      const response = await app.request(path);
      expect(response.status).toBe(status);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(response.headers.get("content-security-policy")).toBeNull();
    }
  });

  it("sets the app's Content-Security-Policy when given", async () => {
    const response = await appWith({ contentSecurityPolicy: "default-src 'none'" }).request("/ok");
    expect(response.headers.get("content-security-policy")).toBe("default-src 'none'");
  });

  it("is the one both apps use: the API without a CSP, the reporting page with its own", async () => {
    const api = createApi({ store: {} as never, workflow: {} as never, log: () => undefined } as never);
    const apiAnswer = await api.request("/api/live");
    expect(apiAnswer.headers.get("x-content-type-options")).toBe("nosniff");
    expect(apiAnswer.headers.get("content-security-policy")).toBeNull();

    const reporting = createReportingApp({ db: {} as never, tables: {} as never, metadata: {} as never, log: () => undefined });
    const page = await reporting.request("/reporting/live");
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.headers.get("content-security-policy")).toBe(REPORTING_CSP);
  });
});
